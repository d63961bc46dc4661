// CSV and JSON Lines: one row (object) per tag, for spreadsheets, pandas and jq.
// Offsets are LF code points, end exclusive, so Python's text[start:end] cuts out the row's text.
import { ArticleText, isOrphan } from '../tag';
import { exportAll, wholeSpool, type OpenStream } from './stream';
import type { ExportArticle, ExportOptions, Exporter } from './types';

/** The columns, in order. The CSV header and every JSONL object use these names. */
export const TABULAR_FIELDS = [
  'article', 'id', 'category', 'label', 'start', 'end', 'text', 'note', 'review', 'author', 'attributes', 'status', 'reviewer',
] as const;

type Field = (typeof TABULAR_FIELDS)[number];

/** One row before formatting: absent values are null, attributes stay an object. */
type Row = Record<Field, string | number | Readonly<Record<string, unknown>> | null>;

/** The rows of all articles, in article then text order, and the warnings about what was left out. */
function collectRows(articles: readonly ExportArticle[], options: ExportOptions): { rows: Row[]; warnings: string[] } {
  const rows: Row[] = [];
  const warnings: string[] = [];
  for (const article of articles) {
    const text = new ArticleText(article.text);
    let skipped = 0;
    let differ = 0;
    for (const tag of article.tags) {
      const orphan = isOrphan(tag);
      if (orphan && !options.includeOrphans) {
        skipped++;
        continue;
      }
      // The text the offsets cut out now: a fuzzy tag's stored text may differ from it.
      let cut = tag.text;
      if (!orphan) {
        cut = text.slice(tag.start, tag.end);
        if (cut !== tag.text) differ++;
      }
      rows.push({
        article: article.name,
        id: tag.id,
        category: tag.category,
        label: tag.label ?? null,
        start: orphan ? null : tag.start,
        end: orphan ? null : tag.end,
        text: cut,
        note: tag.note ?? null,
        review: tag.review ?? null,
        author: tag.author ?? null,
        attributes: tag.attributes ?? null,
        status: tag.status ?? (orphan ? 'orphaned' : null),
        reviewer: tag.reviewer ?? null,
      });
    }
    if (skipped > 0) {
      warnings.push(`${article.name}: ${skipped} orphaned ${skipped === 1 ? 'tag' : 'tags'} left out (--include-orphans puts them in with empty offsets).`);
    }
    if (differ > 0) {
      warnings.push(`${article.name}: ${differ} ${differ === 1 ? 'tag' : 'tags'} whose offsets cut out text other than the stored text; the text column has what the offsets cut out (run newsmark check).`);
    }
  }
  return { rows, warnings };
}

/** RFC 4180: quote a field when it holds a comma, a quote, CR or LF; double the quotes inside. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell(value: Row[Field]): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return csvField(value);
  return csvField(JSON.stringify(value));
}

/** One format's rows: `line` formats a row, `head` comes before them all. */
function tabularStream(file: string, head: (options: ExportOptions) => string, line: (row: Row) => string): OpenStream {
  return (options, spool) => {
    const out = spool();
    const warnings: string[] = [];
    out.write(head(options));
    return {
      add(article) {
        const collected = collectRows([article], options);
        warnings.push(...collected.warnings);
        if (collected.rows.length > 0) out.write(collected.rows.map(line).join(''));
      },
      finish: () => ({ files: [{ path: file, pieces: [wholeSpool(out)] }], warnings }),
    };
  };
}

// CRLF after every record, the last one included (RFC 4180 allows it; spreadsheets expect it).
const openCsv = tabularStream('tags.csv', (options) => `${options.bom ? '\uFEFF' : ''}${TABULAR_FIELDS.join(',')}\r\n`, (row) => `${TABULAR_FIELDS.map((f) => csvCell(row[f])).join(',')}\r\n`);
// Rows are built in TABULAR_FIELDS order, so every object lists its keys in that order.
const openJsonl = tabularStream('tags.jsonl', () => '', (row) => `${JSON.stringify(row)}\n`);

export const csvExporter: Exporter = {
  id: 'csv',
  label: 'CSV',
  unit: 'code points',
  singleFile: true,
  defaultFileName: 'tags.csv',
  open: openCsv,
  export: (articles, options) => exportAll(openCsv, articles, options),
};

export const jsonlExporter: Exporter = {
  id: 'jsonl',
  label: 'JSON Lines',
  unit: 'code points',
  singleFile: true,
  defaultFileName: 'tags.jsonl',
  open: openJsonl,
  export: (articles, options) => exportAll(openJsonl, articles, options),
};
