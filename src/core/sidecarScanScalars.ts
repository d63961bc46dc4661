// The scanner's (sidecarScan.ts) view of single values: which characters it leaves to the other
// readers, the plain words, numbers and escapes as js-yaml's core schema reads them, the keys
// Newsmark writes. Anything it is not certain of throws GIVE_UP, as the scanner does.
import { idReadAsWritten, plainFloatValue, plainReadsAsNumber } from './sidecarSource';

/** Thrown to give up, one instance made once (no stack to capture per file); caught by scanSidecar, never seen outside it. */
export const GIVE_UP = new Error('outside the layout the sidecar scanner reads');

export const LF = 0x0a;
export const SPACE = 0x20;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;

/**
 * Characters outside what either YAML reader takes the same way in every place: tab and CR (the
 * scanner follows only LF and spaces), C0/C1 controls and DEL, BOM and noncharacters, and lone
 * surrogates (js-yaml refuses them in plain scalars only) — found with surrogates in pairs too,
 * which are then let through: one character class is many times quicker to search for than a
 * pattern that looks around each surrogate.
 */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_OR_SURROGATE = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/g;

export function hasUnsupportedCharacters(text: string): boolean {
  UNSUPPORTED_OR_SURROGATE.lastIndex = 0;
  while (UNSUPPORTED_OR_SURROGATE.test(text)) {
    const at = UNSUPPORTED_OR_SURROGATE.lastIndex - 1;
    const c = text.charCodeAt(at);
    const low = text.charCodeAt(at + 1);
    if (c < 0xd800 || c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return true;
    UNSUPPORTED_OR_SURROGATE.lastIndex = at + 2;
  }
  return false;
}

/** Plain words the core schema reads as null or a boolean. */
export const PLAIN_WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
]);

/** Characters that start something other than a plain scalar (1 by char code); `-x`, `?x` and `:x` are plain. */
export const INDICATORS = new Uint8Array(0x80);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATORS[c.charCodeAt(0)] = 1;

/** A plain scalar's value under js-yaml's core schema, with a `tags:` entry's id read as written. */
export function resolvePlain(source: string, isTagId: boolean): unknown {
  const c = source.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
    if (isTagId) {
      const number = plainReadsAsNumber(source);
      if (number === undefined || (number && !idReadAsWritten(source))) throw GIVE_UP; // the careful path reports it
      return source;
    }
    const integer = plainInteger(source);
    if (integer !== undefined) return integer;
    const float = plainFloatValue(source);
    if (float !== undefined) {
      if (Number.isInteger(float)) throw GIVE_UP; // `15.0`, `1e3`: only the careful path knows whether it is an offset
      return float;
    }
    if (plainReadsAsNumber(source) !== false) throw GIVE_UP; // `0x10`, `+5`, `007`: as loadQuickly, not decided here
    return source;
  }
  const word = PLAIN_WORDS.get(source);
  return word === undefined ? source : word;
}

/**
 * A whole number as an offset is written (`0`, `-12`, no leading zero), in at most 15 characters,
 * where every reader's number is exact; undefined for anything else.
 */
function plainInteger(source: string): number | undefined {
  const length = source.length;
  if (length > 15) return undefined;
  let at = source.charCodeAt(0) === DASH ? 1 : 0;
  if (at === length || (source.charCodeAt(at) === 0x30 && (at === 1 || length > 1))) return undefined;
  let value = 0;
  for (; at < length; at++) {
    const digit = source.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return source.charCodeAt(0) === DASH ? -value : value;
}

/**
 * The whole number that is all of the line from `from` to `end` (LF), as plainInteger reads it;
 * undefined when anything else is there (a trailing comment or space included: the slow way).
 */
export function plainIntegerAt(s: string, from: number, end: number): number | undefined {
  const length = end - from;
  if (length > 15 || (length > 1 && s.charCodeAt(from) === 0x30)) return undefined;
  let value = 0;
  for (let at = from; at < end; at++) {
    const digit = s.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Where a plain value's text on the line from `from` to `end` (its LF) stops: at a comment
 * (` #`) or the line's end, less trailing spaces. A `: ` or a `:` at the end is given up on.
 */
export function plainLineEnd(s: string, from: number, end: number): number {
  let stop = end;
  for (let at = from; at < end; at++) {
    const c = s.charCodeAt(at);
    if (c === COLON && (at + 1 === end || s.charCodeAt(at + 1) === SPACE)) throw GIVE_UP; // a key, or a second value
    if (c === HASH && s.charCodeAt(at - 1) === SPACE) {
      stop = at;
      break;
    }
  }
  while (stop > from && s.charCodeAt(stop - 1) === SPACE) stop--;
  return stop;
}

/** Whether a comment follows a plain value's text that stops at `stop` on a line ending at `end`. */
export function commentAfter(s: string, stop: number, end: number): boolean {
  while (stop < end && s.charCodeAt(stop) === SPACE) stop++;
  return stop < end;
}

/** Where the spaces before a fold start: a fold drops them (not those escaped, before `start`). */
export function beforeSpaces(s: string, start: number, at: number): number {
  while (at > start && s.charCodeAt(at - 1) === SPACE) at--;
  return at;
}

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The keys Newsmark writes, by the hash keyHere computes of them. */
export const KNOWN_KEYS: ReadonlyMap<number, string> = new Map(
  ['newsmark', 'article', 'sha256', 'outlet', 'url', 'published', 'headline', 'tags', 'rejected', 'id', 'category', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'attributes', 'author', 'created', 'status', 'previous_text', 'review', 'reviewer']
    .map((key) => [[...key].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) | 0, 0), key]),
);

/** js-yaml's one-character escapes (tab is never in a scanned file). */
export const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map(
  Object.entries({ '0': '\x00', a: '\x07', b: '\x08', t: '\t', n: '\n', v: '\x0b', f: '\x0c', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' })
    .map(([k, v]) => [k.charCodeAt(0), v]),
);
