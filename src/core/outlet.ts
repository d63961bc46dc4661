// Which outlet published an article: the sidecar's `outlet` when set, else a guess from the
// article's own furniture (bylines, datelines, footers, social credits), else its file name.
import type { ArticleDetails } from './details';
import type { Tag } from './tag';

/** One article as the comparisons across outlets (figure ledger, quote clusters) read it. */
export interface OutletArticle {
  /** How the article is named in the result (a path or a workspace key). */
  readonly article: string;
  readonly outlet: string;
  /** The article's text with LF line ends; tag offsets are code points into it. */
  readonly text: string;
  readonly tags: readonly Tag[];
}

/** A tag as the comparisons across outlets report it: which article and outlet, and where. */
export interface OutletTag {
  readonly article: string;
  readonly outlet: string;
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface OutletName {
  readonly name: string;
  /** True only for a name read off the article text: the analyst has not confirmed it. */
  readonly guessed: boolean;
  /** Where the name came from. */
  readonly source: 'field' | 'text' | 'file';
  /** For a guess: the words of the article it rests on, to show the analyst why. */
  readonly evidence?: string;
}

export interface OutletGuess {
  readonly name: string;
  readonly evidence: string;
  /** Which pattern found it (for tests and tooltips). */
  readonly rule: OutletRule;
}

export type OutletRule = 'trailer' | 'byline' | 'dateline' | 'footer' | 'credit';

/** A run of capitalised words, with the small words that join them inside names ("Voice of America"). */
const WORD = String.raw`[A-Z0-9](?:[\w&'’-]|\.(?=\w))*`; // a dot only inside a word ("Lantern.com"), never the full stop
const NAME = String.raw`(?:The )?${WORD}(?: (?:of|and|&|for|the|on) ${WORD}| ${WORD}){0,5}`;

const MONTH = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/;
/** Words a pattern may catch that never name an outlet. */
const NOT_OUTLETS = new Set(['home', 'watch', 'source', 'read', 'photo', 'video', 'news', 'the', 'today', 'updated', 'published', 'staff', 'reporter']);

/** Where a byline begins: the text's or a line's start, or after a space. */
const BYLINE_START = String.raw`(?:^|\s)`;

/**
 * The patterns, strongest first: a page's own sign-off or byline outweighs a credit for an
 * embedded post, which may quote another outlet ("Sky News (@SkyNews)" inside someone else's story).
 * Each is one pattern searched from the text's start (RULES searches the bylines faster).
 */
const OUTLET_PATTERNS: readonly { rule: OutletRule; pattern: RegExp; tail?: boolean }[] = [
  // "For the latest news, weather and sport, head to The Harbor Gazette." at the end of the page.
  { rule: 'trailer', pattern: new RegExp(String.raw`\b(?:head|go|come back) (?:over )?to (${NAME})\s*[.!]?\s*$`, 'm'), tail: true },
  // "By Ana Lind, The Harbor Gazette •", "By Ana Lind for Clarion •", "By Ana Lind • Clarion • 2 March".
  { rule: 'byline', pattern: new RegExp(BYLINE_START + String.raw`By [A-Z][^•|,\n]{1,60}?(?:, | for | of )(${NAME})\s*[•|]`, 'm') },
  { rule: 'byline', pattern: new RegExp(BYLINE_START + String.raw`By [A-Z][^•|,\n]{1,60}? [•|] (${NAME})\s*(?:[•|]|$)`, 'm') },
  // "PORTMERE (Clarion) — ", "PORTMERE, Varnia (Clarion) - " or, as the wires date theirs,
  // "PORTMERE/LOWQUAY, March 3 (Clarion) - " at the start of a story.
  { rule: 'dateline', pattern: new RegExp(String.raw`^[A-Z]{2}[A-Z .'’/-]{0,30}(?:, [A-Z][A-Za-z .'’-]{0,30})?(?:,? ${MONTH.source}\.? \d{1,2})? \((${NAME})\)\s*[-–—]`, 'm') },
  // "Advertise with The Harbor Gazette and …", "Subscribe to Clarion", "© 2026 Clarion", "Copyright 2026 Clarion".
  { rule: 'footer', pattern: new RegExp(String.raw`\b(?:Advertise with|Subscribe to|Support) (${NAME})(?=[\s.,!]|$)`, 'm'), tail: true },
  { rule: 'footer', pattern: new RegExp(String.raw`(?:©|\(c\)|Copyright)(?: ©)?(?: \d{4}(?:[-–]\d{4})?)?,? (${NAME})`, 'm'), tail: true },
  // "Harbor Gazette (@HarborGazette)", the credit of an embedded post.
  { rule: 'credit', pattern: new RegExp(String.raw`(${NAME}) \(@\w{2,}\)`, 'm') },
];

type Starts = (where: string) => Iterable<number>;

/**
 * OUTLET_PATTERNS as guessOutlet searches them. A pattern that tries a name at every capital is
 * slow on a long article; most have none of the words it rests on (`needs`), and a plain search
 * rules that out first. A byline's opening choice (a line's start or a space) keeps the regex
 * engine from skipping ahead, so it was tried at every character of every article, a tenth of a
 * parse worker's time in a cold `stats`; most articles hold a "By " or two ("By contrast"), so
 * the rest of the pattern, made sticky, is tried only there (`at`). The first place it matches
 * is where `exec` of the whole pattern would have found it.
 */
const RULES: readonly { rule: OutletRule; pattern: RegExp; tail?: boolean; needs?: string; at?: Starts }[] = OUTLET_PATTERNS.map((r) => {
  if (r.rule === 'byline') return { ...r, pattern: new RegExp(r.pattern.source.slice(BYLINE_START.length), 'my'), at: bylineStarts };
  // '(@', not ' (@': a search that begins at every space took ten times as long.
  return r.rule === 'credit' ? { ...r, needs: '(@' } : r;
});

const SPACE = /\s/;

/** Each "By " at the start of the text or after white space (a line break included). */
function* bylineStarts(where: string): Generator<number> {
  for (let at = where.indexOf('By '); at >= 0; at = where.indexOf('By ', at + 1)) {
    if (at === 0 || SPACE.test(where[at - 1]!)) yield at;
  }
}

function firstMatch(pattern: RegExp, where: string, at: Starts | undefined): RegExpExecArray | null {
  if (!at) {
    pattern.lastIndex = 0;
    return pattern.exec(where);
  }
  for (const start of at(where)) {
    pattern.lastIndex = start;
    const m = pattern.exec(where);
    if (m) return m;
  }
  return null;
}

/** How much of the end of an article holds its sign-off and footer. */
const TAIL_CHARS = 1500;

/** The outlet the article's text names as its publisher, if any pattern finds one. */
export function guessOutlet(text: string): OutletGuess | undefined {
  return guessWith(RULES, text);
}

/** guessOutlet with each whole pattern searched from the text's start: what the faster search must always agree with (tests). */
export function guessOutletPlainly(text: string): OutletGuess | undefined {
  return guessWith(OUTLET_PATTERNS, text);
}

function guessWith(rules: typeof RULES, text: string): OutletGuess | undefined {
  const tail = text.slice(-TAIL_CHARS);
  for (const { rule, pattern, tail: atEnd, needs, at } of rules) {
    const where = atEnd ? tail : text;
    if (needs !== undefined && !where.includes(needs)) continue;
    const m = firstMatch(pattern, where, at);
    const name = m?.[1] === undefined ? undefined : cleanName(m[1]);
    if (m && name !== undefined) return { name, evidence: m[0].trim(), rule };
  }
  return undefined;
}

function cleanName(raw: string): string | undefined {
  const name = raw.trim().replace(/[.’']+$/, '');
  if (name.length < 2 || NOT_OUTLETS.has(name.toLowerCase()) || MONTH.test(name) || /^\d/.test(name)) return undefined;
  return name;
}

/** The name to show for an article's outlet: its `outlet` field, else a guess from its text, else its file name. */
export function outletOf(details: ArticleDetails, articleLf: string | undefined, fileName: string): OutletName {
  if (details.outlet !== undefined) return { name: details.outlet, guessed: false, source: 'field' };
  const guess = articleLf === undefined ? undefined : guessOutlet(articleLf);
  if (guess) return { name: guess.name, guessed: true, source: 'text', evidence: guess.evidence };
  return { name: fileName, guessed: false, source: 'file' };
}
