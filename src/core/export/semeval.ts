// SemEval-2020 Task 11 (propaganda techniques) layout: articles are `article<ID>.txt`, and one
// labels file has a line `ID\tcategory\tstart\tend` per span, as the task's technique-classification
// gold files do. Offsets are Python str indices into the article file — code points — so
// Newsmark's go out unchanged over the LF text written as article<ID>.txt.
// SemEval names articles by number: IDs are 1, 2, 3… in article-path order, and `ids.tsv`
// (no header) says which article each number is, by its path relative to the folder holding all
// exported articles (`sub/a.txt`), so same-named articles from different folders stay apart.
import * as l10n from '@vscode/l10n';
import { fileName, placedArticles, textLines, toOffset } from './common';
import { appendRange, exportAll, type AssembledFile, type OpenStream, type SpoolRange } from './stream';
import type { Tag } from '../tag';
import type { Exporter, ImportedSpan, Importer } from './types';

function byPath(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Articles are numbered in path order, known only at the end: each one's text and label lines
 * (without their number) are spooled as they come, and numbered when the files are assembled.
 */
const openSemeval: OpenStream = (_options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  const written: { text: SpoolRange; labels: SpoolRange }[] = [];
  const range = (content: string): SpoolRange => appendRange(out, content);
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      // A tag with a sub-label goes out as it (the technique, as the task's files spell it).
      // Lines on one span are sorted by label, so an export of the same tags reads the same whatever their order in the sidecar.
      for (const { article, tags } of placed) written.push({ text: range(article.text), labels: range(labelLines(tags)) });
    },
    finish(paths) {
      const order = written.map((_, i) => i).sort((a, b) => byPath(paths[a]!, paths[b]!));
      const files: AssembledFile[] = order.map((w, i) => ({ path: `article${i + 1}.txt`, pieces: [written[w]!.text] }));
      files.push(
        { path: 'ids.tsv', pieces: [order.map((w, i) => `${i + 1}\t${paths[w]!}\n`).join('')] },
        { path: 'labels.txt', pieces: order.map((w, i) => ({ ...written[w]!.labels, linePrefix: `${i + 1}\t` })) },
      );
      return { files, warnings };
    },
  };
};

export const semevalExporter: Exporter = {
  id: 'semeval',
  label: 'SemEval-2020 Task 11',
  unit: 'code points',
  singleFile: false,
  open: openSemeval,
  export: (articles, options) => exportAll(openSemeval, articles, options),
};

function labelLines(tags: readonly Tag[]): string {
  const rows = tags.map((tag) => ({ tag, label: tag.label ?? tag.category }));
  rows.sort((x, y) => x.tag.start - y.tag.start || x.tag.end - y.tag.end || byPath(x.label, y.label));
  return rows.map(({ tag, label }) => `${label}\t${tag.start}\t${tag.end}\n`).join('');
}

/** `ID\tarticle path` lines → a map; undefined when there is no ids.tsv. */
export function readIds(files: ReadonlyMap<string, string>, problems: string[]): Map<string, string> | undefined {
  const entry = [...files].find(([path]) => fileName(path) === 'ids.tsv');
  if (!entry) return undefined;
  const ids = new Map<string, string>();
  textLines(entry[1]).forEach((line, i) => {
    const tab = line.indexOf('\t');
    // The path as exported (`sub/a.txt`): it tells apart articles of one name (see articleMatch.ts).
    if (tab > 0) ids.set(line.slice(0, tab).trim(), line.slice(tab + 1));
    else if (line.trim() !== '') problems.push(l10n.t('ids.tsv:{0}: expected ID<tab>article name', i + 1));
  });
  return ids;
}

function isLabelsFile(path: string): boolean {
  const name = fileName(path);
  return name === 'labels.txt' || name.endsWith('.labels');
}

export const semevalImporter: Importer = {
  id: 'semeval',
  label: 'SemEval-2020 Task 11',
  recordedPaths: (files) => [...(readIds(files, []) ?? new Map<string, string>()).values()],
  read(files) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    const ids = readIds(files, problems);
    const labelFiles = [...files].filter(([path]) => isLabelsFile(path));
    if (labelFiles.length === 0) problems.push(l10n.t('no labels.txt among the files given'));
    for (const [path, content] of labelFiles) {
      textLines(content).forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${fileName(path)}:${i + 1}`;
        const [id = '', label = '', startText, endText] = line.split('\t').map((f) => f.trim());
        const start = toOffset(startText);
        const end = toOffset(endText);
        if (label === '' || start === undefined || end === undefined) {
          problems.push(l10n.t('{0}: expected ID<tab>category<tab>start<tab>end; not imported', where));
          return;
        }
        const article = ids ? ids.get(id) : `article${id}.txt`;
        if (article === undefined) problems.push(l10n.t('{0}: article ID {1} is not in ids.tsv; not imported', where, id));
        else spans.push({ article, label, start, end });
      });
    }
    return { spans, problems };
  },
};
