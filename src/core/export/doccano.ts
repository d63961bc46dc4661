// doccano sequence labelling, JSONL: one line per article,
// `{"text": …, "label": [[start, end, "category"], …], "meta": {"article": name}}`.
// doccano stores the offsets its browser front end counts: JavaScript string indices, i.e.
// UTF-16 code units (an emoji counts two), unless the project counts grapheme clusters
// (doccano/doccano#2290, #99). So offsets go out and come back in UTF-16 code units by default,
// like Label Studio; `offsets: 'codepoints'` writes and reads Python str indices instead, for
// pipelines that slice the text in Python. doccano has no per-span note: notes are not exported.
import * as l10n from '@vscode/l10n';
import { filesEnding, findArticle, isRecord, jsonLines, parseJsonLines, placedArticles, toOffset } from './common';
import { TextIndex } from '../textIndex';
import { exportAll, wholeSpool, type OpenStream } from './stream';
import type { Exporter, ImportedSpan, Importer } from './types';

const openDoccano: OpenStream = (options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      const records = placed.map(({ article, tags }) => {
        const index = options.offsets === 'codepoints' ? undefined : new TextIndex(article.text);
        const unit = (n: number): number => (index ? index.toUtf16(n) : n);
        return { text: article.text, label: tags.map((t) => [unit(t.start), unit(t.end), t.label !== undefined ? `${t.category}:${t.label}` : t.category]), meta: { article: article.name } };
      });
      out.write(jsonLines(records));
    },
    finish: () => ({ files: [{ path: 'doccano.jsonl', pieces: [wholeSpool(out)] }], warnings }),
  };
};

export const doccanoExporter: Exporter = {
  id: 'doccano',
  label: 'doccano JSONL',
  unit: 'UTF-16 code units',
  singleFile: true,
  defaultFileName: 'doccano.jsonl',
  open: openDoccano,
  export: (articles, options) => exportAll(openDoccano, articles, options),
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
  read(files, articleText, articleNames, options = {}) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    for (const [path, content] of filesEnding(files, ['.jsonl', '.json'])) {
      for (const { line, value } of parseJsonLines(content, path, problems)) {
        const where = `${path}:${line}`;
        if (!isRecord(value) || typeof value.text !== 'string') {
          problems.push(l10n.t('{0}: expected an object with "text"; not imported', where));
          continue;
        }
        const meta = isRecord(value.meta) ? value.meta : {};
        const named = typeof meta.article === 'string' ? meta.article : typeof value.article === 'string' ? value.article : undefined;
        const article = findArticle(named, value.text, articleText, articleNames);
        if (article === undefined) {
          problems.push(l10n.t('{0}: no meta.article and no article with this text; not imported', where));
          continue;
        }
        const cut = options.offsets === 'codepoints' ? codePointCutter(value.text) : utf16Cutter(value.text);
        for (const { start, end, label } of labelsOf(value)) {
          const span = start !== undefined && end !== undefined ? cut(start, end) : undefined;
          if (span === undefined || label === undefined) {
            problems.push(options.offsets === 'codepoints'
              ? l10n.t('{0}: a label is not [start, end, "category"] inside the text; not imported', where)
              : l10n.t('{0}: a label is not [start, end, "category"] inside the text (UTF-16 code units; --offsets codepoints reads Python indices); not imported', where));
            continue;
          }
          spans.push({ article, label, ...span });
        }
      }
    }
    return { spans, problems };
  },
};

type Cutter = (start: number, end: number) => { start: number; end: number; text: string } | undefined;

/** Python str indices: code points of the record's text. */
function codePointCutter(text: string): Cutter {
  const chars = Array.from(text);
  return (start, end) => (end <= chars.length ? { start, end, text: chars.slice(start, end).join('') } : undefined);
}

/** JavaScript string indices into the record's text, turned into LF code points; an offset inside a character is refused. */
function utf16Cutter(text: string): Cutter {
  const index = new TextIndex(text);
  const lf = text.replace(/\r\n/g, '\n');
  return (start, end) => {
    if (end > text.length) return undefined;
    const from = index.toCodePoint(start);
    const to = index.toCodePoint(end);
    if (index.toUtf16(from) !== start || index.toUtf16(to) !== end) return undefined;
    return { start: from, end: to, text: lf === text ? text.slice(start, end) : text.slice(start, end).replace(/\r\n/g, '\n') };
  };
}
