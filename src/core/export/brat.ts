// brat standoff: per article a `.txt` copy of the text and a `.ann` file, plus `annotation.conf`
// and `articles.tsv` (no header; `sub__a.txt<TAB>sub/a.txt`): which article each `.txt` is, since
// same-named articles from different folders get distinct file names.
// brat's offsets are character offsets into the `.txt` — Python str indices, i.e. code points —
// so Newsmark's offsets go out as they are, over the LF text written beside them.
// A text-bound annotation may not hold a line break, so a tag across lines becomes brat's
// discontinuous form `T2\tfigure 10 20;21 30\tfirst part second part` (fragments joined by a space).
import * as l10n from '@vscode/l10n';
import { CATEGORIES } from '../codebook';
import { ArticleText, type Tag } from '../tag';
import { fileName, placedArticles, textLines, withoutTxt } from './common';
import { distinctStems } from './names';
import { appendRange, exportAll, type AssembledFile, type OpenStream, type SpoolRange } from './stream';
import type { ExportArticle, Exporter, ImportedSpan, Importer } from './types';

/** The mapping of exported `.txt` names to article paths. */
const MAPPING = 'articles.tsv';

type Fragment = { start: number; end: number };

/** Line breaks brat's line-by-line reading of the `.ann` would split a text field at. */
const BREAK = /[\n\r\u2028\u2029\u0085]/;

/** The pieces of [start, end) between line breaks, empty pieces dropped. */
function fragmentsOf(text: ArticleText, tag: Tag): Fragment[] {
  const fragments: Fragment[] = [];
  let from = tag.start;
  let at = tag.start;
  for (const char of text.slice(tag.start, tag.end)) {
    if (BREAK.test(char)) {
      if (at > from) fragments.push({ start: from, end: at });
      from = at + 1;
    }
    at++;
  }
  if (at > from) fragments.push({ start: from, end: at });
  return fragments;
}

/** brat's name for the attribute that carries a tag's sub-label (codebook). */
const LABEL_ATTRIBUTE = 'Label';

function annotationConf(labels: ReadonlySet<string>): string {
  const entities = CATEGORIES.map((c) => `# ${c.label}: ${c.definition}\n${c.id}`);
  const attributes = labels.size > 0 ? ['# The sub-label of a tag (newsmark.codebook.yaml)', `${LABEL_ATTRIBUTE}\tArg:<ENTITY>, Value:${[...labels].sort().join('|')}`] : [];
  return ['# Newsmark categories', '[entities]', ...entities, '', '[relations]', '', '[events]', '', '[attributes]', ...attributes, ''].join('\n');
}

/** A value brat reads as one token (its attribute lines are split at white space). */
function bratToken(value: string): boolean {
  return value !== '' && !/[\s|]/u.test(value);
}

function annOf(text: ArticleText, tags: readonly Tag[], labels: Set<string>, warnings: string[], name: string): string {
  const lines: string[] = [];
  let n = 0;
  let a = 0;
  for (const tag of tags) {
    const fragments = fragmentsOf(text, tag);
    if (fragments.length === 0) continue; // only line breaks: nothing brat can show
    n++;
    const offsets = fragments.map((f) => `${f.start} ${f.end}`).join(';');
    const quoted = fragments.map((f) => text.slice(f.start, f.end)).join(' ');
    lines.push(`T${n}\t${tag.category} ${offsets}\t${quoted}`);
    if (tag.label !== undefined) {
      if (bratToken(tag.label)) {
        labels.add(tag.label);
        lines.push(`A${++a}\t${LABEL_ATTRIBUTE} T${n} ${tag.label}`);
      } else warnings.push(l10n.t('{0}: the sub-label {1} holds white space or "|", which a brat attribute cannot; left out of the .ann.', name, JSON.stringify(tag.label)));
    }
    // brat reads one annotation a line: a note's line breaks become spaces.
    if (tag.note !== undefined && tag.note !== '') lines.push(`#${n}\tAnnotatorNotes T${n}\t${tag.note.replace(/\r\n|[\n\r\u2028\u2029\u0085]/g, ' ')}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * Each article's text and annotations are spooled as they come; their file names, which depend
 * on every article's name and path, are given at the end. Kept per article: its name and two
 * spool ranges.
 */
const openBrat: OpenStream = (_options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  const labels = new Set<string>();
  const written: { name: string; text: SpoolRange; ann: SpoolRange }[] = [];
  const range = (content: string): SpoolRange => appendRange(out, content);
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      for (const { article, text, tags } of placed) written.push({ name: article.name, text: range(article.text), ann: range(annOf(text, tags, labels, warnings, article.name)) });
    },
    finish(paths) {
      const named: ExportArticle[] = written.map((w, i) => ({ name: w.name, path: paths[i]!, uri: '', text: '', tags: [] }));
      const stems = distinctStems(named, withoutTxt);
      const files: AssembledFile[] = [{ path: 'annotation.conf', pieces: [annotationConf(labels)] }];
      written.forEach((w, i) => files.push({ path: `${stems[i]!}.txt`, pieces: [w.text] }, { path: `${stems[i]!}.ann`, pieces: [w.ann] }));
      files.push({ path: MAPPING, pieces: [written.map((_, i) => `${stems[i]!}.txt\t${paths[i]!}\n`).join('')] });
      return { files, warnings };
    },
  };
};

export const bratExporter: Exporter = {
  id: 'brat',
  label: 'brat standoff',
  unit: 'code points',
  singleFile: false,
  open: openBrat,
  export: (articles, options) => exportAll(openBrat, articles, options),
};

/** A brat annotation kind in words (translated when said). */
function kindName(kind: string): string {
  switch (kind) {
    case 'R': return l10n.t('relation');
    case 'E': return l10n.t('event');
    case 'A': case 'M': return l10n.t('attribute');
    case 'N': return l10n.t('normalization');
    case '*': return l10n.t('equivalence');
    default: return l10n.t('unknown');
  }
}

interface TextBound {
  readonly id: string;
  readonly label: string;
  readonly fragments: Fragment[];
  readonly text: string;
  readonly line: number;
}

/** `T1\tclaim 10 25;30 35\ttext` → its parts, or undefined when the line is not of that form. */
function parseTextBound(fields: string[], line: number): TextBound | undefined {
  const [id = '', typeAndOffsets = '', ...rest] = fields;
  const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(typeAndOffsets);
  if (!match) return undefined;
  const fragments = (match[2] ?? '').split(';').map((pair) => {
    const [start = 0, end = 0] = pair.split(' ').map(Number);
    return { start, end };
  });
  return { id, label: match[1] ?? '', fragments, text: rest.join('\t'), line };
}

/** The span of a text-bound annotation: first fragment's start to last fragment's end. */
function spanOf(tb: TextBound, article: string, lf: string | undefined, where: string, problems: string[]): ImportedSpan {
  const start = Math.min(...tb.fragments.map((f) => f.start));
  const end = Math.max(...tb.fragments.map((f) => f.end));
  let text: string | undefined = tb.text;
  if (tb.fragments.length > 1) {
    // brat's text joins the fragments with a space: it says what the span covers only with the article.
    text = undefined;
    if (lf !== undefined) {
      const article = new ArticleText(lf);
      const joined = tb.fragments.map((f) => article.slice(f.start, f.end)).join(' ');
      if (joined === tb.text) text = article.slice(start, end);
      else problems.push(l10n.t('{0}: the fragments {1} differ from the annotation\'s text {2}', where, JSON.stringify(joined), JSON.stringify(tb.text)));
    }
  }
  return { article, label: tb.label, start, end, ...(text !== undefined ? { text } : {}) };
}

/** `articles.tsv` as exported `.txt` name → article path; empty when there is none. */
function readMapping(files: ReadonlyMap<string, string>): Map<string, string> {
  const mapping = new Map<string, string>();
  const entry = [...files].find(([path]) => fileName(path) === MAPPING);
  for (const line of entry ? textLines(entry[1]) : []) {
    const [txt = '', article = ''] = line.split('\t');
    if (txt !== '' && article !== '') mapping.set(txt, article); // the path as exported: see articleMatch.ts
  }
  return mapping;
}

function readAnn(path: string, content: string, articleText: (name: string) => string | undefined, mapping: ReadonlyMap<string, string>, problems: string[]): ImportedSpan[] {
  const base = fileName(path).replace(/\.ann$/i, '');
  // `peskov.ann` belongs to the article articles.tsv names for `peskov.txt`, else to `peskov.txt`
  // (the export drops `.txt`), else to an article named `peskov`.
  const mapped = mapping.get(`${base}.txt`);
  const resolved = mapped ?? [`${base}.txt`, base].find((n) => articleText(n) !== undefined) ?? `${base}.txt`;
  const lf = articleText(resolved);
  const bounds: TextBound[] = [];
  const notes = new Map<string, string>();
  const subLabels = new Map<string, string>();
  textLines(content).forEach((text, i) => {
    const where = `${fileName(path)}:${i + 1}`;
    if (text.trim() === '') return;
    const fields = text.split('\t');
    const kind = text.charAt(0);
    if (kind === 'T') {
      const tb = parseTextBound(fields, i + 1);
      if (tb) bounds.push(tb);
      else problems.push(l10n.t('{0}: not a text-bound annotation brat would read; not imported', where));
    } else if (kind === '#') {
      const [, type = '', note = ''] = fields;
      const [noteType, target = ''] = type.split(' ');
      if (noteType === 'AnnotatorNotes' && target.startsWith('T')) notes.set(target, note);
    } else if (kind === 'A' && fields[1]?.startsWith(`${LABEL_ATTRIBUTE} T`)) {
      const [, target = '', value] = fields[1].split(' ');
      if (value !== undefined && value !== '') subLabels.set(target, value);
      else problems.push(l10n.t('{0}: a {1} attribute without a value; not imported', where, LABEL_ATTRIBUTE));
    } else {
      problems.push(l10n.t('{0}: {1} {2} not imported (Newsmark imports text-bound annotations and their notes)', where, kindName(kind), fields[0] ?? ''));
    }
  });
  return bounds.map((tb) => {
    const span = spanOf(tb, resolved, lf, `${fileName(path)}:${tb.line}`, problems);
    const note = notes.get(tb.id);
    const subLabel = subLabels.get(tb.id);
    return { ...span, ...(note !== undefined ? { note } : {}), ...(subLabel !== undefined ? { subLabel } : {}) };
  });
}

export const bratImporter: Importer = {
  id: 'brat',
  label: 'brat standoff',
  recordedPaths: (files) => [...readMapping(files).values()],
  read(files, articleText) {
    const problems: string[] = [];
    const anns = [...files].filter(([path]) => path.toLowerCase().endsWith('.ann'));
    const mapping = readMapping(files);
    const spans = anns.flatMap(([path, content]) => readAnn(path, content, articleText, mapping, problems));
    return { spans, problems };
  },
};
