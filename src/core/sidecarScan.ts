// The fastest of the sidecar's read paths: a one-pass scanner for the block layout Newsmark's own
// writer (and PyYAML) produces. Parsing YAML was a fifth of a cold `newsmark stats` on a large
// corpus; this reads such a file several times faster than js-yaml. It must give exactly the
// plain values loadQuickly (sidecarSource.ts) gives, so whatever it does not know for certain —
// anchors, tags, flow collections other than [] and {}, block scalars, tabs, CR, odd escapes,
// duplicate keys, comments inside a plain value — makes it give up, and the existing paths decide.
import { idReadAsWritten, plainFloatValue, plainReadsAsNumber } from './sidecarSource';

/** Thrown to give up, one instance made once (no stack to capture per file); never seen outside this file. */
const OUTSIDE = new Error('outside the layout the sidecar scanner reads');

/**
 * Characters outside what either YAML reader takes the same way in every place: tab and CR (the
 * scanner follows only LF and spaces), C0/C1 controls and DEL, BOM and noncharacters, and lone
 * surrogates (js-yaml refuses them in plain scalars only). A single class is several times
 * quicker to search for, so surrogates are first found at all, then checked for pairs.
 */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_OR_SURROGATE = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Plain words the core schema reads as null or a boolean. */
const PLAIN_WORDS: ReadonlyMap<string, null | boolean> = new Map<string, null | boolean>([
  ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
]);

/** Characters that start something other than a plain scalar (1 by char code); `-x`, `?x` and `:x` are plain. */
const INDICATORS = new Uint8Array(0x80);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATORS[c.charCodeAt(0)] = 1;

const LF = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
/** How deep collections may nest here; anything deeper is left to the careful reader's limits. */
const MAX_NESTING = 24;

/** Which mapping is being read: the root, a `tags:` entry (its id is read as written), or another. */
const enum Place { Root, TagEntry, Other }

/** A sidecar's plain values as loadQuickly reads them, or undefined when the scanner is not certain. */
export function scanSidecar(text: string): Record<string, unknown> | undefined {
  if (text.length === 0 || (UNSUPPORTED_OR_SURROGATE.test(text) && UNSUPPORTED_CHARACTERS.test(text))) return undefined;
  try {
    return new Scanner(text).document();
  } catch {
    return undefined;
  }
}

class Scanner {
  private pos = 0;
  /** The indent of the line at pos after skipToContent; -1 at the end of the text. */
  private next = -1;
  /** Whether the value just read was plain: a comment line indented under it is given up on. */
  private lastPlain = false;
  private nesting = 0;
  /** The first backslash at or after some earlier position (Infinity: none); see backslashFrom. */
  private backslash = -1;

  constructor(private readonly s: string) {}

  document(): Record<string, unknown> {
    if (this.skipToContent(Infinity) !== 0) throw OUTSIDE;
    const root = this.mapping(0, Place.Root);
    if (this.next !== -1) throw OUTSIDE;
    return root;
  }

  /**
   * From a line start past blank and comment lines to the next line with content; its indent, or
   * -1 at the end. A comment line deeper than `plainIndent` follows a plain value: given up on.
   */
  private skipToContent(plainIndent: number): number {
    const s = this.s;
    for (;;) {
      let at = this.pos;
      while (s.charCodeAt(at) === SPACE) at++;
      if (at >= s.length) {
        this.pos = s.length;
        return (this.next = -1);
      }
      const c = s.charCodeAt(at);
      if (c === LF) {
        this.pos = at + 1;
      } else if (c === HASH) {
        if (at - this.pos > plainIndent) throw OUTSIDE;
        const end = s.indexOf('\n', at);
        this.pos = end < 0 ? s.length : end + 1;
      } else {
        return (this.next = at - this.pos);
      }
    }
  }

  /** A block mapping whose keys sit at `indent`; pos is at its first key. */
  private mapping(indent: number, place: Place): Record<string, unknown> {
    if (++this.nesting > MAX_NESTING) throw OUTSIDE;
    const map: Record<string, unknown> = {};
    for (;;) {
      const key = this.key();
      if (Object.prototype.hasOwnProperty.call(map, key)) throw OUTSIDE; // js-yaml refuses duplicates
      map[key] = this.mappingValue(indent, key, place);
      const next = this.lastPlain ? this.skipToContent(indent) : this.skipToContent(Infinity);
      if (next < indent) break;
      if (next > indent) throw OUTSIDE;
      this.pos += indent;
    }
    this.nesting--;
    return map;
  }

  /** A key in plain letters, digits, `_` and `-` (not a word read as null or a boolean), and its `:`. */
  private key(): string {
    const s = this.s;
    const from = this.pos;
    let c = s.charCodeAt(from);
    // The keys Newsmark writes, without slicing them out: they are most of a file's keys.
    const known = c < 0x80 ? KNOWN_KEYS[c] : undefined;
    if (known) {
      for (const [withColon, key] of known) {
        if (!s.startsWith(withColon, from)) continue;
        const after = s.charCodeAt(from + withColon.length);
        if (after !== SPACE && after !== LF && from + withColon.length < s.length) throw OUTSIDE;
        this.pos = from + withColon.length;
        return key;
      }
    }
    let at = from;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) throw OUTSIDE;
    do c = s.charCodeAt(++at);
    while ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH);
    if (c !== COLON) throw OUTSIDE;
    const after = s.charCodeAt(at + 1);
    if (after !== SPACE && after !== LF && at + 1 < s.length) throw OUTSIDE;
    const key = s.slice(from, at);
    if (PLAIN_WORDS.has(key) || key === '__proto__') throw OUTSIDE;
    this.pos = at + 1;
    return key;
  }

  /** The value after a mapping's `key:`; leaves pos at the start of the line after it. */
  private mappingValue(indent: number, key: string, place: Place): unknown {
    const s = this.s;
    while (s.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = s.charCodeAt(this.pos);
    // key() saw a space or the line's end after the colon: a `#` here starts a comment.
    if (!(this.pos >= s.length || c === LF || c === HASH)) {
      return this.inlineValue(indent, place === Place.TagEntry && key === 'id');
    }
    // Nothing on the key's line: a nested collection below it, or null.
    this.endLine();
    this.lastPlain = false;
    const next = this.skipToContent(Infinity);
    const dash = next >= 0 && this.isDash(this.pos + next);
    if (next < indent || (next === indent && !dash)) return null;
    if (place === Place.TagEntry && key === 'id') throw OUTSIDE; // an id is a scalar on its line
    const items = place === Place.Root && key === 'tags' ? Place.TagEntry : Place.Other;
    this.pos += next;
    return dash ? this.sequence(next, items) : this.mapping(next, Place.Other);
  }

  private isDash(at: number): boolean {
    return this.s.charCodeAt(at) === DASH && this.s.charCodeAt(at + 1) === SPACE;
  }

  /** A block sequence whose dashes sit at `indent`; pos is at its first dash. */
  private sequence(indent: number, place: Place): unknown[] {
    if (++this.nesting > MAX_NESTING) throw OUTSIDE;
    const s = this.s;
    const list: unknown[] = [];
    for (;;) {
      this.pos += 2; // past `- `
      const c = s.charCodeAt(this.pos);
      if (c === SPACE || c === LF || this.pos >= s.length) throw OUTSIDE;
      if (this.isDash(this.pos)) {
        list.push(this.sequence(indent + 2, Place.Other)); // `- - x`, as the writer nests lists
      } else if (this.atKey()) {
        list.push(this.mapping(indent + 2, place));
      } else {
        list.push(this.inlineValue(indent, false));
        if (this.lastPlain) this.skipToContent(indent);
        else this.skipToContent(Infinity);
      }
      const next = this.next;
      if (next > indent) throw OUTSIDE;
      if (next < indent || !this.isDash(this.pos + next)) break;
      this.pos += next;
    }
    this.nesting--;
    return list;
  }

  /** Whether a `key:` starts at pos (a sequence item that is a mapping). */
  private atKey(): boolean {
    const s = this.s;
    let at = this.pos;
    let c = s.charCodeAt(at);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return false;
    do c = s.charCodeAt(++at);
    while ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH);
    const after = s.charCodeAt(at + 1);
    return c === COLON && (after === SPACE || after === LF || at + 1 >= s.length);
  }

  /**
   * A scalar (or `[]`, `{}`) that starts at pos, on the line of its key or dash at `indent`, and
   * the rest of that line; pos ends at the start of the next line.
   */
  private inlineValue(indent: number, isTagId: boolean): unknown {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    let value: unknown;
    if (c === 0x22 /* " */) value = this.doubleQuoted(indent + 1);
    else if (c === 0x27 /* ' */) value = this.singleQuoted(indent + 1);
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (s.charCodeAt(this.pos + 1) !== (c === 0x5b ? 0x5d : 0x7d)) throw OUTSIDE;
      this.pos += 2;
      value = c === 0x5b ? [] : {};
    } else {
      this.lastPlain = true;
      return this.plain(isTagId);
    }
    this.lastPlain = false;
    // After a quoted value or `[]`: spaces, then a comment after at least one of them, or the line's end.
    const from = this.pos;
    while (s.charCodeAt(this.pos) === SPACE) this.pos++;
    const after = s.charCodeAt(this.pos);
    if (!(this.pos >= s.length || after === LF || (after === HASH && this.pos > from))) throw OUTSIDE;
    this.endLine();
    return value;
  }

  private endLine(): void {
    const end = this.s.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.s.length : end + 1;
  }

  /** A plain scalar on one line, resolved as js-yaml's core schema resolves it. */
  private plain(isTagId: boolean): unknown {
    const s = this.s;
    const from = this.pos;
    let end = s.indexOf('\n', from);
    if (end < 0) end = s.length;
    if (end === from) throw OUTSIDE; // `- ` and nothing after it
    const first = s.charCodeAt(from);
    const leadsOn = (first === DASH || first === 0x3f /* ? */ || first === COLON) && from + 1 < end && s.charCodeAt(from + 1) !== SPACE;
    if (first < 0x80 && INDICATORS[first] === 1 && !leadsOn) throw OUTSIDE;
    let stop = end;
    for (let at = from; at < end; at++) {
      const c = s.charCodeAt(at);
      if (c === COLON && (at + 1 === end || s.charCodeAt(at + 1) === SPACE)) throw OUTSIDE; // a key, or a second value
      if (c === HASH && s.charCodeAt(at - 1) === SPACE) {
        stop = at;
        break;
      }
    }
    while (s.charCodeAt(stop - 1) === SPACE) stop--;
    this.pos = end + 1;
    return resolvePlain(s.slice(from, stop), isTagId);
  }

  /** A double-quoted scalar, its lines folded and its escapes decoded as js-yaml does. */
  private doubleQuoted(minIndent: number): string {
    const s = this.s;
    const from = this.pos + 1;
    // Most are one line without escapes: found by the string's own search, not a loop here.
    const close = s.indexOf('"', from);
    if (close >= 0 && this.backslashFrom(from) > close) {
      const lf = s.indexOf('\n', from);
      if (lf < 0 || lf > close) {
        this.pos = close + 1;
        return s.slice(from, close);
      }
    }
    let at = from;
    let start = at;
    let out = '';
    for (;;) {
      const c = s.charCodeAt(at);
      if (c === 0x22 /* " */) {
        this.pos = at + 1;
        return out + s.slice(start, at);
      }
      if (c === 0x5c /* \ */) {
        out += s.slice(start, at) + this.escape(at);
        at = start = this.pos;
      } else if (c === LF) {
        out += s.slice(start, beforeSpaces(s, start, at)) + this.fold(at, minIndent);
        at = start = this.pos;
      } else if (at >= s.length) {
        throw OUTSIDE;
      } else {
        at++;
      }
    }
  }

  private backslashFrom(from: number): number {
    if (this.backslash < from) {
      const at = this.s.indexOf('\\', from);
      this.backslash = at < 0 ? Infinity : at;
    }
    return this.backslash;
  }

  /** The text of the escape at `at` (its backslash); pos goes past it. */
  private escape(at: number): string {
    const s = this.s;
    const c = s.charCodeAt(at + 1);
    const simple = SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) {
      this.pos = at + 2;
      return simple;
    }
    const digits = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : c === 0x55 /* U */ ? 8 : 0;
    if (digits === 0) throw OUTSIDE; // unknown, or an escaped line break
    let code = 0;
    for (let i = 2; i < 2 + digits; i++) {
      const h = hexValue(s.charCodeAt(at + i));
      if (h < 0) throw OUTSIDE;
      code = code * 16 + h;
    }
    if (code > 0x10ffff) throw OUTSIDE;
    this.pos = at + 2 + digits;
    return code <= 0xffff ? String.fromCharCode(code) : String.fromCharCode(((code - 0x10000) >> 10) + 0xd800, ((code - 0x10000) & 0x3ff) + 0xdc00);
  }

  /**
   * The line break at `at` inside a quoted scalar and the empty lines after it: one break is a
   * space, n breaks are n - 1 newlines. The next line must be indented at least `minIndent`.
   */
  private fold(at: number, minIndent: number): string {
    const s = this.s;
    let breaks = 0;
    while (s.charCodeAt(at) === LF) {
      breaks++;
      at++;
    }
    let indent = 0;
    while (s.charCodeAt(at + indent) === SPACE) indent++;
    const c = s.charCodeAt(at + indent);
    if (indent < minIndent || c === LF || at + indent >= s.length) throw OUTSIDE;
    this.pos = at + indent;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  }

  private singleQuoted(minIndent: number): string {
    const s = this.s;
    let at = this.pos + 1;
    let start = at;
    let out = '';
    for (;;) {
      const c = s.charCodeAt(at);
      if (c === 0x27 /* ' */) {
        if (s.charCodeAt(at + 1) !== 0x27) {
          this.pos = at + 1;
          return out + s.slice(start, at);
        }
        out += s.slice(start, at + 1);
        at = start = at + 2;
      } else if (c === LF) {
        out += s.slice(start, beforeSpaces(s, start, at)) + this.fold(at, minIndent);
        at = start = this.pos;
      } else if (at >= s.length) {
        throw OUTSIDE;
      } else {
        at++;
      }
    }
  }
}

/** A plain scalar's value under js-yaml's core schema, with a `tags:` entry's id read as written. */
function resolvePlain(source: string, isTagId: boolean): unknown {
  const c = source.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
    if (isTagId) {
      const number = plainReadsAsNumber(source);
      if (number === undefined || (number && !idReadAsWritten(source))) throw OUTSIDE; // the careful path reports it
      return source;
    }
    const integer = plainInteger(source);
    if (integer !== undefined) return integer;
    const float = plainFloatValue(source);
    if (float !== undefined) {
      if (Number.isInteger(float)) throw OUTSIDE; // `15.0`, `1e3`: only the careful path knows whether it is an offset
      return float;
    }
    if (plainReadsAsNumber(source) !== false) throw OUTSIDE; // `0x10`, `+5`, `007`: as loadQuickly, not decided here
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

/** Where the spaces before a fold start: a fold drops them (not those escaped, before `start`). */
function beforeSpaces(s: string, start: number, at: number): number {
  while (at > start && s.charCodeAt(at - 1) === SPACE) at--;
  return at;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The keys Newsmark writes, by first character: each with its colon, and as the key. */
const KNOWN_KEYS: readonly (readonly (readonly [string, string])[] | undefined)[] = (() => {
  const keys = ['newsmark', 'article', 'sha256', 'outlet', 'url', 'published', 'headline', 'tags', 'rejected', 'id', 'category', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'attributes', 'author', 'created', 'status', 'previous_text', 'review', 'reviewer'];
  const table: [string, string][][] = [];
  // Longer first, so `reviewer:` is not taken for `review` (its colon would not match anyway).
  for (const key of keys.sort((a, b) => b.length - a.length)) (table[key.charCodeAt(0)] ??= []).push([`${key}:`, key]);
  return table;
})();

/** js-yaml's one-character escapes (tab is never in a scanned file). */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map(
  Object.entries({ '0': '\x00', a: '\x07', b: '\x08', t: '\t', n: '\n', v: '\x0b', f: '\x0c', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' })
    .map(([k, v]) => [k.charCodeAt(0), v]),
);
