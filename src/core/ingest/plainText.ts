// The article's DOM as the plain text Newsmark tags: one paragraph per line, a blank line between
// paragraphs. Offsets are counted in this text, so it must be stable: the same page always gives
// the same characters.
import { isBoilerplate } from './prepare';
import { isElement, nextNode, TEXT_NODE, type DomElement, type DomNode } from './dom';

/** Elements that start and end a paragraph of their own. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'hgroup', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'address', 'center', 'details', 'summary', 'hr', 'br',
]);

/** Class words of the byline and dateline furniture at the top of a story (the details keep them). */
const META_WORDS = /(^|[\s_-])(byline|by-line|author|authors|entry-meta|post-meta|article-meta|meta-info|posted-on|timestamp|publish-date|published|updated|dateline-meta|reading-time|read-time)([\s_-]|$)/i;

/**
 * Paragraphs that are a site's furniture whatever markup carries them: comment forms, article
 * navigation, house ads, "Read more" boxes, share prompts, cookie and newsletter notices.
 */
const BOILERPLATE_PARAGRAPHS: readonly RegExp[] = [
  /^please enter your (comment|name|email)/i,
  /^(leave a (reply|comment)|post a comment|add a comment|\d+ comments?|comments?)\b/i,
  /^(previous|next) (article|post|story)\b/i,
  /^advertise (with|on) \b/i,
  /^[-–—·\s]*(advertisement|sponsored( content)?|ad|anzeige|publicité)[-–—·\s]*$/i,
  /^(read more|read next|related|also read|see also|more on this|more from|recommended|you may also like|most read)\b\s*[:|»›>–—-]?/i,
  /^(share|share this( article| story)?|share on \w+|follow us( on)?)\b/i,
  /^(sign up|subscribe) (for|to|now)\b/i,
  /\bwe use cookies\b/i,
  /^(tags|topics|filed under):/i,
  /^(our standards:|read our editorial standards\b|we are committed to truth and accuracy\b)/i,
  /^pic\.twitter\.com\/\S+$/i,
];

/** A tweet's photo link, which its embed's text ends with. */
const TWEET_PICTURE = /\s*\bpic\.twitter\.com\/\w+/gi;

export function paragraphsOf(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let line = '';
  const flush = (): void => {
    const paragraph = normalise(line);
    line = '';
    if (paragraph !== '' && !BOILERPLATE_PARAGRAPHS.some((pattern) => pattern.test(paragraph))) paragraphs.push(paragraph);
  };
  // Each block's end is known when the walk leaves it; `open` holds the blocks being read.
  const open: DomElement[] = [];
  const leaveUntil = (parent: DomElement | null): void => {
    while (open.length > 0 && open.at(-1) !== parent && !isAncestor(open.at(-1)!, parent)) {
      open.pop();
      flush();
    }
  };
  for (let node = nextNode(root, root); node; ) {
    leaveUntil(node.parentNode);
    if (isElement(node)) {
      if (isBoilerplate(node) || META_WORDS.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)) {
        node = nextNode(node, root, true);
        continue;
      }
      if (BLOCK_TAGS.has(node.localName)) {
        flush();
        open.push(node);
      }
    } else if (node.nodeType === TEXT_NODE) line += node.textContent ?? '';
    node = nextNode(node, root);
  }
  flush();
  return paragraphs;
}

function isAncestor(element: DomElement, of: DomElement | null): boolean {
  for (let node = of; node; node = node.parentNode) if (node === element) return true;
  return false;
}

/**
 * ASCII white space (spaces, tabs, line breaks of the markup) collapsed to one space and trimmed;
 * U+00A0 kept where the page has it inside the text (the anchoring matches it), trimmed at the ends.
 */
export function normalise(text: string): string {
  return text.replace(TWEET_PICTURE, '').replace(/[ \t\n\r\f\u200b]+/g, ' ').replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');
}
