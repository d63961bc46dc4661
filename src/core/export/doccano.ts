// doccano sequence labelling, JSONL: one line per article,
// `{"text": …, "label": [[start, end, "category"], …], "meta": {"article": name}}`.
// doccano's server is Python and stores offsets as str indices — code points, not the UTF-16
// units its browser front end counts (doccano converts them, doccano/doccano#99) — so
// Newsmark's offsets go out unchanged and Python's text[start:end] cuts each span out.
// doccano has no per-span note: notes are not exported.
import { filesEnding, findArticle, isRecord, jsonLines, parseJsonLines, placedArticles, toOffset } from './common';
import type { ExportResult, Exporter, ImportedSpan, Importer } from './types';

export const doccanoExporter: Exporter = {
  id: 'doccano',
  label: 'doccano JSONL',
  unit: 'code points',
  singleFile: true,
  defaultFileName: 'doccano.jsonl',
  export(articles): ExportResult {
    const { placed, warnings } = placedArticles(articles);
    const records = placed.map(({ article, tags }) => ({
      text: article.text,
      label: tags.map((t) => [t.start, t.end, t.category]),
      meta: { article: article.name },
    }));
    return { files: [{ path: 'doccano.jsonl', content: jsonLines(records) }], warnings };
  },
};

/** [start, end, label] triples from `label`/`labels`, or doccano 1.x `entities` objects. */
function labelsOf(record: Record<string, unknown>): { start?: number; end?: number; label?: string }[] {
  const triples = Array.isArray(record.label) ? record.label : Array.isArray(record.labels) ? record.labels : undefined;
  if (triples) {
    return (triples as unknown[]).map((t) => {
      const [start, end, label] = Array.isArray(t) ? (t as unknown[]) : [];
      return { start: toOffset(start), end: toOffset(end), ...(typeof label === 'string' ? { label } : {}) };
    });
  }
  const entities = Array.isArray(record.entities) ? (record.entities as unknown[]) : [];
  return entities.filter(isRecord).map((e) => ({
    start: toOffset(e.start_offset),
    end: toOffset(e.end_offset),
    ...(typeof e.label === 'string' ? { label: e.label } : {}),
  }));
}

export const doccanoImporter: Importer = {
  id: 'doccano',
  label: 'doccano JSONL',
  read(files, articleText, articleNames) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    for (const [path, content] of filesEnding(files, ['.jsonl', '.json'])) {
      for (const { line, value } of parseJsonLines(content, path, problems)) {
        const where = `${path}:${line}`;
        if (!isRecord(value) || typeof value.text !== 'string') {
          problems.push(`${where}: expected an object with "text"; not imported`);
          continue;
        }
        const meta = isRecord(value.meta) ? value.meta : {};
        const named = typeof meta.article === 'string' ? meta.article : typeof value.article === 'string' ? value.article : undefined;
        const article = findArticle(named, value.text, articleText, articleNames);
        if (article === undefined) {
          problems.push(`${where}: no meta.article and no article with this text; not imported`);
          continue;
        }
        // Python str indices: slice by code points.
        const chars = Array.from(value.text);
        for (const { start, end, label } of labelsOf(value)) {
          if (start === undefined || end === undefined || label === undefined || end > chars.length) {
            problems.push(`${where}: a label is not [start, end, "category"] inside the text; not imported`);
            continue;
          }
          spans.push({ article, label, start, end, text: chars.slice(start, end).join('') });
        }
      }
    }
    return { spans, problems };
  },
};
