import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import './cacheDir';
import { SidecarFile } from '../../src/core/sidecar';

const SAMPLES = join(__dirname, '..', '..', 'samples');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { line: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function withTemp(body: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-args-'));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Bad usage: exit 2, one line naming the problem, then the command's usage and nothing on stdout. */
function assertUsageError(result: { code: number; out: string; err: string }, command: string, message: RegExp): void {
  assert.equal(result.code, 2, result.err);
  const [first, blank, usage] = result.err.split('\n');
  assert.match(first!, new RegExp(`^newsmark ${command}: `));
  assert.match(first!, message);
  assert.equal(blank, '');
  assert.match(usage!, new RegExp(`^Usage: newsmark ${command} `), 'the usage of that command follows');
  assert.equal(result.out, '');
}

describe('newsmark command-line arguments', () => {
  it('refuses an unknown option with one line, the usage and exit 2', async () => {
    assertUsageError(await run(['check', '--frobnicate', SAMPLES]), 'check', /unknown option --frobnicate/);
    assertUsageError(await run(['stats', SAMPLES, '-x']), 'stats', /unknown option -x/);
    // An option of another command is unknown here.
    assertUsageError(await run(['validate', '--fix', SAMPLES]), 'validate', /unknown option --fix/);
  });

  it('refuses an option that needs a value and has none, or a flag given a value', async () => {
    assertUsageError(await run(['export', SAMPLES, '--format']), 'export', /--format needs a value/);
    assertUsageError(await run(['export', '--format', '--bom', SAMPLES]), 'export', /--format needs a value/);
    assertUsageError(await run(['import', '--format', 'brat', SAMPLES, '--map']), 'import', /--map needs a value/);
    assertUsageError(await run(['check', '--fix=yes', SAMPLES]), 'check', /--fix takes no value/);
  });

  it('refuses a single-valued option given twice instead of silently taking one', async () => {
    assertUsageError(await run(['export', '--format', 'csv', '--format', 'brat', SAMPLES]), 'export', /--format is given 2 times/);
  });

  it('takes --format=csv and options after the paths', async () => {
    const inline = await run(['export', '--format=csv', SAMPLES]);
    assert.equal(inline.code, 0, inline.err);
    const after = await run(['export', SAMPLES, '--format', 'csv']);
    assert.equal(after.code, 0, after.err);
    assert.match(inline.out, /^article,/);
    assert.equal(after.out, inline.out);
  });

  it('accepts --force for export and --offsets for export and import', async () => {
    const forced = await run(['export', '--force', '--format', 'csv', SAMPLES]);
    assert.equal(forced.code, 0, forced.err);
    const offsets = await run(['export', '--format', 'doccano', '--offsets', 'codepoints', SAMPLES]);
    assert.equal(offsets.code, 0, offsets.err);
  });

  it('passes every --map of a repeated option to import', withTemp(async (dir) => {
    writeFileSync(join(dir, 'story.txt'), 'The minister said the bridge was safe. About 300 people crossed.\n');
    writeFileSync(join(dir, 'story.ann'), 'T1\tAssertion 13 37\tthe bridge was safe\nT2\tQuantity 45 55\t300 people\n');
    const result = await run(['import', '--format', 'brat', '--map', 'Assertion=claim', '--articles', dir, join(dir, 'story.ann'), '--map', 'Quantity=figure']);
    assert.equal(result.code, 0, result.err);
    const parsed = SidecarFile.parse(readFileSync(join(dir, 'story.txt.tags.yaml'), 'utf8'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.tags.map((t) => [t.category, t.text]), [['claim', 'the bridge was safe'], ['figure', '300 people']]);
  }));

  it('"--" ends the options: what follows is a path even if it looks like one', withTemp(async (dir) => {
    cpSync(SAMPLES, dir, { recursive: true });
    writeFileSync(join(dir, 'meridian-ledger.txt'), `Updated.\n\n${readFileSync(join(dir, 'meridian-ledger.txt'), 'utf8')}`);
    const before = readFileSync(join(dir, 'meridian-ledger.txt.tags.yaml'), 'utf8');
    const result = await run(['check', dir, '--', '--fix']);
    assertUsageError(result, 'check', /--fix: no such file or folder/);
    assert.equal(readFileSync(join(dir, 'meridian-ledger.txt.tags.yaml'), 'utf8'), before, '--fix after -- is not the option');
  }));

  it('prints a command\'s usage for -h or --help after it, and exits 0', async () => {
    for (const args of [['export', '-h'], ['export', '--help', SAMPLES]]) {
      const result = await run(args);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /^Usage: newsmark export --format F/);
      assert.doesNotMatch(result.out, /suggest \[--json\]/, 'only that command');
    }
  });

  it('explains PATH as an article, sidecar or folder only for the commands that read those', async () => {
    assert.match((await run(['stats', '--help'])).out, /PATH is an article, a sidecar/);
    for (const command of ['ingest', 'import']) {
      const help = await run([command, '--help']);
      assert.equal(help.code, 0, help.err);
      assert.doesNotMatch(help.out, /PATH is an article/, `${command} reads files of its own kind`);
    }
  });

  it('exits 2 on an unknown command or no paths, 0 on --help, and shows the whole usage', async () => {
    const unknown = await run(['frobnicate', SAMPLES]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^newsmark frobnicate: unknown command "frobnicate"\.\n\nUsage: newsmark <command>/);
    assertUsageError(await run(['stats']), 'stats', /give at least one article/);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /Commands:[\s\S]*check[\s\S]*validate/);
    assert.equal((await run([])).code, 2);
  });
});
