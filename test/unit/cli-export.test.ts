import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXPORTERS } from '../../src/core/export/formats';
import { SidecarFile } from '../../src/core/sidecar';
import { corpusIn, inTemp, runExpecting, SAMPLES } from './cliRun';

/** The attributes with their keys in one order: a CSV's columns are sorted by name. */
const sortedKeys = (attributes: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined =>
  attributes && Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Each sidecar's tags as lines; with `full`, their sub-label, note and attributes too. */
function tagsOf(dir: string, full = false): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.tags.yaml')).sort()) {
    const parsed = SidecarFile.parse(readFileSync(join(dir, name), 'utf8'));
    assert.ok(parsed.ok, name);
    const extra = (t: (typeof parsed.sidecar.tags)[number]): string => (full ? ` ${JSON.stringify({ label: t.label, note: t.note, attributes: sortedKeys(t.attributes) })}` : '');
    result.set(name, parsed.sidecar.tags.map((t) => `${t.category} ${t.start}-${t.end} ${t.text}${extra(t)}`).sort());
  }
  return result;
}

function deleteSidecars(corpus: string): void {
  for (const name of readdirSync(corpus).filter((f) => f.endsWith('.tags.yaml'))) unlinkSync(join(corpus, name));
}

describe('newsmark export / import', () => {
  for (const exporter of EXPORTERS) {
    it(`exports the samples as ${exporter.id} into a folder it creates`, () => inTemp(async (dir) => {
      const out = join(dir, 'nested', 'out');
      const { out: said } = await runExpecting(0, ['export', '--format', exporter.id, '--out', out, SAMPLES]);
      assert.ok(readdirSync(out, { recursive: true }).length > 0);
      if (exporter.unit === 'none') assert.doesNotMatch(said, /offsets/, 'a format made for reading has no offsets to speak of');
      else assert.match(said, new RegExp(`\\(offsets in ${exporter.unit}\\)`));
    }));
  }

  it('writes a single-file format to a named file, or to standard output without --out', () => inTemp(async (dir) => {
    await runExpecting(0, ['export', '--format', 'csv', '--out', join(dir, 'mine.csv'), SAMPLES]);
    assert.ok(existsSync(join(dir, 'mine.csv')));
    const dotted = mkdtempSync(join(dir, 'newsmark.export.'));
    await runExpecting(0, ['export', '--format', 'csv', '--out', dotted, SAMPLES]);
    assert.ok(existsSync(join(dotted, 'tags.csv')), 'an existing folder with a dot in its name');
    const printed = await runExpecting(0, ['export', '--format', 'jsonl', SAMPLES]);
    assert.equal(printed.out.trim().split('\n').length, 42);
  }));

  for (const format of ['csv', 'brat', 'semeval', 'w3c', 'doccano', 'label-studio']) {
    it(`round-trips the samples through ${format}: export, delete the sidecars, import gives the same tags`, () => inTemp(async (dir) => {
      const corpus = corpusIn(dir);
      const before = tagsOf(corpus);
      const exported = join(dir, format);
      await runExpecting(0, ['export', '--format', format, '--out', exported, corpus]);
      deleteSidecars(corpus);
      await runExpecting(0, ['import', '--format', format, '--articles', corpus, exported]);
      assert.deepEqual(tagsOf(corpus), before);
    }));
  }

  it('round-trips sub-labels, notes and attributes (with their types) through csv', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const before = tagsOf(corpus, true);
    assert.ok([...before.values()].flat().some((t) => t.includes('"attributes"')), 'the samples have attributes');
    const exported = join(dir, 'csv');
    await runExpecting(0, ['export', '--format', 'csv', '--out', exported, corpus]);
    assert.match(readFileSync(join(exported, 'tags.csv'), 'utf8').split('\r\n')[0]!, /,reviewer,attr\.[^,]+/);
    deleteSidecars(corpus);
    await runExpecting(0, ['import', '--format', 'csv', '--articles', corpus, exported]);
    assert.deepEqual(tagsOf(corpus, true), before);
  }));

  it('reports, and exits 1, for labels it cannot map; --map maps them', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const exported = join(dir, 'semeval-out');
    await runExpecting(0, ['export', '--format', 'semeval', '--out', exported, corpus]);
    const labels = join(exported, 'labels.txt');
    writeFileSync(labels, readFileSync(labels, 'utf8').replace(/\tframing\t/g, '\tLoaded_Language\t'));
    deleteSidecars(corpus);
    const unmapped = await runExpecting(1, ['import', '--format', 'semeval', '--articles', corpus, exported]);
    assert.match(unmapped.err, /unknown category "Loaded_Language"/);
    deleteSidecars(corpus);
    await runExpecting(0, ['import', '--format', 'semeval', '--map', 'Loaded_Language=framing', '--articles', corpus, exported]);
  }));

  it('exits 2 on an unknown format or a missing --format', async () => {
    await runExpecting(2, ['export', '--format', 'xml', SAMPLES]);
    await runExpecting(2, ['export', SAMPLES]);
    await runExpecting(2, ['import', '--format', 'xml', SAMPLES]);
  });
});
