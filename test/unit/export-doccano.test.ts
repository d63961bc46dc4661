// doccano counts offsets in UTF-16 code units (JavaScript string indices) unless its "count
// grapheme clusters" option is on; `--offsets codepoints` writes Python string indices instead.
// Checked on text with an emoji before, inside and after tags.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { doccanoExporter, doccanoImporter } from '../../src/core/export/doccano';
import { placeImported } from '../../src/core/export/place';
import { DEFAULT_EXPORT_OPTIONS, type ExportArticle, type OffsetChoice } from '../../src/core/export/types';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, createTag, type Tag } from '../../src/core/tag';
import { TextIndex } from '../../src/core/textIndex';
import { inTemp, runExpecting } from './cliRun';

// Fictional: 😀 before every tag, 💶 and 🎉 inside tags, 🙃 after them.
const TEXT = '😀 The mayor 👍 said 💶 40 million was "a 🎉 triumph".\nCritics 🙃 denied it 🙃.\n';
const QUOTES: [Tag['category'], string][] = [['figure', '💶 40 million'], ['framing', '"a 🎉 triumph"'], ['denial', 'denied it']];

function article(name = 'mayor.txt'): ExportArticle {
  const text = new ArticleText(TEXT);
  const index = new TextIndex(TEXT);
  const taken = new Set<string>();
  const tags = QUOTES.map(([category, quote]) => {
    const at = TEXT.indexOf(quote);
    const tag = createTag(text, index.toCodePoint(at), index.toCodePoint(at + quote.length), category, taken);
    taken.add(tag.id);
    return tag;
  });
  return { name, uri: `file:///x/${name}`, text: TEXT, tags };
}

type Record = { text: string; label: [number, number, string][]; meta: { article: string } };

function exported(offsets?: OffsetChoice): Record {
  const [file] = doccanoExporter.export([article()], { ...DEFAULT_EXPORT_OPTIONS, ...(offsets ? { offsets } : {}) }).files;
  return JSON.parse(file!.content) as Record;
}

/** Python's text[start:end] for each label, by python3 itself. */
function pythonCuts(record: Record): string[] {
  const script = 'import json, sys\nr = json.load(sys.stdin)\nprint(json.dumps([r["text"][s:e] for s, e, _ in r["label"]]))';
  const ran = spawnSync('python3', ['-c', script], { input: JSON.stringify(record), encoding: 'utf8' });
  assert.equal(ran.status, 0, ran.stderr);
  return JSON.parse(ran.stdout) as string[];
}

describe('doccano offsets', () => {
  it('are UTF-16 code units by default: JavaScript text.slice(start, end) cuts out each tag', () => {
    const record = exported();
    assert.deepEqual(record.label.map(([s, e]) => record.text.slice(s, e)), QUOTES.map(([, q]) => q));
    // The first tag starts after 😀 and 👍, two units each: two units later than its code-point offset.
    assert.equal(record.label[0]![0], article().tags[0]!.start + 2);
  });

  it('are code points with offsets: codepoints: Python text[start:end] cuts out each tag', () => {
    const record = exported('codepoints');
    assert.deepEqual(pythonCuts(record), QUOTES.map(([, q]) => q));
    assert.equal(record.label[0]![0], article().tags[0]!.start);
  });

  it('import reads a record made in doccano (JavaScript indices) at the right place; an index inside an emoji is refused', () => {
    const at = TEXT.indexOf('💶 40 million');
    const record = { text: TEXT, label: [[at, at + '💶 40 million'.length, 'figure'], [1, 5, 'claim']] };
    const read = doccanoImporter.read(new Map([['mine.jsonl', JSON.stringify(record)]]), () => TEXT, ['mayor.txt']);
    const index = new TextIndex(TEXT);
    assert.deepEqual(read.spans, [{ article: 'mayor.txt', label: 'figure', start: index.toCodePoint(at), end: index.toCodePoint(at) + 12, text: '💶 40 million' }]);
    assert.equal(read.problems.length, 1, 'offset 1 splits 😀');
    assert.match(read.problems[0]!, /mine\.jsonl:1: .*UTF-16 code units/);
  });

  for (const offsets of [undefined, 'codepoints'] as const) {
    it(`import reads back what export wrote (${offsets ?? 'default, utf16'}), every span at its place`, () => {
      const [file] = doccanoExporter.export([article()], { ...DEFAULT_EXPORT_OPTIONS, ...(offsets ? { offsets } : {}) }).files;
      const read = doccanoImporter.read(new Map([['doccano.jsonl', file!.content]]), (n) => (n === 'mayor.txt' ? TEXT : undefined), undefined, offsets ? { offsets } : {});
      assert.deepEqual(read.problems, []);
      const want = article().tags.map((t) => [t.category, t.start, t.end, t.text]);
      assert.deepEqual(read.spans.map((s) => [s.label, s.start, s.end, s.text]), want);
      const placed = placeImported(read.spans, { articleText: () => TEXT, existingTags: () => [], labelMap: new Map() });
      assert.equal(placed.counts.exact, QUOTES.length);
    });
  }
});

describe('newsmark export/import --offsets', () => {
  /** A corpus folder with the article and its sidecar. */
  function corpus(dir: string): string {
    const folder = join(dir, 'corpus');
    mkdirSync(folder);
    const a = article();
    writeFileSync(join(folder, a.name), TEXT);
    writeFileSync(join(folder, `${a.name}.tags.yaml`), SidecarFile.create(a.name, articleHash(TEXT)).serialize(a.tags, articleHash(TEXT)));
    return folder;
  }

  for (const offsets of ['utf16', 'codepoints']) {
    it(`round-trips through doccano with --offsets ${offsets}`, () => inTemp(async (dir) => {
      const folder = corpus(dir);
      const before = readFileSync(join(folder, 'mayor.txt.tags.yaml'), 'utf8');
      const out = join(dir, 'doccano.jsonl');
      const said = await runExpecting(0, ['export', '--format', 'doccano', '--offsets', offsets, '--out', out, folder]);
      assert.match(said.out, new RegExp(`offsets in ${offsets === 'utf16' ? 'UTF-16 code units' : 'code points'}`));
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.tags.yaml'))) unlinkSync(join(folder, name));
      await runExpecting(0, ['import', '--format', 'doccano', '--offsets', offsets, '--articles', folder, out]);
      const parsed = SidecarFile.parse(readFileSync(join(folder, 'mayor.txt.tags.yaml'), 'utf8'));
      const old = SidecarFile.parse(before);
      assert.ok(parsed.ok && old.ok);
      assert.deepEqual(parsed.sidecar.tags.map((t) => [t.category, t.start, t.end, t.text]), old.sidecar.tags.map((t) => [t.category, t.start, t.end, t.text]));
    }));
  }

  it('refuses --offsets for other formats, and values other than utf16 and codepoints (exit 2)', () => inTemp(async (dir) => {
    const folder = corpus(dir);
    const other = await runExpecting(2, ['export', '--format', 'csv', '--offsets', 'codepoints', folder]);
    assert.match(other.err, /--offsets applies to doccano only/);
    await runExpecting(2, ['export', '--format', 'doccano', '--offsets', 'graphemes', folder]);
    await runExpecting(2, ['import', '--format', 'brat', '--offsets', 'codepoints', '--articles', folder, folder]);
  }));
});
