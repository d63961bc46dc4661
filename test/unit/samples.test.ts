import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { main } from '../../src/cli/main';
import './cacheDir';
import { scratchDir } from './scratch';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const sidecars = readdirSync(SAMPLES).filter((f) => f.endsWith('.tags.yaml'));


describe('samples', () => {
  it('has fictional articles with sidecars for every category', () => {
    assert.ok(sidecars.length >= 3);
    const categories = new Set<string>();
    for (const name of sidecars) {
      const parsed = SidecarFile.parse(readFileSync(join(SAMPLES, name), 'utf8'));
      assert.ok(parsed.ok, name);
      parsed.sidecar.tags.forEach((t) => categories.add(t.category));
      const article = readFileSync(join(SAMPLES, parsed.sidecar.article), 'utf8');
      assert.equal(parsed.sidecar.sha256, articleHash(article), `${name} hash`);
    }
    assert.deepEqual([...categories].sort(), ['claim', 'denial', 'figure', 'framing']);
  });

  it("Python's text[start:end] on each article equals every tag's text", () => {
    // Tag offsets are passed to Python as JSON so the check needs no YAML library there.
    const cases = sidecars.flatMap((name) => {
      const parsed = SidecarFile.parse(readFileSync(join(SAMPLES, name), 'utf8'));
      if (!parsed.ok) throw new Error(name);
      return parsed.sidecar.tags.map((t) => ({ article: join(SAMPLES, parsed.sidecar.article), start: t.start, end: t.end, text: t.text }));
    });
    const script = [
      'import json, sys',
      'cases = json.load(sys.stdin)',
      'bad = [c for c in cases if open(c["article"], encoding="utf-8").read()[c["start"]:c["end"]] != c["text"]]',
      'print(json.dumps({"checked": len(cases), "bad": bad}))',
    ].join('\n');
    const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { checked: number; bad: unknown[] };
    assert.equal(report.checked, cases.length);
    assert.deepEqual(report.bad, []);
    assert.ok(cases.length >= 30);
  });

  it('rewrites each sample sidecar byte for byte when its tags are unchanged', () => {
    for (const name of sidecars) {
      const text = readFileSync(join(SAMPLES, name), 'utf8');
      const parsed = SidecarFile.parse(text);
      if (!parsed.ok) throw new Error(name);
      assert.equal(parsed.sidecar.serialize(parsed.sidecar.tags, parsed.sidecar.sha256), text, name);
    }
  });
});

describe('newsmark validate (CLI)', () => {
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    const lines: string[] = [];
    const code = await main(args, { line: (l) => lines.push(l), error: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  };

  it('passes the samples', async () => {
    const { code, out } = await run(['validate', SAMPLES]);
    assert.equal(code, 0, out);
    assert.match(out, new RegExp(`${sidecars.length} valid, 0 invalid`));
  });

  it('reports a broken sidecar with file, line and column, and exits 1', async () => {
    const dir = scratchDir('samples');
    cpSync(SAMPLES, dir, { recursive: true });
    const target = join(dir, sidecars[0]!);
    writeFileSync(target, readFileSync(target, 'utf8').replace(/\n {4}end: (\d+)/, '\n    end: [$1'));
    const { code, out } = await run(['validate', dir]);
    assert.equal(code, 1);
    assert.match(out, new RegExp(`${sidecars[0]!.replace(/\./g, '\\.')}:\\d+:\\d+: `));
  });

  it('reports a tag whose offsets no longer cut out its text', async () => {
    const dir = scratchDir('samples');
    cpSync(SAMPLES, dir, { recursive: true });
    const parsed = SidecarFile.parse(readFileSync(join(dir, sidecars[0]!), 'utf8'));
    if (!parsed.ok) throw new Error('sample');
    writeFileSync(join(dir, parsed.sidecar.article), 'Short replacement text.\n');
    const { code, out } = await run(['validate', join(dir, parsed.sidecar.article)]);
    assert.equal(code, 1);
    assert.match(out, /should cut out|beyond the end/);
  });

  it('exits 2 on bad usage', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run(['validate'])).code, 2);
    assert.equal((await run(['validate', '/no/such/path'])).code, 2);
  });

  it('runs as the built bin', () => {
    const out = execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
    assert.match(out, /^\d+\.\d+\.\d+/);
  });
});
