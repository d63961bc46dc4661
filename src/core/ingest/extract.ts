// A saved web page → the article's plain text and its details, offline and without running
// anything in the page. Bytes in, so the editor can hand over what VS Code's file system read
// and the command line what Node read; the same answer either way.
import * as l10n from '@vscode/l10n';
import { Readability } from '@mozilla/readability';
import { decodePage } from './decode';
import { parsePage, type DomDocument, type DomNode } from './dom';
import { readPageMeta, type PageMeta } from './metadata';
import { paragraphsOf, normalise } from './plainText';
import { MAX_ELEMENTS, preparePage } from './prepare';

export interface ExtractOptions {
  /** Pages larger than this are refused (the editor's newsmark.maxFileSizeMB). */
  readonly maxBytes: number;
  /** The page's file name, for messages. */
  readonly sourceName?: string;
}

export type ExtractResult =
  | { ok: true; text: string; meta: PageMeta; warnings: string[] }
  | { ok: false; message: string };

/** Readability as used here: over the ingest's DOM types (its own name the DOM library's), giving back the article's element. */
const ReadabilityOverDom = Readability as unknown as new (doc: DomDocument, options: { serializer: (node: DomNode) => DomNode; maxElemsToParse: number; disableJSONLD: boolean }) => {
  parse(): { title?: string | null; byline?: string | null; content?: DomNode | null } | null;
};

/** Fewer characters of text than this, besides the headline, is not an article (a login wall, an index of links, an empty shell). */
export const MIN_ARTICLE_CHARACTERS = 140;

export function extractArticle(bytes: Uint8Array, options: ExtractOptions): ExtractResult {
  const name = options.sourceName ?? l10n.t('the page');
  const refuse = (why: string): ExtractResult => ({ ok: false, message: `${name}: ${why}` });
  if (bytes.byteLength > options.maxBytes) return refuse(l10n.t('the page is {0}, over the limit of {1}; nothing was made from it.', megabytes(bytes.byteLength), megabytes(options.maxBytes)));
  const notHtml = notHtmlReason(bytes);
  if (notHtml) return refuse(notHtml);
  const decoded = decodePage(bytes);
  if (!decoded.ok) return refuse(decoded.message);
  if (!looksLikeHtml(decoded.html)) return refuse(l10n.t('this is not an HTML page (no HTML markup found); save the page as "Web Page, HTML only" and try again.'));
  const doc = parsePage(decoded.html);
  const warnings = [...decoded.warnings];
  const meta = readPageMeta(doc, warnings);
  const prepared = preparePage(doc);
  if (!prepared.ok) return refuse(prepared.message);
  warnings.push(...prepared.warnings);
  const parsed = new ReadabilityOverDom(doc, { serializer: (node) => node, maxElemsToParse: MAX_ELEMENTS, disableJSONLD: true }).parse();
  const headline = meta.headline ?? cleanTitle(parsed?.title ?? undefined);
  const paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  // Readability keeps the headline when it repeats it in the body; once, first, is what the text wants.
  while (headline !== undefined && paragraphs.length > 0 && sameWords(paragraphs[0]!, headline)) paragraphs.shift();
  const body = paragraphs.join('');
  if (body.length < MIN_ARTICLE_CHARACTERS) return refuse(l10n.t('no article text found in the page ({0} characters besides the headline); nothing was made from it.', body.length));
  if (!meta.byline && parsed?.byline) {
    const byline = bylineName(parsed.byline);
    if (byline) meta.byline = byline;
  }
  if (headline !== undefined && !meta.headline) meta.headline = headline;
  const text = `${[...(headline !== undefined ? [headline] : []), ...paragraphs].join('\n\n')}\n`;
  return { ok: true, text, meta, warnings };
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Files that are plainly something else: a PDF, an image, a zip, anything with NUL bytes. */
function notHtmlReason(bytes: Uint8Array): string | undefined {
  const start = String.fromCharCode(...bytes.subarray(0, 8));
  if (start.startsWith('%PDF')) return l10n.t('this is a PDF, not an HTML page; nothing was made from it.');
  if (start.startsWith('PK\u0003\u0004')) return l10n.t('this is a zip archive (a .docx or .epub?), not an HTML page; nothing was made from it.');
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) return l10n.t('this looks binary (it contains NUL bytes), not an HTML page; nothing was made from it.');
  return undefined;
}

function looksLikeHtml(html: string): boolean {
  return /<(!doctype\s+html|html|head|body|title|meta|article|main|p|div|h1)\b/i.test(html.slice(0, 65_536));
}

function cleanTitle(title: string | undefined): string | undefined {
  const line = title === undefined ? undefined : normalise(title);
  return line === '' ? undefined : line;
}

function sameWords(a: string, b: string): boolean {
  const words = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words(a) === words(b);
}

/** Readability's byline is the element's text: "By Ann Lee • 7 April 2026 • 22:41" → "Ann Lee". */
export function bylineName(byline: string): string | undefined {
  const name = normalise(byline)
    .replace(/^(by|written by|words by|von|par|por)\s+/i, '')
    .split(/\s*[•|·]\s*|\s+[–—-]\s+|,\s*(?=\d)|\s+(?=(on\s+)?(\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},?)\s+\d{4})|\s+(?=(updated|published|posted)\b)/i)[0]
    ?.trim();
  return name !== undefined && name !== '' && name.length <= 120 ? name : undefined;
}
