import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { EXPORTERS } from '../../src/core/export/formats';
import { SidecarFile } from '../../src/core/sidecar';

const SAMPLES = join(__dirname, '..', '..', 'samples');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { line: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tagsOf(dir: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.tags.yaml')).sort()) {
    const parsed = SidecarFile.parse(readFileSync(join(dir, name), 'utf8'));
    assert.ok(parsed.ok, name);
    result.set(name, parsed.sidecar.tags.map((t) => `${t.category} ${t.start}-${t.end} ${t.text}`).sort());
  }
  return result;
}

describe('newsmark export / import', () => {
  for (const exporter of EXPORTERS) {
    it(`exports the samples as ${exporter.id} into a folder it creates`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'newsmark-export-')), 'nested', 'out');
      const { code, out: said } = await run(['export', '--format', exporter.id, '--out', out, SAMPLES]);
      assert.equal(code, 0, said);
      assert.ok(readdirSync(out, { recursive: true }).length > 0);
      assert.match(said, new RegExp(`offsets in ${exporter.unit}`));
    });
  }

  it('writes a single-file format to a named file, or to standard output without --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-export-'));
    assert.equal((await run(['export', '--format', 'csv', '--out', join(dir, 'mine.csv'), SAMPLES])).code, 0);
    assert.ok(existsSync(join(dir, 'mine.csv')));
    const dotted = mkdtempSync(join(tmpdir(), 'newsmark.export.'));
    assert.equal((await run(['export', '--format', 'csv', '--out', dotted, SAMPLES])).code, 0, 'an existing folder with a dot in its name');
    assert.ok(existsSync(join(dotted, 'tags.csv')));
    const printed = await run(['export', '--format', 'jsonl', SAMPLES]);
    assert.equal(printed.out.trim().split('\n').length, 42);
  });

  for (const format of ['brat', 'semeval', 'w3c', 'doccano', 'label-studio']) {
    it(`round-trips the samples through ${format}: export, delete the sidecars, import gives the same tags`, async () => {
      const corpus = mkdtempSync(join(tmpdir(), 'newsmark-corpus-'));
      cpSync(SAMPLES, corpus, { recursive: true });
      const before = tagsOf(corpus);
      const exported = join(mkdtempSync(join(tmpdir(), 'newsmark-exported-')), format);
      assert.equal((await run(['export', '--format', format, '--out', exported, corpus])).code, 0);
      for (const name of readdirSync(corpus).filter((f) => f.endsWith('.tags.yaml'))) unlinkSync(join(corpus, name));
      const imported = await run(['import', '--format', format, '--articles', corpus, exported]);
      assert.equal(imported.code, 0, imported.err);
      assert.deepEqual(tagsOf(corpus), before);
      rmSync(corpus, { recursive: true, force: true });
    });
  }

  it('reports, and exits 1, for labels it cannot map; --map maps them', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'newsmark-corpus-'));
    cpSync(SAMPLES, corpus, { recursive: true });
    const exported = join(corpus, '..', 'semeval-out');
    await run(['export', '--format', 'semeval', '--out', exported, corpus]);
    const labels = join(exported, 'labels.txt');
    const text = readFileSync(labels, 'utf8').replace(/\tframing\t/g, '\tLoaded_Language\t');
    (await import('node:fs')).writeFileSync(labels, text);
    for (const name of readdirSync(corpus).filter((f) => f.endsWith('.tags.yaml'))) unlinkSync(join(corpus, name));
    const unmapped = await run(['import', '--format', 'semeval', '--articles', corpus, exported]);
    assert.equal(unmapped.code, 1);
    assert.match(unmapped.err, /unknown category "Loaded_Language"/);
    for (const name of readdirSync(corpus).filter((f) => f.endsWith('.tags.yaml'))) unlinkSync(join(corpus, name));
    const mapped = await run(['import', '--format', 'semeval', '--map', 'Loaded_Language=framing', '--articles', corpus, exported]);
    assert.equal(mapped.code, 0, mapped.err);
  });

  it('exits 2 on an unknown format or a missing --format', async () => {
    assert.equal((await run(['export', '--format', 'xml', SAMPLES])).code, 2);
    assert.equal((await run(['export', SAMPLES])).code, 2);
    assert.equal((await run(['import', '--format', 'csv', SAMPLES])).code, 2);
  });
});
