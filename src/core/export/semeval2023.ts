// SemEval-2023 Task 3 (genre, framing and persuasion techniques) layout. Articles are
// `article<ID>.txt`; the label files are tab-separated, one line per record:
//   subtask 3, spans:       ID \t technique \t start \t end     (Python indices: code points)
//   subtask 3, paragraphs:  ID \t line \t technique,technique   (1-based line of the article)
//   subtask 2, frames:      ID \t frame,frame
//   subtask 1, genre:       ID \t opinion|reporting|satire
// A file is told apart by its name (…subtask-3…spans…, …subtask-3…, …subtask-2…, …subtask-1…)
// and, failing that, by its lines' shape. Spans become framing tags with the technique as their
// sub-label; frames and genre become the article codes `frames` and `genre` (the SemEval-2023
// codebook preset lists them); the paragraph file names no span, so it is read only to say so.
import * as l10n from '@vscode/l10n';
import { SEMEVAL_2023_FRAMES } from '../codebook/index';
import { ArticleText, type Tag } from '../tag';
import { fileName, placedArticles, textLines, toOffset } from './common';
import { readIds } from './semeval';
import { appendRange, exportAll, type AssembledFile, type OpenStream, type SpoolRange } from './stream';
import type { Exporter, ImportedCodes, ImportedSpan, Importer, ImportResult } from './types';

/** The files the export writes (the task's own names, without its train-/dev- prefix). */
const SPANS = 'labels-subtask-3-spans.txt';
const PARAGRAPHS = 'labels-subtask-3.txt';
const FRAMES = 'labels-subtask-2.txt';
const GENRE = 'labels-subtask-1.txt';

/** Tags with a sub-label (the techniques), one line each, sorted on a span by technique. */
function spanLines(tags: readonly Tag[]): string {
  return tags.filter((t) => t.label !== undefined).map((t) => ({ t, label: t.label! }))
    .sort((x, y) => x.t.start - y.t.start || x.t.end - y.t.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0))
    .map(({ t, label }) => `${label}\t${t.start}\t${t.end}\n`).join('');
}

/**
 * Per line of the article (1-based, empty lines left out), the techniques whose spans start on it,
 * each once, in the order they first appear: subtask 3's paragraph-level labels.
 */
function paragraphLines(text: string, tags: readonly Tag[]): string {
  const article = new ArticleText(text);
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    starts.push(at);
    at += Array.from(line).length + 1;
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const byLine = new Map<number, string[]>();
  for (const t of [...tags].filter((x) => x.label !== undefined).sort((x, y) => x.start - y.start)) {
    const n = lineOf(Math.min(t.start, article.length));
    const list = byLine.get(n) ?? [];
    if (!list.includes(t.label!)) list.push(t.label!);
    byLine.set(n, list);
  }
  return text.split('\n').map((line, i) => (line.trim() === '' ? '' : `${i + 1}\t${(byLine.get(i) ?? []).join(',')}\n`)).join('');
}

function codeValues(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/** Like SemEval-2020's export: articles numbered in path order, known only at the end, so each one's lines are spooled without their number. */
const openSemeval2023: OpenStream = (_options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  const written: { text: SpoolRange; spans: SpoolRange; paragraphs: SpoolRange; frames?: string; genre?: string }[] = [];
  const range = (content: string): SpoolRange => appendRange(out, content);
  let unlabelled = 0;
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      for (const { article, tags } of placed) {
        unlabelled += tags.filter((t) => t.label === undefined).length;
        const frames = codeValues(one.codes?.['frames']);
        const genre = codeValues(one.codes?.['genre']);
        written.push({
          text: range(article.text),
          spans: range(spanLines(tags)),
          paragraphs: range(paragraphLines(article.text, tags)),
          ...(frames.length > 0 ? { frames: frames.join(',') } : {}),
          ...(genre.length > 0 ? { genre: genre[0]! } : {}),
        });
      }
    },
    finish(paths) {
      const order = written.map((_, i) => i).sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0));
      const files: AssembledFile[] = order.map((w, i) => ({ path: `article${i + 1}.txt`, pieces: [written[w]!.text] }));
      files.push(
        { path: 'ids.tsv', pieces: [order.map((w, i) => `${i + 1}\t${paths[w]!}\n`).join('')] },
        { path: SPANS, pieces: order.map((w, i) => ({ ...written[w]!.spans, linePrefix: `${i + 1}\t` })) },
        { path: PARAGRAPHS, pieces: order.map((w, i) => ({ ...written[w]!.paragraphs, linePrefix: `${i + 1}\t` })) },
      );
      const framed = order.map((w, i) => (written[w]!.frames !== undefined ? `${i + 1}\t${written[w]!.frames}\n` : '')).join('');
      const genres = order.map((w, i) => (written[w]!.genre !== undefined ? `${i + 1}\t${written[w]!.genre}\n` : '')).join('');
      if (framed !== '') files.push({ path: FRAMES, pieces: [framed] });
      if (genres !== '') files.push({ path: GENRE, pieces: [genres] });
      if (unlabelled > 0) warnings.push(unlabelled === 1
        ? l10n.t('1 tag without a sub-label (technique) left out: the task\'s files carry techniques only.')
        : l10n.t('{0} tags without a sub-label (technique) left out: the task\'s files carry techniques only.', unlabelled));
      return { files, warnings };
    },
  };
};

export const semeval2023Exporter: Exporter = {
  id: 'semeval2023',
  label: 'SemEval-2023 Task 3',
  unit: 'code points',
  singleFile: false,
  open: openSemeval2023,
  export: (articles, options) => exportAll(openSemeval2023, articles, options),
};

type Kind = 'spans' | 'paragraphs' | 'frames' | 'genre';
const GENRES = ['opinion', 'reporting', 'satire'];

function kindOf(path: string, content: string): Kind | undefined {
  const name = fileName(path).toLowerCase();
  if (name === 'ids.tsv' || (name.endsWith('.txt') && name.startsWith('article') && !name.includes('label'))) return undefined; // the mapping, an article
  if (name.includes('subtask-3') || name.includes('subtask3')) return name.includes('span') ? 'spans' : 'paragraphs';
  if (name.includes('subtask-2') || name.includes('subtask2')) return 'frames';
  if (name.includes('subtask-1') || name.includes('subtask1')) return 'genre';
  const first = textLines(content).find((l) => l.trim() !== '');
  if (!first) return undefined;
  const cells = first.split('\t');
  if (cells.length === 4 && toOffset(cells[2]?.trim()) !== undefined) return 'spans';
  if (cells.length === 3 && /^\d+$/.test(cells[1]!.trim())) return 'paragraphs';
  if (cells.length === 2 && GENRES.includes(cells[1]!.trim())) return 'genre';
  if (cells.length === 2 && cells[1]!.split(',').every((f) => SEMEVAL_2023_FRAMES.includes(f.trim()))) return 'frames';
  return undefined;
}

export const semeval2023Importer: Importer = {
  id: 'semeval2023',
  label: 'SemEval-2023 Task 3',
  recordedPaths: (files) => [...(readIds(files, []) ?? new Map<string, string>()).values()],
  read(files): ImportResult {
    const spans: ImportedSpan[] = [];
    const codes: ImportedCodes[] = [];
    const problems: string[] = [];
    const notes: string[] = [];
    const ids = readIds(files, problems);
    let labelFiles = 0;
    for (const [path, content] of files) {
      const kind = kindOf(path, content);
      if (kind === undefined) continue;
      labelFiles++;
      let paragraphs = 0;
      textLines(content).forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${fileName(path)}:${i + 1}`;
        const cells = line.split('\t').map((c) => c.trim());
        const article = ids?.get(cells[0]!) ?? `article${cells[0]}.txt`;
        if (kind === 'spans') {
          const [, technique = '', startText, endText] = cells;
          const start = toOffset(startText);
          const end = toOffset(endText);
          if (cells.length !== 4 || technique === '' || start === undefined || end === undefined) problems.push(l10n.t('{0}: expected ID<tab>technique<tab>start<tab>end; not imported', where));
          else spans.push({ article, label: technique, start, end });
        } else if (kind === 'paragraphs') {
          if (cells.length !== 3 && cells.length !== 2) problems.push(l10n.t('{0}: expected ID<tab>line<tab>techniques; not read', where));
          else if ((cells[2] ?? '') !== '') paragraphs++;
        } else {
          const values = (cells[1] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
          if (cells.length !== 2) problems.push(kind === 'frames' ? l10n.t('{0}: expected ID<tab>frame,frame; not imported', where) : l10n.t('{0}: expected ID<tab>genre; not imported', where));
          else codes.push({ article, code: kind === 'frames' ? 'frames' : 'genre', values });
        }
      });
      if (paragraphs > 0) notes.push(l10n.t('{0}: {1} paragraph-level records name techniques but no span; the span file carries them as tags.', fileName(path), paragraphs));
    }
    if (labelFiles === 0) problems.push(l10n.t('no SemEval-2023 label file among the files given (…subtask-3-spans…, …subtask-2…, …subtask-1…)'));
    return { spans, problems, codes, notes };
  },
};

