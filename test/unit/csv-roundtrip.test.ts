import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importerFor } from '../../src/core/export/formats';
import { readCsvRecords } from '../../src/core/export/csvRecords';
import { placeImported } from '../../src/core/export/place';
import { csvExporter, csvImporter } from '../../src/core/export/tabular';
import type { ExportArticle } from '../../src/core/export/types';
import { ArticleText, type Tag } from '../../src/core/tag';

// Fictional articles. The first has no attributes at all: its rows are written before the
// export has seen any attribute name, and still get every attr.* column.
const PLAIN = 'The ferry left Lowquay at dawn, the harbour master said.\n';
const RICH = 'Officials counted 3,835 wounded and 12 missing; “We deny it,” the ministry said.\r\nMore later.\n'.replace(/\r\n/g, '\n');

function tagOn(text: string, id: string, category: Tag['category'], needle: string, extra: Partial<Tag> = {}): Tag {
  const article = new ArticleText(text);
  const start = [...text.slice(0, text.indexOf(needle))].length;
  const end = start + [...needle].length;
  return { id, category, start, end, text: article.slice(start, end), ...article.contextOf(start, end), ...extra };
}

const ATTRIBUTES: Record<string, Record<string, unknown>> = {
  a1000001: { value: 3835, unit: 'wounded', hedged: false },
  a1000002: { value: 12, unit: 'missing', 'source, named': 'the "ministry"', page: '12', empty: '', nothing: null },
  a1000003: { sources: ['ministry', 'police'], detail: { kind: 'quote', lines: 1 }, note_json: '{"not": "parsed"}' },
};

const ARTICLES: ExportArticle[] = [
  { name: 'plain.txt', uri: 'file:///c/plain.txt', text: PLAIN, tags: [tagOn(PLAIN, 'b1000001', 'claim', 'the harbour master said', { note: 'a note, with "quotes"\nand a line break,\ta tab, a CR\r\nand a backslash-n: \\\\n' })] },
  {
    name: 'rich.txt', uri: 'file:///c/rich.txt', text: RICH, tags: [
      tagOn(RICH, 'a1000001', 'figure', '3,835 wounded', { attributes: ATTRIBUTES['a1000001']! }),
      tagOn(RICH, 'a1000002', 'figure', '12 missing', { attributes: ATTRIBUTES['a1000002']!, label: 'casualties' }),
      tagOn(RICH, 'a1000003', 'denial', '“We deny it,”', { attributes: ATTRIBUTES['a1000003']! }),
    ],
  },
];

/** Exports ARTICLES as CSV and imports the file back into the same articles. */
function roundTrip(content: string): Tag[] {
  const texts = new Map(ARTICLES.map((a) => [a.name, a.text]));
  const read = csvImporter.read(new Map([['out/tags.csv', content]]), (name) => texts.get(name));
  assert.deepEqual(read.problems, []);
  const placed = placeImported(read.spans, { articleText: (n) => texts.get(n), existingTags: () => [], labelMap: new Map() });
  assert.deepEqual(placed.problems, []);
  return [...placed.tags.values()].flat();
}

const essentials = (tags: readonly Tag[]): unknown[] =>
  tags.map((t) => ({ id: t.id, category: t.category, label: t.label, start: t.start, end: t.end, text: t.text, note: t.note, attributes: t.attributes })).sort((a, b) => a.id.localeCompare(b.id));

describe('CSV: attributes as attr.<name> columns', () => {
  const content = csvExporter.export(ARTICLES, { includeOrphans: false, bom: false }).files[0]!.content;

  it('has one column per attribute name in the export, sorted, after the fixed columns', () => {
    const header = content.split('\r\n')[0]!;
    assert.equal(header, 'article,id,category,label,start,end,text,note,review,author,status,reviewer,'
      + 'attr.detail,attr.empty,attr.hedged,attr.note_json,attr.nothing,attr.page,"attr.source, named",attr.sources,attr.unit,attr.value');
  });

  it('reads back through the CSV importer: the same tags, attributes with their types', () => {
    assert.deepEqual(essentials(roundTrip(content)), essentials(ARTICLES.flatMap((a) => a.tags)));
  });

  it('reads back with a byte-order mark, and is offered among the import formats', () => {
    const withBom = csvExporter.export(ARTICLES, { includeOrphans: false, bom: true }).files[0]!.content;
    assert.deepEqual(essentials(roundTrip(withBom)), essentials(ARTICLES.flatMap((a) => a.tags)));
    assert.equal(importerFor('csv'), csvImporter);
  });

  it('reads the attributes column of CSV files written before, as JSON in one cell', () => {
    const old = [
      'article,id,category,label,start,end,text,note,review,author,attributes,status,reviewer',
      `rich.txt,a1000001,figure,,18,31,"3,835 wounded",,,ana,"${JSON.stringify(ATTRIBUTES['a1000001']).replace(/"/g, '""')}",,`,
      '',
    ].join('\r\n');
    const [tag] = roundTrip(old);
    assert.deepEqual(tag?.attributes, ATTRIBUTES['a1000001']);
  });

  it('reports a row it cannot read, and reads the others', () => {
    const texts = new Map(ARTICLES.map((a) => [a.name, a.text]));
    const broken = `${content.split('\r\n')[0]}\r\nrich.txt,x,figure,,18,oops,"3,835 wounded"\r\n"unterminated\r\n`;
    const read = csvImporter.read(new Map([['tags.csv', broken]]), (n) => texts.get(n));
    assert.equal(read.spans.length, 0);
    assert.equal(read.problems.length, 2, read.problems.join('\n'));
    assert.match(read.problems.join('\n'), /tags\.csv.*line 2/);
  });

  it('names every attribute in the header whichever article brings it first, rows written before it included', () => {
    const reversed = csvExporter.export([...ARTICLES].reverse(), { includeOrphans: false, bom: false }).files[0]!.content;
    assert.equal(reversed.split('\r\n')[0], content.split('\r\n')[0]);
    assert.deepEqual(essentials(roundTrip(reversed)), essentials(ARTICLES.flatMap((a) => a.tags)));
    // plain.txt's row, written before any attribute was seen, has every attr.* cell (empty).
    const [header, ...rows] = readCsvRecords(content).records;
    const plain = rows.find((r) => r.fields[0] === 'plain.txt')!;
    assert.equal(plain.fields.length, header!.fields.length);
    assert.deepEqual(plain.fields.slice(-10), Array(10).fill(''));
    assert.equal(plain.fields[header!.fields.indexOf('note')], ARTICLES[0]!.tags[0]!.note);
  });
});
