// The article's details from the page, in order of trust: the JSON-LD the publisher writes for
// search engines, then Open Graph and article:* tags (for social cards), the canonical link, the
// first <time datetime>, and last what Readability guesses. Read before the page is cleaned.
import * as l10n from '@vscode/l10n';
import { detailProblem } from '../details';
import type { DomDocument } from './dom';

export interface PageMeta {
  outlet?: string;
  url?: string;
  published?: string;
  headline?: string;
  byline?: string;
}

const ARTICLE_TYPE = /^(News|Reportage|Analysis|Opinion|Review|Background|AskPublic|Satirical)?Article$|^(BlogPosting|LiveBlogPosting|Report)$/;
/** JSON-LD blocks larger than this are not parsed (a page's own is a few KB). */
const MAX_JSON_LD = 200_000;

type Json = Record<string, unknown>;

export function readPageMeta(doc: DomDocument, warnings: string[]): PageMeta {
  const ld = jsonLdArticle(doc);
  // JSON-LD is written by templates that often escape it as HTML ("Council&#8217;s vote").
  const text = (value: unknown): string | undefined => {
    const line = typeof value === 'string' ? clean(value) : undefined;
    if (line === undefined || !/[&<]/.test(line)) return line;
    const holder = doc.createElement('div');
    holder.innerHTML = line;
    return clean(holder.textContent);
  };
  const meta = (selector: string): string | undefined => clean(doc.querySelector(selector)?.getAttribute('content'));
  const base = text(ld?.['url']) ?? meta('meta[property="og:url"]');
  const canonical = clean(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'));
  const found: PageMeta = {};
  const outlet = publisherName(ld, text) ?? meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]');
  if (outlet) found.outlet = outlet;
  const url = absoluteUrl(text(ld?.['url']) ?? idOf(ld?.['mainEntityOfPage'], text), base) ?? absoluteUrl(meta('meta[property="og:url"]'), base) ?? absoluteUrl(canonical, base);
  if (url) found.url = url;
  // A page's first <time> may be the header's clock or a related story's: the article's own first.
  const time = doc.querySelector('article time[datetime], main time[datetime]') ?? doc.querySelector('time[datetime]');
  const dates = [text(ld?.['datePublished']), meta('meta[property="article:published_time"]'), meta('meta[itemprop="datePublished"]'), clean(time?.getAttribute('datetime'))];
  for (const date of dates) {
    if (date === undefined) continue;
    const published = isoDate(date);
    if (published) {
      found.published = published;
      break;
    }
    warnings.push(l10n.t('The page\'s date "{0}" is not a date Newsmark can read; it was left out.', date.slice(0, 60)));
  }
  const headings = doc.querySelectorAll('body h1');
  const onlyHeading = headings.length === 1 ? clean(headings[0]!.textContent) : undefined;
  const headline = text(ld?.['headline']) ?? meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? onlyHeading;
  if (headline) found.headline = withoutSiteName(headline, found.outlet);
  const byline = authorNames(ld?.['author'], text) ?? notAUrl(meta('meta[name="author"]')) ?? notAUrl(meta('meta[property="article:author"]'));
  if (byline) found.byline = byline;
  return found;
}

/** The first Article-like object in the page's JSON-LD, from a list, an @graph or a single object. */
function jsonLdArticle(doc: DomDocument): Json | undefined {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'));
  for (const script of scripts) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue; // a broken block is common; the others and the meta tags still count
    }
    const candidates = flatten(parsed);
    const byId = new Map(candidates.filter((c) => typeof c['@id'] === 'string').map((c) => [c['@id'] as string, c]));
    const article = candidates.find((c) => types(c).some((t) => ARTICLE_TYPE.test(t)));
    if (article) return resolveReferences(article, byId);
  }
  return undefined;
}

function flatten(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Json;
  return [object, ...flatten(object['@graph'])];
}

function types(object: Json): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** `publisher: { "@id": "#org" }` in an @graph names the organisation elsewhere in the graph. */
function resolveReferences(article: Json, byId: ReadonlyMap<string, Json>): Json {
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) {
      const id = (value as Json)['@id'];
      if (typeof id === 'string' && Object.keys(value).length === 1) return byId.get(id) ?? value;
    }
    return value;
  };
  return { ...article, publisher: resolve(article['publisher']), author: resolve(article['author']) };
}

type TextOf = (value: unknown) => string | undefined;

function publisherName(ld: Json | undefined, text: TextOf): string | undefined {
  const publisher = ld?.['publisher'];
  const first = Array.isArray(publisher) ? (publisher as unknown[])[0] : publisher;
  if (typeof first === 'string') return text(first);
  return typeof first === 'object' && first !== null ? text((first as Json)['name']) : undefined;
}

function authorNames(author: unknown, text: TextOf): string | undefined {
  const list = (Array.isArray(author) ? author : [author]) as unknown[];
  const names = list.map((a) => (typeof a === 'string' ? notAUrl(text(a)) : typeof a === 'object' && a !== null ? text((a as Json)['name']) : undefined)).filter((n): n is string => n !== undefined);
  if (names.length === 0) return undefined;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function idOf(value: unknown, text: TextOf): string | undefined {
  if (typeof value === 'string') return clean(value);
  return typeof value === 'object' && value !== null ? text((value as Json)['@id']) : undefined;
}

/** One line: white space (and no-break spaces, which a detail has no use for) collapsed, trimmed. */
function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const line = value.replace(/[\s\u00a0]+/g, ' ').trim();
  return line === '' ? undefined : line;
}

function notAUrl(value: string | undefined): string | undefined {
  return value !== undefined && /^https?:\/\//i.test(value) ? undefined : value;
}

/** An absolute http(s) address, a relative one resolved against the page's own address. */
function absoluteUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let resolved: string;
  try {
    resolved = base !== undefined && /^https?:\/\//i.test(base) ? new URL(value, base).href : new URL(value).href;
  } catch {
    return undefined;
  }
  return detailProblem('url', resolved) === undefined ? resolved : undefined;
}

/** "Outlet headline | The Outlet" → the headline, as og:title often carries the site's name. */
function withoutSiteName(headline: string, outlet: string | undefined): string {
  if (!outlet) return headline;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' :: ']) {
    if (headline.endsWith(`${separator}${outlet}`)) return headline.slice(0, -(separator.length + outlet.length)).trim();
  }
  return headline;
}

/**
 * A page's date as the sidecar's ISO date or date-time: ISO forms with a space, a zone without a
 * colon or a trailing name are mended; an RFC 2822 date ("Tue, 24 Mar 2026 09:00:00 GMT") becomes
 * UTC. Undefined when it cannot be read without guessing.
 */
export function isoDate(value: string): string | undefined {
  const trimmed = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(trimmed);
  if (iso) {
    const [, day, time, zone] = iso;
    const candidate = time === undefined ? day! : `${day}T${time}${zone === undefined ? '' : zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`}`;
    return detailProblem('published', candidate) === undefined ? candidate : undefined;
  }
  if (/^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? (GMT|UTC|Z|[+-]\d{4})$/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    if (Number.isNaN(ms)) return undefined;
    const candidate = new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
    return detailProblem('published', candidate) === undefined ? candidate : undefined;
  }
  return undefined;
}
