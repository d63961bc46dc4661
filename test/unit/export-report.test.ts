import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES, type CategoryId } from '../../src/core/codebook';
import { htmlExporter } from '../../src/core/export/html';
import { markdownExporter } from '../../src/core/export/markdown';
import { CSV_FIELDS, csvExporter, jsonlExporter, TABULAR_FIELDS } from '../../src/core/export/tabular';

/** The CSV's columns: the fixed ones, then one per attribute name of the export, sorted. */
const CSV_COLUMNS = [...CSV_FIELDS, 'attr.confidence', 'attr.source'];
/** A CSV column's index by name: the columns' order is the exporter's, not the test's. */
const col = (name: string): number => CSV_COLUMNS.indexOf(name);
import { DEFAULT_EXPORT_OPTIONS, type ExportArticle } from '../../src/core/export/types';
import { ArticleText, type Tag } from '../../src/core/tag';
import { scratchDir } from './scratch';

// Fictional text: an emoji, a no-break space, a combining mark, commas, quotes, a line break inside a tag, and markup.
const TEXT = [
  'Harbour chief Orla Venn said the port “handled 1,200 containers” on Monday 🚢 last week.',
  'Critics called it a "disaster", but the ministry denied any\u00a0delay at the quay.',
  'The café owner (cafe\u0301) wrote <script>alert(1)</script> & *shrugged* on # 1. day.',
  '',
].join('\n');

const text = new ArticleText(TEXT);
/** The code-point offset of NEEDLE in TEXT. */
const at = (needle: string): number => {
  const i = TEXT.indexOf(needle);
  assert.ok(i >= 0, needle);
  return [...TEXT.slice(0, i)].length;
};
const tag = (id: string, category: CategoryId, needle: string, extra: Partial<Tag> = {}): Tag => {
  const start = at(needle);
  const end = start + [...needle].length;
  return { id, category, start, end, text: text.slice(start, end), prefix: '', suffix: '', ...extra };
};

const TAGS: Tag[] = [
  tag('t-claim', 'claim', 'handled 1,200 containers', { note: 'Only source: the port', author: 'ana', attributes: { source: 'press, "release"', confidence: 2 } }),
  tag('t-fig', 'figure', '1,200', { review: 'confirmed', reviewer: 'ed' }),
  tag('t-wrap', 'claim', '🚢 last week.\nCritics called'),
  tag('t-frame', 'framing', 'called it a "disaster", but the ministry denied'),
  tag('t-deny', 'denial', 'the ministry denied any\u00a0delay'),
  tag('t-comb', 'framing', 'cafe\u0301', { status: 'fuzzy' }),
  tag('t-xss', 'claim', '<script>alert(1)</script> & *shrugged*', { note: 'He said "no" <b>loudly</b>\nthen left', review: 'disputed', reviewer: 'ed' }),
  tag('t-md', 'framing', '# 1. day'),
  { id: 't-orph', category: 'denial', start: 0, end: 0, text: 'a vanished sentence', prefix: '', suffix: '', status: 'orphaned', note: 'gone' },
  { id: 't-empty', category: 'figure', start: 5, end: 5, text: '42', prefix: '', suffix: '' },
];
const PLACED = TAGS.filter((t) => t.status !== 'orphaned' && t.start !== t.end);
const ARTICLES: ExportArticle[] = [
  { name: 'venn.txt', uri: 'file:///tmp/venn.txt', text: TEXT, tags: TAGS },
  { name: 'a<b>&"c".txt', uri: 'file:///tmp/x.txt', text: 'Nothing tagged here.\n', tags: [] },
];

function python(script: string, input: string, ...args: string[]): unknown {
  const r = spawnSync('python3', ['-c', script, ...args], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** A small RFC 4180 parser: records end with CRLF; quoted fields may hold commas, quotes and line breaks. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < input.length) {
    if (input[i] === '"') {
      for (i++; ; i++) {
        if (i >= input.length) throw new Error('unterminated quote');
        if (input[i] === '"' && input[i + 1] === '"') { field += '"'; i++; } else if (input[i] === '"') { i++; break; } else field += input[i];
      }
    } else if (input.startsWith('\r\n', i)) {
      record.push(field); records.push(record); record = []; field = ''; i += 2;
    } else if (input[i] === ',') {
      record.push(field); field = ''; i++;
    } else {
      assert.ok(input[i] !== '\r' && input[i] !== '\n', `bare line break at ${i}`);
      field += input[i++];
    }
  }
  assert.equal(field + record.join(''), '', 'the last record ends with CRLF');
  return records;
}

const csv = (options = DEFAULT_EXPORT_OPTIONS) => csvExporter.export(ARTICLES, options);

describe('CSV export', () => {
  it('writes a header and one RFC 4180 record per placed tag, leaving orphans out with a warning', () => {
    const { files, warnings } = csv();
    assert.equal(files.length, 1);
    assert.equal(files[0]!.path, 'tags.csv');
    const [header, ...rows] = parseCsv(files[0]!.content);
    assert.deepEqual(header, CSV_COLUMNS);
    assert.deepEqual(rows.map((r) => r[1]), PLACED.map((t) => t.id));
    assert.ok(rows.every((r) => r.length === CSV_COLUMNS.length));
    assert.match(warnings.join('\n'), /venn\.txt: 2 orphaned tags left out/);
    const claim = rows[0]!;
    assert.equal(claim[col('text')], 'handled 1,200 containers');
    assert.deepEqual([claim[col('attr.source')], claim[col('attr.confidence')]], ['press, "release"', '2'], 'one column per attribute, not JSON in one cell');
    assert.ok(rows.filter((r) => r !== claim).every((r) => r[col('attr.source')] === '' && r[col('attr.confidence')] === ''));
    const xss = rows.find((r) => r[1] === 't-xss')!;
    assert.deepEqual([xss[col('note')], xss[col('review')], xss[col('reviewer')]], ['He said "no" <b>loudly</b>\nthen left', 'disputed', 'ed']);
    assert.equal(rows.find((r) => r[1] === 't-comb')![col('status')], 'fuzzy');
    assert.ok(files[0]!.content.includes('"He said ""no"" <b>loudly</b>\nthen left"'));
  });

  it("reads back in Python's csv module with text == article_text[start:end] in code points", () => {
    const dir = scratchDir('csv');
    for (const bom of [false, true]) {
      const file = join(dir, `tags-${bom}.csv`);
      const content = csv({ includeOrphans: true, bom }).files[0]!.content;
      assert.equal(content.startsWith('\uFEFF'), bom);
      assert.equal(content.startsWith('\uFEFFarticle,'), bom);
      writeFileSync(file, content, 'utf8');
      const script = [
        'import csv, json, sys',
        'texts = json.load(sys.stdin)',
        'with open(sys.argv[1], encoding="utf-8-sig", newline="") as f: rows = list(csv.DictReader(f))',
        'bad = [r["id"] for r in rows if r["start"] != "" and texts[r["article"]][int(r["start"]):int(r["end"])] != r["text"]]',
        'print(json.dumps({"fields": list(rows[0].keys()), "ids": [r["id"] for r in rows], "bad": bad,',
        '  "orphans": [[r["id"], r["start"], r["end"], r["status"], r["text"]] for r in rows if r["start"] == ""],',
        '  "notes": {r["id"]: r["note"] for r in rows}}))',
      ].join('\n');
      const texts = Object.fromEntries(ARTICLES.map((a) => [a.name, a.text]));
      const got = python(script, JSON.stringify(texts), file) as { fields: string[]; ids: string[]; bad: string[]; orphans: string[][]; notes: Record<string, string> };
      assert.deepEqual(got.fields, CSV_COLUMNS);
      assert.deepEqual(got.ids, TAGS.map((t) => t.id));
      assert.deepEqual(got.bad, []);
      assert.deepEqual(got.orphans, [['t-orph', '', '', 'orphaned', 'a vanished sentence'], ['t-empty', '', '', 'orphaned', '42']]);
      assert.equal(got.notes['t-xss'], 'He said "no" <b>loudly</b>\nthen left');
    }
  });

  it('with includeOrphans puts orphans in with empty start and end cells and no warning', () => {
    const { files, warnings } = csv({ includeOrphans: true, bom: false });
    const rows = parseCsv(files[0]!.content).slice(1);
    assert.deepEqual(rows.filter((r) => r[col('start')] === '').map((r) => [r[1], r[col('end')], r[col('status')]]), [['t-orph', '', 'orphaned'], ['t-empty', '', 'orphaned']]);
    assert.deepEqual(warnings, []);
  });
});

describe('JSONL export', () => {
  it('writes one JSON object per tag with the same fields, attributes as an object', () => {
    const { files, warnings } = jsonlExporter.export(ARTICLES, DEFAULT_EXPORT_OPTIONS);
    assert.equal(files[0]!.path, 'tags.jsonl');
    assert.ok(files[0]!.content.endsWith('}\n'));
    const objects = files[0]!.content.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(objects.map((o) => o.id), PLACED.map((t) => t.id));
    objects.forEach((o) => assert.deepEqual(Object.keys(o), [...TABULAR_FIELDS]));
    const csvRows = parseCsv(csv().files[0]!.content).slice(1);
    objects.forEach((o, i) => {
      assert.equal(o.text, text.slice(o.start as number, o.end as number));
      assert.equal(o.text, csvRows[i]![col('text')]);
    });
    assert.deepEqual(objects[0]!.attributes, { source: 'press, "release"', confidence: 2 });
    assert.equal(objects[1]!.attributes, null);
    assert.deepEqual([objects[1]!.review, objects[1]!.reviewer, objects[1]!.note], ['confirmed', 'ed', null]);
    assert.equal(warnings.length, 1);
  });

  it('with includeOrphans gives orphans null offsets', () => {
    const lines = jsonlExporter.export(ARTICLES, { includeOrphans: true, bom: true }).files[0]!.content.trimEnd().split('\n');
    assert.ok(!lines[0]!.startsWith('\uFEFF'), 'the BOM is for CSV only');
    const orphans = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((o) => o.start === null);
    assert.deepEqual(orphans.map((o) => [o.id, o.end, o.status, o.text]), [['t-orph', null, 'orphaned', 'a vanished sentence'], ['t-empty', null, 'orphaned', '42']]);
  });
});

/** Python's html.parser walks the report: element balance, and per data-tag the text and number of marked pieces. */
const HTML_SCRIPT = `
import json, sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.texts, self.pieces, self.titles, self.classes, self.starts = [], [], {}, {}, {}, {}, {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.starts[tag] = self.starts.get(tag, 0) + 1
        if tag in VOID: return
        self.stack.append((tag, a))
        if tag == "mark":
            i = a["data-tag"]
            self.pieces[i] = self.pieces.get(i, 0) + 1
            self.titles[i] = a.get("title")
            self.classes[i] = a.get("class")
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag: self.errors.append("unexpected </%s> in %s" % (tag, [t for t, _ in self.stack])); return
        self.stack.pop()
    def handle_data(self, data):
        seen = set()
        for t, a in self.stack:
            if t == "mark" and a["data-tag"] not in seen:
                seen.add(a["data-tag"])
                self.texts[a["data-tag"]] = self.texts.get(a["data-tag"], "") + data
p = P()
p.feed(sys.stdin.read())
p.close()
print(json.dumps({"errors": p.errors + ["unclosed %s" % t for t, _ in p.stack], "texts": p.texts, "pieces": p.pieces, "titles": p.titles, "classes": p.classes, "starts": p.starts}))
`;

describe('HTML report', () => {
  const html = htmlExporter.export(ARTICLES, DEFAULT_EXPORT_OPTIONS).files[0]!.content;
  type Walk = { errors: string[]; texts: Record<string, string>; pieces: Record<string, number>; titles: Record<string, string>; classes: Record<string, string>; starts: Record<string, number> };
  const walk = python(HTML_SCRIPT, html) as Walk;

  it('is self-contained: a CSP that forbids everything but inline style, no scripts, no external resources', () => {
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
    assert.equal(walk.starts.script, undefined);
    assert.doesNotMatch(html, /<script|<link|<img|src=|https?:\/\//i);
    assert.equal(htmlExporter.export(ARTICLES, DEFAULT_EXPORT_OPTIONS).files[0]!.path, 'report.html');
  });

  it('escapes article text, notes, attribute values and file names', () => {
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
    assert.ok(html.includes('a&#60;b&#62;&#38;&#34;c&#34;.txt'));
    assert.ok(!html.includes('<b>loudly'));
    assert.equal(walk.titles['t-xss'], 'Claim (disputed): He said "no" <b>loudly</b>\nthen left');
    assert.ok(html.includes('press, &#34;release&#34;'));
  });

  it('well-formed markup that highlights every placed tag over exactly its text, nested and overlapping', () => {
    assert.deepEqual(walk.errors, []);
    for (const t of PLACED) assert.equal(walk.texts[t.id], t.text, t.id);
    assert.deepEqual(Object.keys(walk.texts).sort(), PLACED.map((t) => t.id).sort());
    // 1,200 splits its claim in three; the framing/denial overlap splits each in two.
    assert.deepEqual([walk.pieces['t-claim'], walk.pieces['t-fig'], walk.pieces['t-frame'], walk.pieces['t-deny']], [3, 1, 3, 2]);
    assert.ok(html.includes('<mark class="c-claim" data-tag="t-claim" title="Claim: Only source: the port"><mark class="c-figure"'));
    assert.match(walk.classes['t-xss']!, /\bdisputed\b/);
    assert.match(walk.classes['t-comb']!, /\bfuzzy\b/);
  });

  it('lists orphans separately without highlighting them, and shows the legend and counts', () => {
    assert.equal(walk.pieces['t-orph'], undefined);
    assert.ok(html.includes('<h3>Orphaned</h3>'));
    assert.match(html, /<li data-orphan="t-orph">.*“a vanished sentence” — gone<\/li>/);
    for (const c of CATEGORIES) assert.ok(html.includes(c.definition.replace(/'/g, '&#39;')), c.id);
    assert.match(html, /<span class="key c-claim">Claim<\/span> 3<\/li>/);
    assert.match(html, /white-space: pre-wrap/);
  });
});

/** What a CommonMark renderer shows for our escapes: backslash escapes and hard breaks gone, entities decoded. */
const unescapeMd = (line: string): string =>
  line.replace(/\\$/, '').replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&#32;/g, ' ').replace(/&#9;/g, '\t');

describe('Markdown summary', () => {
  const md = markdownExporter.export(ARTICLES, DEFAULT_EXPORT_OPTIONS).files[0]!.content;
  /** The quoted passages under each "### Category" of the first article, unescaped. */
  const sections = (): Map<string, string> => {
    const out = new Map<string, string>();
    let current = '';
    for (const line of md.split('\n')) {
      if (line.startsWith('## ') && current !== '') break;
      if (line.startsWith('### ')) current = line.slice(4);
      else if (current !== '' && line.startsWith('>')) out.set(current, `${out.get(current) ?? ''}${unescapeMd(line.replace(/^> ?/, ''))}\n`);
    }
    return out;
  };

  it('quotes each tag under its category, with its note, escaped so it renders as text', () => {
    assert.equal(markdownExporter.export(ARTICLES, DEFAULT_EXPORT_OPTIONS).files[0]!.path, 'summary.md');
    const byCategory = sections();
    for (const t of PLACED) {
      const label = CATEGORIES.find((c) => c.id === t.category)!.label;
      assert.ok(byCategory.get(label)?.includes(`“${t.text}”`), `${t.id} under ${label}`);
    }
    assert.ok(md.includes('## venn.txt'));
    assert.ok(md.includes('## a\\<b\\>\\&"c".txt'));
    assert.doesNotMatch(md, /(^|[^\\])</m, 'every < is backslash-escaped');
    assert.ok(md.includes('> “\\<script\\>alert(1)\\</script\\> \\& \\*shrugged\\*”'));
    assert.ok(md.includes('— *disputed* · He said "no" \\<b\\>loudly\\</b\\>\\\nthen left'));
    assert.ok(md.includes('> “🚢 last week.\\\n> Critics called”'));
    assert.ok(md.includes('— Only source: the port'));
    assert.match(md, /3 tags \(Claim: 3 · Denial: 1 · Figure: 1 · Editorial framing: 3 · orphaned: 2\)|8 tags/);
    assert.ok(md.includes('### Orphaned'));
  });

  it('escapes block syntax at the start of a line', () => {
    const lines = markdownExporter.export([{ name: 'b.txt', uri: '', text: 'x\n# not a heading\n- no list\n    no code\n', tags: [
      { id: 'b', category: 'claim', start: 0, end: 39, text: '', prefix: '', suffix: '' },
    ] }], DEFAULT_EXPORT_OPTIONS).files[0]!.content.split('\n');
    assert.ok(lines.includes('> \\# not a heading\\'));
    assert.ok(lines.includes('> \\- no list\\'));
    assert.ok(lines.includes('> &#32;&#32;&#32;&#32;no code”'));
  });
});

describe('Markdown summary: tags that are quotations already', () => {
  /** The quote lines of a one-tag summary whose tag covers all of TEXT. */
  const quoted = (text: string): string => {
    const md = markdownExporter.export([{ name: 'q.txt', uri: '', text, tags: [
      { id: 'q', category: 'denial', start: 0, end: [...text].length, text, prefix: '', suffix: '' },
    ] }], DEFAULT_EXPORT_OPTIONS).files[0]!.content;
    return md.split('\n').filter((l) => l.startsWith('>')).join('\n');
  };

  it('does not double the quotation marks of a tag that starts and ends with them', () => {
    assert.equal(quoted('“We deny everything,” she said'), '> “We deny everything,” she said”');
    assert.equal(quoted('“We deny everything”'), '> “We deny everything”');
    assert.equal(quoted('"We deny everything"'), '> "We deny everything"');
    assert.equal(quoted('„Wir bestreiten alles“'), '> „Wir bestreiten alles“');
    assert.equal(quoted('« Nous démentons »'), '> « Nous démentons »');
  });

  it('adds only the mark that is missing, and keeps single quotes inside', () => {
    assert.equal(quoted('"We deny everything'), '> "We deny everything”');
    assert.equal(quoted('she said: “We deny”'), '> “she said: “We deny”');
    assert.equal(quoted('the ‘scare quotes’'), '> “the ‘scare quotes’”');
    assert.equal(quoted('‘scare quotes’'), '> “‘scare quotes’”');
  });
});

describe('Markdown summary: article names', () => {
  it('a file name with line breaks or Markdown syntax stays one heading of plain text', () => {
    const names = ['note\n# Injected heading\n- [x](https://example.invalid) item.txt', 'cr\rlf\r\nu2028\u2028end.txt', 'closing #'];
    const md = markdownExporter.export(names.map((name) => ({ name, uri: '', text: 'Some text.\n', tags: [] })), DEFAULT_EXPORT_OPTIONS).files[0]!.content;
    const lines = md.split('\n');
    const blocks = lines.filter((l) => /^(#|[-+*] |\d+[.)] |>|\[)/.test(l));
    assert.deepEqual(blocks.map((l) => l.replace(/ .*/, '')), ['#', '##', '##', '##'], md);
    assert.ok(lines.includes('## note␊\\# Injected heading␊- \\[x\\](https://example.invalid) item.txt'), md);
    assert.ok(lines.includes('## cr␍lf␍␊u2028U+2028end.txt'), md);
    // A trailing " #" would be read as the heading's closing sequence and vanish.
    assert.ok(lines.includes('## closing \\#'), md);
    assert.ok(!/[\r\u2028]/.test(md));
  });
});
