// `npm run test:faults`: the fault suite. Runs the plain-Node fault tests (test/faults/*.test.ts)
// and then the integration tests whose title contains "Faults" inside VS Code (code-server), with
// NEWSMARK_FAULT_LEDGER naming a fresh ledger that every fault test appends a line to
// (test/faults/ledger.ts). Its last line sums the ledger:
//   faults tried: N, tags before: N, tags after: N, tags lost: N
// and it fails if a step failed, any tag was lost, a line's counts contradict each other, or a
// suite of scripts/faultLedger.mjs's EXPECTED_SUITES left no line (its tests did not run).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLedger, parseLedger, summaryLine } from './faultLedger.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const FAULTS_DIR = join(ROOT, 'test', 'faults');

function run(label, args, env) {
  console.log(`\n== ${label}: node ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => { console.error(`${label}: ${err.message}`); resolve(1); });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'newsmark-faults-'));
  const ledger = join(scratch, 'ledger.jsonl');
  writeFileSync(ledger, '');
  const env = { NEWSMARK_FAULT_LEDGER: ledger };
  const failed = [];
  try {
    // Node 20's --test takes no globs: list the files here.
    const files = existsSync(FAULTS_DIR) ? readdirSync(FAULTS_DIR).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test', 'faults', f)) : [];
    if (files.length === 0) failed.push('no test/faults/*.test.ts files');
    else if (await run('fault tests (Node)', ['--import', 'tsx', '--test', ...files], env)) failed.push('fault tests (Node)');

    // The integration suite bundles the "Faults: …" tests from test/integration: build so they are current.
    if (await run('build', ['scripts/build.mjs'], {})) failed.push('build');
    else if (await run('fault tests (VS Code)', ['scripts/test-codeserver.mjs', '--no-ui', '--grep', 'Faults'], env)) failed.push('fault tests (VS Code)');

    console.log('\n== fault ledger');
    const { entries, problems } = parseLedger(existsSync(ledger) ? readFileSync(ledger, 'utf8') : '');
    for (const e of entries) console.log(`  ${e.suite}: ${e.faults} faults, tags before ${e.tagsBefore}, after ${e.tagsAfter}, lost ${e.tagsLost}`);
    const { totals, failures } = checkLedger(entries);
    failed.push(...problems, ...failures);
    for (const f of failed) console.log(`  ✗ ${f}`);
    console.log(summaryLine(totals));
    return failed.length > 0 ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`test-faults: ${err.stack || err.message}`); process.exit(1); },
);
