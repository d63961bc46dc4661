// Span formats (W3C, brat, SemEval, doccano, Label Studio): each export is read back the way the
// target tool reads it — Python for code-point formats, JavaScript for doccano and Label Studio — and every
// span is cut out again; then imported back, the spans are the ones exported.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { CategoryId } from '../../src/core/codebook';
import { bratExporter, bratImporter } from '../../src/core/export/brat';
import { doccanoExporter, doccanoImporter } from '../../src/core/export/doccano';
import { labelStudioExporter, labelStudioImporter } from '../../src/core/export/labelStudio';
import { placeImported } from '../../src/core/export/place';
import { semevalExporter, semevalImporter } from '../../src/core/export/semeval';
import { DEFAULT_EXPORT_OPTIONS, type ExportArticle, type ExportResult, type Exporter, type ImportedSpan, type Importer } from '../../src/core/export/types';
import { w3cExporter, w3cImporter } from '../../src/core/export/w3c';
import { ArticleText, createTag, type Tag } from '../../src/core/tag';
import { TextIndex, toLf } from '../../src/core/textIndex';
import { scratchDir } from './scratch';

// Fictional text. Saved with CRLF; an emoji before every tag; U+00A0; e + U+0301; a tag across a line break.
const FIRST_RAW = [
  '😀 Minister Ilse Varlo said the cafe\u0301 plan would create 12\u00a0000 jobs.',
  'Her office denied any link to the Brenmark fund,',
  'calling the report "a reckless fabrication".',
  '',
].join('\r\n');
const SECOND_RAW = 'Update 🗞️: the 🏦 Brenmark fund lost 3\u00a0% in a "catastrophic" week.\n';

type Want = { category: CategoryId; quote: string; note?: string };

function tagsFor(lf: string, wants: readonly Want[]): Tag[] {
  const article = new ArticleText(lf);
  const index = new TextIndex(lf);
  const taken = new Set<string>();
  return wants.map(({ category, quote, note }) => {
    const at = lf.indexOf(quote);
    assert.ok(at >= 0, quote);
    const tag = createTag(article, index.toCodePoint(at), index.toCodePoint(at + quote.length), category, taken, note !== undefined ? { note } : {});
    taken.add(tag.id);
    return tag;
  });
}

const orphan = (id: string, text: string, status?: 'orphaned'): Tag => ({ id, category: 'claim', start: 0, end: 0, text, prefix: '', suffix: '', ...(status ? { status } : {}) });

/** The two fixture articles, their files written (raw, CRLF kept) to a fresh temp folder. */
function fixture(): { dir: string; articles: ExportArticle[] } {
  const dir = scratchDir('spans');
  const make = (name: string, raw: string, wants: Want[], orphans: Tag[]): ExportArticle => {
    const path = join(dir, 'corpus', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, raw, 'utf8');
    const text = toLf(raw);
    const tags = [...tagsFor(text, wants), ...orphans].sort((a, b) => a.start - b.start || a.end - b.end);
    return { name, uri: pathToFileURL(path).href, text, tags };
  };
  return {
    dir,
    articles: [
      make('peskov.txt', FIRST_RAW, [
        { category: 'claim', quote: 'Minister Ilse Varlo said the cafe\u0301 plan would create 12\u00a0000 jobs' },
        { category: 'figure', quote: '12\u00a0000 jobs', note: 'No year given.' }, // nested in the claim
        { category: 'framing', quote: 'would create 12' }, // overlaps the figure
        { category: 'denial', quote: 'denied any link to the Brenmark fund,\ncalling the report', note: 'Across two lines.' },
        { category: 'framing', quote: 'a reckless fabrication' },
      ], [orphan('0badf00d', 'a deleted sentence', 'orphaned')]),
      make('brenmark fund.txt', SECOND_RAW, [
        { category: 'claim', quote: '🏦 Brenmark fund lost 3\u00a0%' },
        { category: 'framing', quote: '"catastrophic"', note: 'Scare quotes.' },
      ], [orphan('0badcafe', 'an empty span')]),
    ],
  };
}

/** What should come out: article, category and text of every placed tag. */
function expectedCuts(articles: readonly ExportArticle[]): string[] {
  return articles.flatMap((a) => a.tags.filter((t) => t.end > t.start).map((t) => JSON.stringify([a.name, t.category, t.text]))).sort();
}

function writeOut(dir: string, exporter: Exporter, articles: readonly ExportArticle[]): { out: string; result: ExportResult; files: Map<string, string> } {
  const out = join(dir, exporter.id);
  const result = exporter.export(articles, DEFAULT_EXPORT_OPTIONS);
  const files = new Map<string, string>();
  for (const file of result.files) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, 'utf8');
    files.set(path, file.content);
  }
  return { out, result, files };
}

/** Runs a Python 3 script (standard library only) with JSON on stdin; it prints {cuts, bad}. */
function python(lines: readonly string[], input: unknown): { cuts: string[]; bad: unknown[] } {
  const script = ['import json, os, sys', 'args = json.load(sys.stdin)', 'cuts, bad = [], []', ...lines, 'print(json.dumps({"cuts": cuts, "bad": bad}))'].join('\n');
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { cuts: unknown[][]; bad: unknown[] };
  return { cuts: report.cuts.map((c) => JSON.stringify(c)).sort(), bad: report.bad };
}

// Each script appends [article, category, text[start:end]] to cuts, and to bad what the file contradicts.
const READERS: Record<string, (out: string) => { cuts: string[]; bad: unknown[] }> = {
  w3c: (out) => python([
    'from urllib.parse import urlparse',
    'from urllib.request import url2pathname',
    'doc = json.load(open(os.path.join(args, "annotations.jsonld"), encoding="utf-8"))',
    'assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["type"] == "AnnotationCollection"',
    'assert doc["total"] == len(doc["first"]["items"])',
    'for a in doc["first"]["items"]:',
    '    path = url2pathname(urlparse(a["target"]["source"]).path)',
    '    text = open(path, encoding="utf-8").read()',  // the article file itself: CRLF read as LF
    '    pos = next(s for s in a["target"]["selector"] if s["type"] == "TextPositionSelector")',
    '    quote = next(s for s in a["target"]["selector"] if s["type"] == "TextQuoteSelector")',
    '    cut = text[pos["start"]:pos["end"]]',
    '    tag = next(b["value"] for b in a["body"] if b["purpose"] == "tagging")',
    '    cuts.append([os.path.basename(path), tag, cut])',
    '    if cut != quote["exact"] or not text[:pos["start"]].endswith(quote["prefix"]) or not text[pos["end"]:].startswith(quote["suffix"]): bad.append(a["id"])',
  ], out),
  brat: (out) => python([
    'for name in sorted(os.listdir(args)):',
    '    if not name.endswith(".ann"): continue',
    '    text = open(os.path.join(args, name[:-4] + ".txt"), encoding="utf-8").read()',
    '    for line in open(os.path.join(args, name), encoding="utf-8"):',
    '        if not line.startswith("T"): continue',
    '        tid, type_offsets, field = line.rstrip("\\n").split("\\t", 2)',
    '        category, offsets = type_offsets.split(" ", 1)',
    '        frags = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]',
    '        if " ".join(text[s:e] for s, e in frags) != field or any("\\n" in text[s:e] for s, e in frags): bad.append([name, tid])',
    '        cuts.append([name[:-4] + ".txt", category, text[frags[0][0]:frags[-1][1]]])',
  ], out),
  semeval: (out) => python([
    'names = dict(line.rstrip("\\n").split("\\t", 1) for line in open(os.path.join(args, "ids.tsv"), encoding="utf-8"))',
    'for line in open(os.path.join(args, "labels.txt"), encoding="utf-8"):',
    '    aid, category, start, end = line.rstrip("\\n").split("\\t")',
    '    text = open(os.path.join(args, "article" + aid + ".txt"), encoding="utf-8").read()',
    '    cuts.append([names[aid], category, text[int(start):int(end)]])',
  ], out),
  doccano: (out) => {
    // doccano's offsets are JavaScript string indices into the record's text (its default;
    // --offsets codepoints and Python are checked in export-doccano.test.ts).
    const cuts: string[] = [];
    for (const line of readFileSync(join(out, 'doccano.jsonl'), 'utf8').split('\n').filter((l) => l !== '')) {
      const record = JSON.parse(line) as { text: string; label: [number, number, string][]; meta: { article: string } };
      for (const [start, end, category] of record.label) cuts.push(JSON.stringify([record.meta.article, category, record.text.slice(start, end)]));
    }
    return { cuts: cuts.sort(), bad: [] };
  },
  'label-studio': (out) => {
    type Task = { data: { text: string; article: string }; annotations: { result: { type: string; value: { start: number; end: number; text: string; labels: string[] } }[] }[] };
    // Label Studio is JavaScript: its offsets slice the JS string of data.text.
    const tasks = JSON.parse(readFileSync(join(out, 'label-studio.json'), 'utf8')) as Task[];
    const cuts: string[] = [];
    const bad: unknown[] = [];
    for (const task of tasks) {
      for (const r of task.annotations.flatMap((a) => a.result).filter((x) => x.type === 'labels')) {
        const cut = task.data.text.slice(r.value.start, r.value.end);
        cuts.push(JSON.stringify([task.data.article, r.value.labels[0], cut]));
        if (cut !== r.value.text) bad.push(r);
      }
    }
    return { cuts: cuts.sort(), bad };
  },
};

const FORMATS: readonly [Exporter, Importer, boolean][] = [
  [w3cExporter, w3cImporter, true],
  [bratExporter, bratImporter, true],
  [semevalExporter, semevalImporter, false],
  [doccanoExporter, doccanoImporter, false],
  [labelStudioExporter, labelStudioImporter, true],
];

type SpanKey = [string, string, number, number, string | undefined];
const key = (article: string, label: string, start: number, end: number, note: string | undefined): string => JSON.stringify([article, label, start, end, note] satisfies SpanKey);

function importBack(importer: Importer, files: ReadonlyMap<string, string>, articles: readonly ExportArticle[], names?: readonly string[]): { spans: ImportedSpan[]; problems: string[] } {
  const texts = new Map(articles.map((a) => [a.name, a.text]));
  return importer.read(files, (name) => texts.get(name), names);
}

describe('span formats: read back as the target tool reads them', () => {
  for (const [exporter] of FORMATS) {
    it(`${exporter.id}: every span cut out by ${exporter.unit === 'code points' ? 'Python' : 'JavaScript'} equals its tag's text`, () => {
      const { dir, articles } = fixture();
      const { out } = writeOut(dir, exporter, articles);
      const read = READERS[exporter.id]!(out);
      assert.deepEqual(read.bad, []);
      assert.deepEqual(read.cuts, expectedCuts(articles));
    });
  }

  it('label-studio counts UTF-16 units: the emoji before a tag shifts its offsets', () => {
    const { articles } = fixture();
    const [file] = labelStudioExporter.export(articles, DEFAULT_EXPORT_OPTIONS).files;
    const tasks = JSON.parse(file!.content) as { annotations: { result: { value: { start: number } }[] }[] }[];
    const first = articles[0]!.tags.find((t) => t.end > t.start)!;
    assert.equal(tasks[0]!.annotations[0]!.result[0]!.value.start, first.start + 1);
  });

  it('brat: a tag across a line break becomes two fragments, its note an AnnotatorNotes line', () => {
    const { dir, articles } = fixture();
    const { out, files } = writeOut(dir, bratExporter, articles);
    const ann = files.get(join(out, 'peskov.ann'))!;
    const denial = articles[0]!.tags.find((t) => t.category === 'denial')!;
    const newline = denial.start + Array.from(denial.text).indexOf('\n');
    assert.match(ann, new RegExp(`\\tdenial ${denial.start} ${newline};${newline + 1} ${denial.end}\\tdenied any link to the Brenmark fund, calling the report\\n`));
    assert.match(ann, /^#\d+\tAnnotatorNotes T\d+\tAcross two lines\.$/m);
    assert.match(files.get(join(out, 'annotation.conf'))!, /\[entities\][^[]*\nclaim\n[^[]*\ndenial\n[^[]*\nfigure\n[^[]*\nframing\n\n\[relations\]\n\n\[events\]\n\n\[attributes\]\n/);
  });
});

describe('span formats: round trip', () => {
  for (const [exporter, importer, carriesNotes] of FORMATS) {
    it(`${exporter.id}: export then import gives the same spans${carriesNotes ? ' and notes' : ''}, all placed exactly`, () => {
      const { dir, articles } = fixture();
      const { files } = writeOut(dir, exporter, articles);
      const { spans, problems } = importBack(importer, files, articles);
      assert.deepEqual(problems, []);
      const want = articles.flatMap((a) => a.tags.filter((t) => t.end > t.start).map((t) => key(a.name, t.category, t.start, t.end, carriesNotes ? t.note : undefined)));
      assert.deepEqual(spans.map((s) => key(s.article, s.label, s.start, s.end, s.note)).sort(), want.sort());
      const texts = new Map(articles.map((a) => [a.name, a.text]));
      const placed = placeImported(spans, { articleText: (n) => texts.get(n), existingTags: () => [], labelMap: new Map() });
      assert.deepEqual(placed.problems, []);
      assert.equal(placed.counts.exact, want.length);
    });
  }

  it('semeval without ids.tsv names articles article<ID>.txt', () => {
    const { dir, articles } = fixture();
    const { files } = writeOut(dir, semevalExporter, articles);
    const withoutIds = new Map([...files].filter(([path]) => !path.endsWith('ids.tsv')));
    const { spans } = semevalImporter.read(withoutIds, () => undefined);
    assert.deepEqual([...new Set(spans.map((s) => s.article))].sort(), ['article1.txt', 'article2.txt']);
  });

  it('doccano and label-studio match an unnamed record to the article with the same text', () => {
    const { dir, articles } = fixture();
    for (const exporter of [doccanoExporter, labelStudioExporter]) {
      const { files } = writeOut(dir, exporter, articles);
      const unnamed = new Map([...files].map(([path, content]) => [path, content.replace(/"(article|meta)": ?("[^"]*"|\{[^}]*\})/g, '"x": 0')]));
      const importer = exporter === doccanoExporter ? doccanoImporter : labelStudioImporter;
      const { spans } = importBack(importer, unnamed, articles, articles.map((a) => a.name));
      assert.deepEqual([...new Set(spans.map((s) => s.article))].sort(), ['brenmark fund.txt', 'peskov.txt'], exporter.id);
    }
  });

  it('brat: relations and events are reported, not imported; discontinuous spans merge', () => {
    const files = new Map([['/in/peskov.ann', 'T1\tclaim 0 5;6 11\tHello world\nR1\tCause Arg1:T1 Arg2:T1\nE1\tclaim:T1\n#1\tAnnotatorNotes T1\tA note\n']]);
    const { spans, problems } = bratImporter.read(files, (n) => (n === 'peskov.txt' ? 'Hello\nworld' : undefined));
    assert.deepEqual(spans, [{ article: 'peskov.txt', label: 'claim', start: 0, end: 11, text: 'Hello\nworld', note: 'A note' }]);
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /peskov\.ann:2: relation R1 not imported[^\n]*\npeskov\.ann:3: event E1/);
  });

  it('w3c: a plain array of annotations with only a quote selector is found in the text', () => {
    const annotation = { type: 'Annotation', body: { type: 'TextualBody', purpose: 'tagging', value: 'figure' }, target: { source: 'file:///x/peskov.txt', selector: { type: 'TextQuoteSelector', exact: '3 jobs' } } };
    const { spans } = w3cImporter.read(new Map([['a.json', JSON.stringify([annotation])]]), () => '😀 3 jobs');
    assert.deepEqual(spans, [{ article: 'peskov.txt', label: 'figure', start: 2, end: 8, text: '3 jobs' }]);
  });
});

describe('span formats: orphans', () => {
  for (const [exporter] of FORMATS) {
    it(`${exporter.id}: orphaned and empty tags are left out, with a warning per article`, () => {
      const { articles } = fixture();
      const result = exporter.export(articles, { includeOrphans: true, bom: false });
      assert.deepEqual(result.warnings.map((w) => w.replace(/;.*/, '')), [
        'peskov.txt: 1 orphaned tag left out (0badf00d)',
        'brenmark fund.txt: 1 orphaned tag left out (0badcafe)',
      ]);
      const all = result.files.map((f) => f.content).join('\n');
      assert.ok(!all.includes('a deleted sentence') && !all.includes('0badf00d') && !all.includes('0badcafe'));
    });
  }
});
