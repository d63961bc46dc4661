// CSV and JSON Lines: one row (object) per tag, for spreadsheets, pandas and jq.
// Offsets are LF code points, end exclusive, so Python's text[start:end] cuts out the row's text.
import * as l10n from '@vscode/l10n';
import { ArticleText, isOrphan } from '../tag';
import { fileName, filesEnding } from './common';
import { csvField, readCsvRecords } from './csvRecords';
import { appendRange, exportAll, wholeSpool, type OpenStream, type SpoolRange } from './stream';
import type { ExportArticle, ExportOptions, Exporter, ImportedSpan, Importer } from './types';

/** The columns, in order. The CSV header and every JSONL object use these names. */
export const TABULAR_FIELDS = [
  'article', 'id', 'category', 'label', 'start', 'end', 'text', 'note', 'review', 'author', 'attributes', 'status', 'reviewer',
] as const;

type Field = (typeof TABULAR_FIELDS)[number];

/**
 * The CSV's fixed columns: the same, less `attributes`, which become one `attr.<name>` column
 * per attribute name found in the export, sorted, after these (JSON in one cell is no use in a
 * spreadsheet).
 */
export const CSV_FIELDS = TABULAR_FIELDS.filter((f) => f !== 'attributes');

/** The CSV column of an attribute. */
const ATTR = 'attr.';

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
      warnings.push(skipped === 1
        ? l10n.t('{0}: 1 orphaned tag left out (--include-orphans puts them in with empty offsets).', article.name)
        : l10n.t('{0}: {1} orphaned tags left out (--include-orphans puts them in with empty offsets).', article.name, skipped));
    }
    if (differ > 0) {
      warnings.push(differ === 1
        ? l10n.t('{0}: 1 tag whose offsets cut out text other than the stored text; the text column has what the offsets cut out (run newsmark check).', article.name)
        : l10n.t('{0}: {1} tags whose offsets cut out text other than the stored text; the text column has what the offsets cut out (run newsmark check).', article.name, differ));
    }
  }
  return { rows, warnings };
}

function csvCell(value: Row[Field]): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return csvField(value);
  return csvField(JSON.stringify(value));
}

/**
 * An attribute's cell: a string as it is, other values (numbers, true, lists…) as JSON — and a
 * string that would read back as another value ("12", "true", "") as a JSON string, so that
 * importing gives each attribute back with its type.
 */
function attributeCell(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string' && !readsAsJson(value)) return csvField(value);
  return csvField(JSON.stringify(value));
}

const JSON_START = /^\s*[-\d"{[tfn]/;

/** An attribute cell's value: JSON where it is JSON, else the text; an empty cell is no attribute. */
function attributeValue(cell: string): unknown {
  if (cell === '') return undefined;
  if (!JSON_START.test(cell)) return cell;
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    return cell;
  }
}

function readsAsJson(text: string): boolean {
  // Only what starts as a JSON value can be one: most texts are told apart without a failed parse.
  return text === '' || (JSON_START.test(text) && attributeValue(text) !== text);
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

/**
 * The CSV, article by article. Its header names every attribute, known only once every article
 * is in: each row is spooled as one line — its fixed cells, already CSV (line breaks, tabs and
 * backslashes escaped), a tab, and its attributes as JSON — and written out as CSV at the end, a
 * spooled article at a time. Memory holds the attribute names and one spool range per article,
 * never the rows.
 */
const openCsv: OpenStream = (options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  const names = new Set<string>();
  const articles: SpoolRange[] = [];
  return {
    add(article) {
      const collected = collectRows([article], options);
      warnings.push(...collected.warnings);
      if (collected.rows.length === 0) return;
      const lines = collected.rows.map((row) => {
        const attributes = row.attributes as Readonly<Record<string, unknown>> | null;
        if (attributes) for (const name of Object.keys(attributes)) names.add(name);
        return `${spoolEscape(CSV_FIELDS.map((f) => csvCell(row[f])).join(','))}\t${attributes ? JSON.stringify(attributes) : ''}\n`;
      });
      articles.push(appendRange(out, lines.join('')));
    },
    finish() {
      const columns = [...names].sort();
      const header = `${options.bom ? '\uFEFF' : ''}${[...CSV_FIELDS, ...columns.map((n) => ATTR + n)].map(csvField).join(',')}\r\n`;
      const none = ','.repeat(columns.length);
      // CRLF after every record, the last one included (RFC 4180 allows it; spreadsheets expect it).
      const mapLine = (line: string): string => {
        const tab = line.lastIndexOf('\t');
        const fixed = spoolUnescape(line.slice(0, tab));
        if (tab === line.length - 1) return `${fixed}${none}\r\n`;
        const attributes = JSON.parse(line.slice(tab + 1)) as Record<string, unknown>;
        return `${fixed}${columns.map((name) => `,${attributeCell(Object.hasOwn(attributes, name) ? attributes[name] : undefined)}`).join('')}\r\n`;
      };
      return { files: [{ path: 'tags.csv', pieces: [header, ...articles.map((range) => ({ ...range, mapLine }))] }], warnings };
    },
  };
};

const SPOOL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPOOL_UNESCAPES: Readonly<Record<string, string>> = { '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t' };

/** A row's CSV as one spool line: no LF (which ends the line) and no tab (which ends the cells). */
function spoolEscape(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => SPOOL_ESCAPES[c]!) : text;
}

function spoolUnescape(text: string): string {
  return text.includes('\\') ? text.replace(/\\[\\nrt]/g, (e) => SPOOL_UNESCAPES[e]!) : text;
}

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

/**
 * Reads Newsmark's own CSV back (and any CSV with its columns): `article`, `category`, `start`
 * and `end` are needed; `label`, `text`, `note`, `id` and the `attr.<name>` columns are read
 * (or the `attributes` JSON cell of files written before those columns).
 */
export const csvImporter: Importer = {
  id: 'csv',
  label: 'CSV',
  read(files) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    for (const [path, content] of filesEnding(files, ['.csv'])) {
      const file = fileName(path);
      const read = readCsvRecords(content.replace(/^\uFEFF/, ''));
      problems.push(...read.problems.map((p) => `${file}: ${p}`));
      const [head, ...rows] = read.records;
      if (!head) continue;
      const missing = ['article', 'category', 'start', 'end'].filter((c) => !head.fields.includes(c));
      if (missing.length > 0) {
        problems.push(l10n.t('{0}: no {1} column; not a Newsmark CSV', file, missing.join(', ')));
        continue;
      }
      for (const row of rows) {
        if (row.fields.length === 1 && row.fields[0] === '') continue; // a blank line
        const span = spanOf(head.fields, row.fields);
        if (typeof span === 'string') problems.push(l10n.t('{0} line {1}: {2}', file, row.line, span));
        else spans.push(span);
      }
    }
    return { spans, problems };
  },
};

/** A row as a span, or what is wrong with it. */
function spanOf(header: readonly string[], fields: readonly string[]): ImportedSpan | string {
  const cell = (name: string): string => fields[header.indexOf(name)] ?? '';
  const text = cell('text');
  // An orphan exported with --include-orphans has no offsets: it is looked for by its text.
  const orphan = cell('start') === '' && cell('end') === '';
  if (!orphan && !(/^\d+$/.test(cell('start')) && /^\d+$/.test(cell('end')))) return l10n.t('start and end are not offsets ("{0}", "{1}")', cell('start'), cell('end'));
  if (cell('article') === '' || cell('category') === '') return l10n.t('no article or category');
  const attributes: Record<string, unknown> = {};
  const legacy = attributeValue(cell('attributes'));
  if (legacy !== null && typeof legacy === 'object' && !Array.isArray(legacy)) Object.assign(attributes, legacy);
  header.forEach((name, i) => {
    const value = name.startsWith(ATTR) ? attributeValue(fields[i] ?? '') : undefined;
    if (value !== undefined) attributes[name.slice(ATTR.length)] = value;
  });
  const optional = (key: 'subLabel' | 'note' | 'id' | 'text', value: string): Partial<ImportedSpan> => (value === '' ? {} : { [key]: value });
  return {
    article: cell('article'),
    label: cell('category'),
    start: orphan ? 0 : Number(cell('start')),
    end: orphan ? 0 : Number(cell('end')),
    ...optional('subLabel', cell('label')),
    ...optional('text', text),
    ...optional('note', cell('note')),
    ...optional('id', cell('id')),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}
