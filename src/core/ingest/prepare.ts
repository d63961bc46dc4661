// The page made safe and quick for Readability before it sees it. Readability's scoring walks the
// tree many times and runs regular expressions over class names, so a hostile page (a million
// elements, markup nested thousands deep, a class attribute of megabytes) would take minutes:
// the size of the work is capped here, in one linear pass, and what is certainly not the article
// is removed first so that neither Readability nor the text can pick it up.
import * as l10n from '@vscode/l10n';
import { elementsUnder, isElement, nextNode, type DomDocument, type DomElement } from './dom';

/** More elements than any news page has (a long live blog has ~20,000): past it the page is refused. */
export const MAX_ELEMENTS = 60_000;
/** Real pages nest ~40 deep; below this depth a subtree becomes its text. */
export const MAX_DEPTH = 200;
/** Longer attribute values are cut (a data: image, a megabyte class name); what matters fits easily. */
export const MAX_ATTRIBUTE_LENGTH = 2_000;

/** Elements whose content is never article text. */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'picture', 'img', 'map',
  'form', 'button', 'input', 'select', 'option', 'textarea', 'label', 'fieldset', 'dialog',
  'nav', 'aside', 'footer', 'figure', 'figcaption', 'menu', 'link', 'meta', 'base',
]);

/** Roles of page furniture. */
const DROPPED_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar', 'form']);

/**
 * Class or id words of boilerplate blocks in the themes news sites use (WordPress, Newspaper,
 * Jannah, AMP): share bars, comment forms, related lists, newsletter and cookie boxes, ad slots.
 * Matched as whole words of a class or id split at `-`, `_` and spaces.
 */
const BOILERPLATE_WORDS = new Set([
  'share', 'shares', 'sharing', 'sharedaddy', 'social', 'socials', 'sociable',
  'comment', 'comments', 'respond', 'reply', 'disqus',
  'related', 'recommended', 'recommendations', 'readmore', 'read-more', 'alsoread', 'also-read', 'more-stories', 'trending', 'popular',
  'newsletter', 'subscribe', 'subscription', 'signup', 'sign-up', 'optin', 'mailchimp',
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp',
  'ad', 'ads', 'adslot', 'adspot', 'ad-slot', 'adsbygoogle', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'promo', 'dfp', 'gpt',
  'outbrain', 'taboola', 'breadcrumb', 'breadcrumbs', 'pagination', 'post-navigation', 'nav-links', 'navigation', 'menu',
  'sidebar', 'widget', 'widgets', 'popup', 'modal', 'paywall', 'author-bio', 'authorbox', 'author-box', 'about-author',
  'trust-principles', 'editorial-standards', 'tags', 'tag-list', 'post-tags', 'skip-link', 'screen-reader-text', 'sr-only', 'visually-hidden', 'print-only',
]);

export interface Prepared {
  readonly warnings: string[];
}

export type PrepareResult = ({ ok: true } & Prepared) | { ok: false; message: string };

/** Caps, defuses and trims the page in place. */
export function preparePage(doc: DomDocument): PrepareResult {
  const root = doc.documentElement;
  if (!root) return { ok: false, message: l10n.t('the page has no HTML document in it.') };
  const all = [root, ...elementsUnder(root)];
  if (all.length > MAX_ELEMENTS) return { ok: false, message: l10n.t('the page has {0} elements, more than the {1} a news page could need; refused rather than risk a long hang.', all.length.toLocaleString('en'), MAX_ELEMENTS.toLocaleString('en')) };
  const warnings: string[] = [];
  const flattened = flattenDeepMarkup(root);
  if (flattened) warnings.push(l10n.t('Markup nested more than {0} levels deep was read as plain text.', MAX_DEPTH));
  let links = 0;
  let cut = 0;
  for (const element of elementsUnder(root)) {
    for (const { name, value } of [...Array.from(element.attributes)]) {
      if (/^on/i.test(name) || name === 'srcdoc') element.removeAttribute(name);
      else if (isScriptUrl(value) && /^(href|src|action|formaction|xlink:href|data|poster|background)$/i.test(name)) {
        element.removeAttribute(name);
        links++;
      } else if (value.length > MAX_ATTRIBUTE_LENGTH) {
        element.setAttribute(name, value.slice(0, MAX_ATTRIBUTE_LENGTH));
        cut++;
      }
    }
  }
  if (links > 0) warnings.push(links === 1 ? l10n.t('1 javascript: link was removed (nothing in the page is ever run).') : l10n.t('{0} javascript: links were removed (nothing in the page is ever run).', links));
  if (cut > 0) warnings.push(cut === 1 ? l10n.t('1 very long attribute value was cut to {0} characters.', MAX_ATTRIBUTE_LENGTH.toLocaleString('en')) : l10n.t('{0} very long attribute values were cut to {1} characters.', cut, MAX_ATTRIBUTE_LENGTH.toLocaleString('en')));
  removeBoilerplate(doc);
  return { ok: true, warnings };
}

/** `javascript:` (and its kin) however the page disguises it: case, leading blanks, tabs and newlines inside. */
function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const plain = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return plain.startsWith('javascript:') || plain.startsWith('vbscript:') || plain.startsWith('data:text/html');
}

/** Each element at MAX_DEPTH keeps only its text; returns whether any did. */
function flattenDeepMarkup(root: DomElement): boolean {
  const cut: DomElement[] = [];
  const depth = new Map<DomElement, number>([[root, 0]]);
  for (let node = nextNode(root, root); node; ) {
    const parent = node.parentNode!;
    const level = (depth.get(parent) ?? 0) + 1;
    if (isElement(node)) {
      if (level >= MAX_DEPTH) {
        cut.push(node);
        node = nextNode(node, root, true);
        continue;
      }
      depth.set(node, level);
    }
    node = nextNode(node, root);
  }
  for (const element of cut) {
    const doc = element as unknown as { ownerDocument: DomDocument };
    // Scripts first: their text must not become the page's.
    for (const inner of elementsUnder(element)) if (DROPPED_TAGS.has(inner.localName)) inner.remove();
    element.replaceChildren(doc.ownerDocument.createTextNode(element.textContent ?? ''));
  }
  return cut.length > 0;
}

/** Whether an element is page furniture by its tag, role, hiding or class and id words. */
export function isBoilerplate(element: DomElement): boolean {
  const tag = element.localName;
  if (DROPPED_TAGS.has(tag) || tag.startsWith('amp-') && tag !== 'amp-img') return true;
  const role = element.getAttribute('role');
  if (role !== null && DROPPED_ROLES.has(role.trim().toLowerCase())) return true;
  if (element.getAttribute('hidden') !== null || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  if (style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
  if (names.trim() === '') return false;
  for (const name of names.split(/\s+/)) {
    if (BOILERPLATE_WORDS.has(name)) return true;
    const parts = name.split(/[-_]+/);
    for (let i = 0; i < parts.length; i++) {
      if (BOILERPLATE_WORDS.has(parts[i]!)) return true;
      if (i + 1 < parts.length && BOILERPLATE_WORDS.has(`${parts[i]}-${parts[i + 1]}`)) return true;
    }
  }
  return false;
}

function removeBoilerplate(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  for (let node = nextNode(body, body); node; ) {
    if (isElement(node) && isBoilerplate(node) && !containsArticle(node)) {
      const next = nextNode(node, body, true);
      node.remove();
      node = next;
    } else node = nextNode(node, body);
  }
}

/** A wrapper whose class happens to say "sidebar" or "related" (`site has-sidebar`) but holds the article or its headline is kept. */
function containsArticle(element: DomElement): boolean {
  if (['article', 'main', 'h1'].includes(element.localName)) return true;
  return element.querySelectorAll('article, main, h1, [itemprop="articleBody"]').length > 0;
}
