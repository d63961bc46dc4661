// W3C Web Annotation (JSON-LD): one AnnotationCollection holding one Annotation per tag.
// The TextPositionSelector counts Unicode code points, as the Web Annotation Data Model asks
// ("character positions", not code units), over the article text with CRLF → LF — the text a
// Python open(...).read() gives. The TextQuoteSelector carries the exact text and its context,
// so a reader can check (or find again) the place.
import * as l10n from '@vscode/l10n';
import type { Tag } from '../tag';
import { TextIndex } from '../textIndex';
import { fileName, filesEnding, findArticle, isRecord, parseJson, placedArticles, toOffset, type PlacedArticle } from './common';
import { exportAll, indentedJson, wholeSpool, type OpenStream } from './stream';
import type { Exporter, ImportedSpan, Importer } from './types';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const URN = 'urn:newsmark:';
/** Newsmark's own fields: terms with a prefix the context does not define are absolute IRIs in JSON-LD. */
const NS = 'newsmark:';

function annotationOf(placed: PlacedArticle, tag: Tag): Record<string, unknown> {
  const { article, text } = placed;
  const body: Record<string, unknown>[] = [{ type: 'TextualBody', purpose: 'tagging', value: tag.category }];
  // The sub-label is a second classifying body: a reader that knows only the category takes the first.
  if (tag.label !== undefined) body.push({ type: 'TextualBody', purpose: 'classifying', value: tag.label });
  if (tag.note !== undefined && tag.note !== '') {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: tag.note, format: 'text/plain' });
  }
  const { prefix, suffix } = text.contextOf(tag.start, tag.end);
  return {
    id: `${URN}${encodeURIComponent(article.name)}#${tag.id}`,
    type: 'Annotation',
    motivation: 'tagging',
    ...(tag.created !== undefined ? { created: tag.created } : {}),
    ...(tag.author !== undefined ? { creator: { type: 'Person', name: tag.author } } : {}),
    body,
    target: {
      source: article.uri,
      selector: [
        { type: 'TextPositionSelector', start: tag.start, end: tag.end },
        { type: 'TextQuoteSelector', exact: text.slice(tag.start, tag.end), prefix, suffix },
      ],
    },
    ...(tag.review !== undefined ? { [`${NS}review`]: tag.review } : {}),
    ...(tag.reviewer !== undefined ? { [`${NS}reviewer`]: tag.reviewer } : {}),
    ...(tag.status !== undefined && tag.status !== 'anchored' ? { [`${NS}status`]: tag.status } : {}),
    ...(tag.attributes !== undefined ? { [`${NS}attributes`]: tag.attributes } : {}),
  };
}

function collectionOf(total: number, items: unknown[]): object {
  return {
    '@context': W3C_CONTEXT,
    id: `${URN}export`,
    type: 'AnnotationCollection',
    label: 'Newsmark tags',
    total,
    first: { id: `${URN}export#page1`, type: 'AnnotationPage', items },
  };
}

/** Stands for the items in the printed collection, which is cut at it around the spooled items. */
const ITEMS = '\u0000items';

/**
 * One JSON document whose `total` comes before the items: the items are spooled as they come
 * and the collection printed around them at the end, as JSON.stringify(collection, null, 2).
 */
const openW3c: OpenStream = (_options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  let total = 0;
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      for (const p of placed) for (const t of p.tags) out.write(`${total++ === 0 ? '' : ',\n      '}${indentedJson(annotationOf(p, t), 3)}`);
    },
    finish() {
      if (total === 0) return { files: [{ path: 'annotations.jsonld', pieces: [`${JSON.stringify(collectionOf(0, []), null, 2)}\n`] }], warnings };
      const [before, after] = JSON.stringify(collectionOf(total, [ITEMS]), null, 2).split(JSON.stringify(ITEMS)) as [string, string];
      return { files: [{ path: 'annotations.jsonld', pieces: [before, wholeSpool(out), `${after}\n`] }], warnings };
    },
  };
};

export const w3cExporter: Exporter = {
  id: 'w3c',
  label: 'W3C Web Annotation',
  unit: 'code points',
  singleFile: true,
  defaultFileName: 'annotations.jsonld',
  open: openW3c,
  export: (articles, options) => exportAll(openW3c, articles, options),
};

/** Every Annotation in a collection, page, plain array or lone annotation (embedded pages followed). */
function collectAnnotations(value: unknown, into: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    value.forEach((v) => collectAnnotations(v, into));
  } else if (isRecord(value)) {
    const type = Array.isArray(value.type) ? (value.type as unknown[]) : [value.type];
    if (type.includes('Annotation')) into.push(value);
    else for (const key of ['items', 'first', 'next']) collectAnnotations(value[key], into);
  }
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function selectorsOf(annotation: Record<string, unknown>): { source?: string; selectors: Record<string, unknown>[] } {
  const target = asList(annotation.target).find(isRecord);
  if (!target) return { selectors: [] };
  return {
    ...(typeof target.source === 'string' ? { source: target.source } : {}),
    selectors: asList(target.selector).filter(isRecord),
  };
}

/** The article named by a Newsmark annotation id, else the file name of the target's source. */
function articleNameOf(id: unknown, source: string | undefined): string | undefined {
  try {
    if (typeof id === 'string' && id.startsWith(URN) && id.includes('#')) return decodeURIComponent(id.slice(URN.length, id.indexOf('#')));
    if (source !== undefined) return decodeURIComponent(fileName(source.replace(/[?#].*$/, '')));
  } catch {
    // a malformed %-escape: no name
  }
  return undefined;
}

/** Where a quote is in the text (its context preferred), in code points. */
function locateQuote(lf: string, index: TextIndex, exact: string, prefix: string, suffix: string): { start: number; end: number } | undefined {
  const inContext = lf.indexOf(prefix + exact + suffix);
  const at = inContext >= 0 ? inContext + prefix.length : lf.indexOf(exact);
  if (at < 0 || exact === '') return undefined;
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + exact.length) };
}

/** One TextIndex per article text, not one per annotation (building one reads the whole text). */
type Indexes = Map<string, TextIndex>;

function spanOf(annotation: Record<string, unknown>, where: string, articleText: (name: string) => string | undefined, indexes: Indexes, problems: string[]): ImportedSpan | undefined {
  const bodies = asList(annotation.body).filter(isRecord);
  const tagging = bodies.find((b) => b.purpose === 'tagging' || b.purpose === 'classifying') ?? bodies.find((b) => b.purpose !== 'commenting');
  const label = typeof tagging?.value === 'string' ? tagging.value : typeof annotation.bodyValue === 'string' ? annotation.bodyValue : undefined;
  const comment = bodies.find((b) => b.purpose === 'commenting' && typeof b.value === 'string');
  // A second classifying body after the category's is the sub-label (as Newsmark writes it).
  const second = bodies.find((b) => b !== tagging && (b.purpose === 'tagging' || b.purpose === 'classifying') && typeof b.value === 'string');
  const { source, selectors } = selectorsOf(annotation);
  const article = findArticle(articleNameOf(annotation.id, source), undefined, articleText);
  if (label === undefined || article === undefined) {
    problems.push(label === undefined ? l10n.t('{0}: no tagging body; not imported', where) : l10n.t('{0}: no article; not imported', where));
    return undefined;
  }
  const position = selectors.find((s) => s.type === 'TextPositionSelector');
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  const exact = typeof quote?.exact === 'string' ? quote.exact : undefined;
  let start = toOffset(position?.start);
  let end = toOffset(position?.end);
  const lf = articleText(article);
  if ((start === undefined || end === undefined) && exact !== undefined && lf !== undefined) {
    let index = indexes.get(article);
    if (!index) indexes.set(article, (index = new TextIndex(lf)));
    const found = locateQuote(lf, index, exact, typeof quote?.prefix === 'string' ? quote.prefix : '', typeof quote?.suffix === 'string' ? quote.suffix : '');
    start = found?.start;
    end = found?.end;
  }
  if (start === undefined || end === undefined) {
    problems.push(l10n.t('{0}: no TextPositionSelector and no quote found in {1}; not imported', where, article));
    return undefined;
  }
  const id = typeof annotation.id === 'string' && annotation.id.includes('#') ? annotation.id.slice(annotation.id.lastIndexOf('#') + 1) : undefined;
  const attributes = annotation[`${NS}attributes`];
  return {
    article,
    label,
    ...(typeof second?.value === 'string' ? { subLabel: second.value } : {}),
    start,
    end,
    ...(exact !== undefined ? { text: exact } : {}),
    ...(typeof comment?.value === 'string' ? { note: comment.value } : {}),
    ...(id !== undefined ? { id } : {}),
    ...(isRecord(attributes) ? { attributes } : {}),
  };
}

export const w3cImporter: Importer = {
  id: 'w3c',
  label: 'W3C Web Annotation',
  read(files, articleText) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    const indexes: Indexes = new Map();
    for (const [path, content] of filesEnding(files, ['.jsonld', '.json'])) {
      const annotations: Record<string, unknown>[] = [];
      collectAnnotations(parseJson(content, path, problems), annotations);
      annotations.forEach((a, i) => {
        const span = spanOf(a, `${fileName(path)} annotation ${typeof a.id === 'string' ? a.id : i + 1}`, articleText, indexes, problems);
        if (span) spans.push(span);
      });
    }
    return { spans, problems };
  },
};
