// Sub-labels through the data sets' formats (issue 17): fictional articles in the SemEval tasks'
// exact layouts, imported with the preset codebook beside the corpus.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CODEBOOK_PRESETS, codebookToYaml } from '../../src/core/codebook/index';
import { SidecarFile } from '../../src/core/sidecar';
import { tagOn, tagged } from './cliCorpus';
import { inTemp, run, runExpecting } from './cliRun';

/** Invented for these tests: two short pieces in the style of the task's news articles. */
const ARTICLES: Record<string, string> = {
  '700000001': 'Harbour chief slams "reckless" ferry plan\n\nThe so-called experts behind the ferry plan have gambled with the town\'s future, the harbour chief said on Monday.\nShe called the scheme a disgrace and said nobody had asked the fishermen.\n',
  '700000002': 'Council defends tram budget\n\nThe council said the tram would open in March and denied that costs had doubled.\nCritics called it a money pit.\n',
};

const preset = (id: string) => CODEBOOK_PRESETS.find((p) => p.id === id)!.codebook;
const cp = (text: string, part: string): [number, number] => {
  const at = Array.from(text.slice(0, text.indexOf(part))).length;
  return [at, at + Array.from(part).length];
};

function corpus(dir: string, codebook = preset('semeval2020')): string {
  const folder = join(dir, 'corpus');
  mkdirSync(folder, { recursive: true });
  for (const [id, text] of Object.entries(ARTICLES)) writeFileSync(join(folder, `article${id}.txt`), text);
  writeFileSync(join(folder, 'newsmark.codebook.yaml'), codebookToYaml(codebook));
  return folder;
}

function labelsOf(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.tags.yaml')).sort().flatMap((f) => {
    const parsed = SidecarFile.parse(readFileSync(join(folder, f), 'utf8'));
    assert.ok(parsed.ok);
    // Two tags on one span keep the order of the file, which a format need not keep: sorted within the span.
    return parsed.sidecar.tags.map((t) => ({ t, line: `${f.slice(0, -'.tags.yaml'.length)} ${t.category}/${t.label ?? '-'} ${t.start}-${t.end} ${t.text}` }))
      .sort((x, y) => x.t.start - y.t.start || x.t.end - y.t.end || (x.line < y.line ? -1 : x.line > y.line ? 1 : 0)).map((x) => x.line);
  });
}

describe('SemEval-2020 Task 11 label files with the preset codebook', () => {
  it('import the techniques as framing tags with their sub-labels', () => inTemp(async (dir) => {
    const folder = corpus(dir);
    const [a, b] = [ARTICLES['700000001']!, ARTICLES['700000002']!];
    const labels = join(dir, 'labels');
    mkdirSync(labels);
    // The task's layout: one file per article, article<ID>.task-flc-tc.labels, ID TAB technique TAB start TAB end.
    writeFileSync(join(labels, 'article700000001.task-flc-tc.labels'), [
      `700000001\tLoaded_Language\t${cp(a, 'reckless').join('\t')}\n`,
      `700000001\tDoubt\t${cp(a, 'so-called experts').join('\t')}\n`,
      `700000001\tName_Calling,Labeling\t${cp(a, 'a disgrace').join('\t')}\n`,
    ].join(''));
    writeFileSync(join(labels, 'article700000002.task-flc-tc.labels'), `700000002\tLoaded_Language\t${cp(b, 'a money pit').join('\t')}\n`);
    const result = await runExpecting(0, ['import', '--format', 'semeval', '--articles', folder, labels]);
    assert.match(result.out, /4 tags imported into 2 sidecars/);
    const line = (id: string, label: string, part: string): string => `article${id}.txt framing/${label} ${cp(ARTICLES[id]!, part).join('-')} ${part}`;
    assert.deepEqual(labelsOf(folder), [
      line('700000001', 'Loaded_Language', 'reckless'),
      line('700000001', 'Doubt', 'so-called experts'),
      line('700000001', 'Name_Calling,Labeling', 'a disgrace'),
      line('700000002', 'Loaded_Language', 'a money pit'),
    ]);
  }));

  it('without a codebook, a technique is an unknown category: reported, not imported, with the way out', () => inTemp(async (dir) => {
    const folder = join(dir, 'bare');
    mkdirSync(folder);
    writeFileSync(join(folder, 'article700000002.txt'), ARTICLES['700000002']!);
    const labels = join(dir, 'x.labels');
    writeFileSync(labels, `700000002\tLoaded_Language\t${cp(ARTICLES['700000002']!, 'a money pit').join('\t')}\n`);
    const result = await run(['import', '--format', 'semeval', '--articles', folder, labels]);
    assert.equal(result.code, 1);
    assert.match(result.err, /unknown category "Loaded_Language".*newsmark\.codebook\.yaml/);
  }));
});

describe('SemEval-2023 Task 3 files with the preset codebook', () => {
  it('spans import as framing tags with their techniques, frames and genre as the article codes; the paragraph file is only noted', () => inTemp(async (dir) => {
    const folder = corpus(dir, preset('semeval2023'));
    const [a, b] = [ARTICLES['700000001']!, ARTICLES['700000002']!];
    const labels = join(dir, 'labels');
    mkdirSync(labels);
    writeFileSync(join(labels, 'train-labels-subtask-3-spans.txt'), [
      `700000001\tLoaded_Language\t${cp(a, 'reckless').join('\t')}`,
      `700000001\tDoubt\t${cp(a, 'so-called experts').join('\t')}`,
      `700000002\tLoaded_Language\t${cp(b, 'a money pit').join('\t')}`,
      '',
    ].join('\n'));
    writeFileSync(join(labels, 'train-labels-subtask-3.txt'), '700000001\t1\tLoaded_Language\n700000001\t2\t\n700000001\t3\tDoubt\n');
    writeFileSync(join(labels, 'train-labels-subtask-2.txt'), '700000001\tEconomic,Quality_of_life\n700000002\tEconomic\n');
    writeFileSync(join(labels, 'train-labels-subtask-1.txt'), '700000001\topinion\n700000002\treporting\n');
    const result = await runExpecting(0, ['import', '--format', 'semeval2023', '--articles', folder, labels]);
    assert.match(result.out, /3 tags and the codes of 2 articles imported into 2 sidecars/);
    assert.match(result.err, /paragraph-level records name techniques but no span/);
    const line = (id: string, label: string, part: string): string => `article${id}.txt framing/${label} ${cp(ARTICLES[id]!, part).join('-')} ${part}`;
    assert.deepEqual(labelsOf(folder), [line('700000001', 'Loaded_Language', 'reckless'), line('700000001', 'Doubt', 'so-called experts'), line('700000002', 'Loaded_Language', 'a money pit')]);
    const codes = (id: string) => {
      const parsed = SidecarFile.parse(readFileSync(join(folder, `article${id}.txt.tags.yaml`), 'utf8'));
      assert.ok(parsed.ok);
      return parsed.sidecar.details.codes;
    };
    assert.deepEqual(codes('700000001'), { frames: ['Economic', 'Quality_of_life'], genre: 'opinion' });
    assert.deepEqual(codes('700000002'), { frames: ['Economic'], genre: 'reporting' });
  }));
});

describe('sub-labels through every format', () => {
  /** The corpus with framing tags carrying techniques and a claim without one; sidecars written by Newsmark. */
  function labelledCorpus(dir: string): string {
    const folder = corpus(dir);
    const [a, b] = [ARTICLES['700000001']!, ARTICLES['700000002']!];
    tagged(folder, 'article700000001.txt', a, [
      { ...tagOn(a, 'reckless', 'framing', 'c0000001'), label: 'Loaded_Language' },
      { ...tagOn(a, 'so-called experts', 'framing', 'c0000002'), label: 'Doubt' },
      tagOn(a, 'nobody had asked the fishermen', 'claim', 'c0000003'),
    ]);
    tagged(folder, 'article700000002.txt', b, [{ ...tagOn(b, 'a money pit', 'framing', 'c0000004'), label: 'Name_Calling,Labeling' }, tagOn(b, 'a money pit', 'framing', 'c0000005')]);
    return folder;
  }

  for (const format of ['semeval', 'brat', 'w3c', 'doccano', 'label-studio']) {
    it(`${format}: export, delete the sidecars, import gives the same tags with the same sub-labels`, () => inTemp(async (dir) => {
      const folder = labelledCorpus(dir);
      const before = labelsOf(folder);
      const out = join(dir, `out-${format}`);
      await runExpecting(0, ['export', '--format', format, '--out', out, folder]);
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.tags.yaml'))) rmSync(join(folder, f));
      await runExpecting(0, ['import', '--format', format, '--articles', folder, out]);
      assert.deepEqual(labelsOf(folder), before);
    }));
  }

  it('SemEval-2020: a labelled framing tag goes out with its technique as the task spells it; the label file imports back byte for byte', () => inTemp(async (dir) => {
    const folder = labelledCorpus(dir);
    const out = join(dir, 'out');
    await runExpecting(0, ['export', '--format', 'semeval', '--out', out, folder]);
    const labels = readFileSync(join(out, 'labels.txt'), 'utf8');
    assert.match(labels, /^1\tLoaded_Language\t\d+\t\d+$/m);
    assert.match(labels, /^2\tName_Calling,Labeling\t\d+\t\d+$/m);
    assert.match(labels, /^1\tclaim\t\d+\t\d+$/m, 'a tag without a technique keeps its category');
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.tags.yaml'))) rmSync(join(folder, f));
    await runExpecting(0, ['import', '--format', 'semeval', '--articles', folder, out]);
    const again = join(dir, 'again');
    await runExpecting(0, ['export', '--format', 'semeval', '--out', again, folder]);
    assert.equal(readFileSync(join(again, 'labels.txt'), 'utf8'), labels);
  }));

  it('CSV and JSON Lines carry the sub-label in a label column after the category', () => inTemp(async (dir) => {
    const folder = labelledCorpus(dir);
    const csv = await runExpecting(0, ['export', '--format', 'csv', folder]);
    const [head, ...rows] = csv.out.trim().split(/\r?\n/);
    assert.deepEqual(head!.split(',').slice(0, 4), ['article', 'id', 'category', 'label']);
    assert.ok(rows.some((r) => r.includes(',framing,Loaded_Language,')));
    assert.ok(rows.some((r) => r.includes(',framing,"Name_Calling,Labeling",')));
    const jsonl = await runExpecting(0, ['export', '--format', 'jsonl', folder]);
    const first = JSON.parse(jsonl.out.split('\n')[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first).slice(0, 4), ['article', 'id', 'category', 'label']);
  }));

  it('brat writes the sub-label as an attribute line and declares it in annotation.conf', () => inTemp(async (dir) => {
    const folder = labelledCorpus(dir);
    const out = join(dir, 'brat');
    await runExpecting(0, ['export', '--format', 'brat', '--out', out, folder]);
    const ann = readFileSync(join(out, 'article700000001.ann'), 'utf8');
    assert.match(ann, /^T1\tframing \d+ \d+\treckless\nA1\tLabel T1 Loaded_Language$/m);
    assert.match(readFileSync(join(out, 'annotation.conf'), 'utf8'), /^Label\tArg:<ENTITY>, Value:/m);
  }));
});

describe('the HTML report with a codebook', () => {
  it('names the sub-label beside the category, gives its definition, and lists the sub-labels used with their counts', () => inTemp(async (dir) => {
    const folder = corpus(dir);
    const a = ARTICLES['700000001']!;
    tagged(folder, 'article700000001.txt', a, [{ ...tagOn(a, 'reckless', 'framing', 'c0000001'), label: 'Loaded_Language' }, { ...tagOn(a, 'a disgrace', 'framing', 'c0000002'), label: 'Invented_Here' }]);
    const { out } = await runExpecting(0, ['export', '--format', 'html', folder]);
    assert.match(out, /<h2 class="minor">Sub-labels<\/h2>/);
    assert.match(out, /<b>Loaded language<\/b> <span class="muted">Loaded_Language<\/span> · 1 — Words chosen for their emotional charge/);
    assert.match(out, /<b>Invented_Here<\/b> · 1 <span class="muted">\(not in the codebook\)<\/span>/);
    assert.match(out, /<span class="sublabel" title="Words chosen[^"]*">Loaded language<\/span>/);
    assert.match(out, /title="Editorial framing › Loaded language"/);
  }));
});

describe('SemEval-2023 Task 3 export', () => {
  it('writes the task\'s span, paragraph, frame and genre files; importing them back gives the same tags and codes, and a re-export the same bytes', () => inTemp(async (dir) => {
    const folder = corpus(dir, preset('semeval2023'));
    const [a, b] = [ARTICLES['700000001']!, ARTICLES['700000002']!];
    const { SidecarFile: File } = await import('../../src/core/sidecar');
    const { articleHash } = await import('../../src/core/articleFile');
    const write = (name: string, text: string, tags: Parameters<typeof tagged>[3], codes: Record<string, string | string[]>): void => {
      writeFileSync(join(folder, name), text);
      const base = File.create(name, '');
      writeFileSync(join(folder, `${name}.tags.yaml`), base.serialize(tags, articleHash(text), name, [], { codes }));
    };
    write('article700000001.txt', a, [
      { ...tagOn(a, 'reckless', 'framing', 'c0000001'), label: 'Loaded_Language' },
      { ...tagOn(a, 'so-called experts', 'framing', 'c0000002'), label: 'Doubt' },
      { ...tagOn(a, 'a disgrace', 'framing', 'c0000003'), label: 'Name_Calling-Labeling' },
    ], { frames: ['Economic', 'Quality_of_life'], genre: 'opinion' });
    write('article700000002.txt', b, [{ ...tagOn(b, 'a money pit', 'framing', 'c0000004'), label: 'Loaded_Language' }], { frames: ['Economic'], genre: 'reporting' });
    const before = labelsOf(folder);
    const out = join(dir, 'out');
    await runExpecting(0, ['export', '--format', 'semeval2023', '--out', out, folder]);
    const read = (name: string): string => readFileSync(join(out, name), 'utf8');
    assert.equal(read('labels-subtask-2.txt'), '1\tEconomic,Quality_of_life\n2\tEconomic\n');
    assert.equal(read('labels-subtask-1.txt'), '1\topinion\n2\treporting\n');
    assert.equal(read('labels-subtask-3.txt'), '1\t1\tLoaded_Language\n1\t3\tDoubt\n1\t4\tName_Calling-Labeling\n2\t1\t\n2\t3\t\n2\t4\tLoaded_Language\n');
    assert.match(read('labels-subtask-3-spans.txt'), /^1\tLoaded_Language\t\d+\t\d+\n/);
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.tags.yaml'))) rmSync(join(folder, f));
    await runExpecting(0, ['import', '--format', 'semeval2023', '--articles', folder, out]);
    assert.deepEqual(labelsOf(folder), before);
    const again = join(dir, 'again');
    await runExpecting(0, ['export', '--format', 'semeval2023', '--out', again, folder]);
    for (const name of ['labels-subtask-3-spans.txt', 'labels-subtask-3.txt', 'labels-subtask-2.txt', 'labels-subtask-1.txt']) assert.equal(readFileSync(join(again, name), 'utf8'), read(name), name);
  }));
});

describe('importing an export of two articles of one name in different folders', () => {
  /** bbc/day.txt and cnn/day.txt, each with its own tags and codes, exported as SemEval-2023; then their sidecars removed. */
  async function exportedTwins(dir: string): Promise<{ folder: string; out: string; before: Record<'bbc' | 'cnn', string[]>; sidecarOf: (path: string) => string[] }> {
    const folder = join(dir, 'corpus');
    mkdirSync(join(folder, 'bbc'), { recursive: true });
    mkdirSync(join(folder, 'cnn'));
    // At the top only: an import from bbc/ finds it in the folder above.
    writeFileSync(join(folder, 'newsmark.codebook.yaml'), codebookToYaml(preset('semeval2023')));
    const [a, b] = [ARTICLES['700000001']!, ARTICLES['700000002']!];
    const { articleHash } = await import('../../src/core/articleFile');
    const put = (path: string, text: string, tags: Parameters<typeof tagged>[3], codes: Record<string, string | string[]>): void => {
      writeFileSync(join(folder, path), text);
      writeFileSync(join(folder, `${path}.tags.yaml`), SidecarFile.create('day.txt', '').serialize(tags, articleHash(text), 'day.txt', [], { codes }));
    };
    // The two texts start alike, so a span of one fits in the other at its offsets.
    put('bbc/day.txt', a, [{ ...tagOn(a, 'reckless', 'framing', 'c0000001'), label: 'Loaded_Language' }], { frames: ['Economic'], genre: 'opinion' });
    put('cnn/day.txt', b, [{ ...tagOn(b, 'a money pit', 'framing', 'c0000004'), label: 'Doubt' }], { frames: ['Political'], genre: 'reporting' });
    const sidecarOf = (path: string): string[] => {
      const parsed = SidecarFile.parse(readFileSync(join(folder, `${path}.tags.yaml`), 'utf8'));
      assert.ok(parsed.ok, path);
      return [...parsed.sidecar.tags.map((t) => `${t.label} ${t.text}`), JSON.stringify(Object.entries(parsed.sidecar.details?.codes ?? {}).sort())];
    };
    const before = { bbc: sidecarOf('bbc/day.txt'), cnn: sidecarOf('cnn/day.txt') };
    const out = join(dir, 'out');
    await runExpecting(0, ['export', '--format', 'semeval2023', '--out', out, folder]);
    assert.match(readFileSync(join(out, 'ids.tsv'), 'utf8'), /^\d\tbbc\/day\.txt\n\d\tcnn\/day\.txt\n$/);
    for (const path of ['bbc/day.txt', 'cnn/day.txt']) rmSync(join(folder, `${path}.tags.yaml`));
    return { folder, out, before, sidecarOf };
  }

  it('puts each article\'s tags and codes back into that article, found by the folder the export recorded', () => inTemp(async (dir) => {
    const { folder, out, before, sidecarOf } = await exportedTwins(dir);
    const result = await run(['import', '--format', 'semeval2023', '--articles', folder, out]);
    assert.equal(result.code, 0, `${result.out}\n${result.err}`);
    assert.deepEqual(sidecarOf('bbc/day.txt'), before.bbc);
    assert.deepEqual(sidecarOf('cnn/day.txt'), before.cnn);
  }));

  it('given only one of the folders, imports that article\'s records alone and refuses the other\'s, naming its path', () => inTemp(async (dir) => {
    const { folder, out, before, sidecarOf } = await exportedTwins(dir);
    const result = await run(['import', '--format', 'semeval2023', '--articles', join(folder, 'bbc'), out]);
    assert.equal(result.code, 1, `${result.out}\n${result.err}`);
    assert.match(result.err, /cnn\/day\.txt/);
    assert.deepEqual(sidecarOf('bbc/day.txt'), before.bbc, 'bbc/day.txt has its own tags and codes, none of cnn/day.txt\'s');
  }));
});
