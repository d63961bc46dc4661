// SemEval-2020 Task 11 (propaganda techniques) layout: articles are `article<ID>.txt`, and one
// labels file has a line `ID\tcategory\tstart\tend` per span, as the task's technique-classification
// gold files do. Offsets are Python str indices into the article file — code points — so
// Newsmark's go out unchanged over the LF text written as article<ID>.txt.
// SemEval names articles by number: IDs are 1, 2, 3… in article-path order, and `ids.tsv`
// (no header) says which article each number is, by its path relative to the folder holding all
// exported articles (`sub/a.txt`), so same-named articles from different folders stay apart.
import { fileName, placedArticles, textLines, toOffset } from './common';
import type { ExportArticle, ExportFile, ExportResult, Exporter, ImportedSpan, Importer } from './types';

function byPath(a: { article: ExportArticle }, b: { article: ExportArticle }): number {
  const x = a.article.path ?? a.article.name;
  const y = b.article.path ?? b.article.name;
  return x < y ? -1 : x > y ? 1 : 0;
}

export const semevalExporter: Exporter = {
  id: 'semeval',
  label: 'SemEval-2020 Task 11',
  unit: 'code points',
  singleFile: false,
  export(articles): ExportResult {
    const { placed, warnings } = placedArticles(articles);
    const files: ExportFile[] = [];
    const ids: string[] = [];
    const labels: string[] = [];
    [...placed].sort(byPath).forEach(({ article, tags }, i) => {
      const id = String(i + 1);
      files.push({ path: `article${id}.txt`, content: article.text });
      ids.push(`${id}\t${article.path ?? article.name}\n`);
      for (const tag of tags) labels.push(`${id}\t${tag.category}\t${tag.start}\t${tag.end}\n`);
    });
    files.push({ path: 'ids.tsv', content: ids.join('') }, { path: 'labels.txt', content: labels.join('') });
    return { files, warnings };
  },
};

/** `ID\tarticle name` lines → a map; undefined when there is no ids.tsv. */
function readIds(files: ReadonlyMap<string, string>, problems: string[]): Map<string, string> | undefined {
  const entry = [...files].find(([path]) => fileName(path) === 'ids.tsv');
  if (!entry) return undefined;
  const ids = new Map<string, string>();
  textLines(entry[1]).forEach((line, i) => {
    const tab = line.indexOf('\t');
    // Articles are found by file name: `sub/a.txt` is the article a.txt.
    if (tab > 0) ids.set(line.slice(0, tab).trim(), fileName(line.slice(tab + 1)));
    else if (line.trim() !== '') problems.push(`ids.tsv:${i + 1}: expected ID<tab>article name`);
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
  read(files) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    const ids = readIds(files, problems);
    const labelFiles = [...files].filter(([path]) => isLabelsFile(path));
    if (labelFiles.length === 0) problems.push('no labels.txt among the files given');
    for (const [path, content] of labelFiles) {
      textLines(content).forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${fileName(path)}:${i + 1}`;
        const [id = '', label = '', startText, endText] = line.split('\t').map((f) => f.trim());
        const start = toOffset(startText);
        const end = toOffset(endText);
        if (label === '' || start === undefined || end === undefined) {
          problems.push(`${where}: expected ID<tab>category<tab>start<tab>end; not imported`);
          return;
        }
        const article = ids ? ids.get(id) : `article${id}.txt`;
        if (article === undefined) problems.push(`${where}: article ID ${id} is not in ids.tsv; not imported`);
        else spans.push({ article, label, start, end });
      });
    }
    return { spans, problems };
  },
};
