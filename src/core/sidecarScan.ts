// The fastest of the sidecar's read paths: a one-pass scanner for the block layout Newsmark's own
// writer (and PyYAML) produces. Parsing YAML was a fifth of a cold `newsmark stats` on a large
// corpus; this reads such a file several times faster than js-yaml. It must give exactly the
// plain values loadQuickly (sidecarSource.ts) gives, so whatever it does not know for certain —
// anchors, tags, flow collections other than [] and {}, block scalars, tabs, CR, odd escapes,
// duplicate keys, comments inside a plain value — makes it give up, and the existing paths decide.
import {
  beforeSpaces, COLON, commentAfter, DASH, GIVE_UP, HASH, hasUnsupportedCharacters, hexValue, INDICATORS, KNOWN_KEYS, LF, PLAIN_WORDS, plainIntegerAt, plainLineEnd,
  resolvePlain, SIMPLE_ESCAPES, SPACE,
} from './sidecarScanScalars';
import { plainReadsAsNumber } from './sidecarSource';

/** Numbers are resolved by js-yaml's own types; without them (another version) loadQuickly reads nothing, nor does the scanner. */
const WITH_JS_YAML_NUMBERS = plainReadsAsNumber('0') !== undefined;

/** How deep collections may nest here; anything deeper is left to the careful reader's limits. */
const MAX_NESTING = 24;

/** Which mapping is being read: the root, a `tags:` entry (its id is read as written), or another. */
const enum Place { Root, TagEntry, Other }

/** A sidecar's plain values as loadQuickly reads them, or undefined when the scanner is not certain. */
export function scanSidecar(text: string): Record<string, unknown> | undefined {
  if (!WITH_JS_YAML_NUMBERS || text.length === 0 || hasUnsupportedCharacters(text)) return undefined;
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
    const first = this.skipToContent(Infinity) === 0 ? this.keyHere() : undefined;
    if (first === undefined) throw GIVE_UP;
    const root = this.mapping(0, Place.Root, first);
    if (this.next !== -1) throw GIVE_UP;
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
        if (at - this.pos > plainIndent) throw GIVE_UP;
        const end = s.indexOf('\n', at);
        this.pos = end < 0 ? s.length : end + 1;
      } else {
        return (this.next = at - this.pos);
      }
    }
  }

  /** A block mapping whose keys sit at `indent`; pos is past its first key, `first`. */
  private mapping(indent: number, place: Place, first: string): Record<string, unknown> {
    if (++this.nesting > MAX_NESTING) throw GIVE_UP;
    const map: Record<string, unknown> = {};
    for (let key: string | undefined = first; ; key = this.keyHere()) {
      if (key === undefined) throw GIVE_UP;
      // js-yaml refuses a duplicate; `toString` and the like are given up on too, which costs nothing.
      if (map[key] !== undefined) throw GIVE_UP;
      map[key] = this.mappingValue(indent, key, place);
      const next = this.lastPlain ? this.skipToContent(indent) : this.skipToContent(Infinity);
      if (next < indent) break;
      if (next > indent) throw GIVE_UP;
      this.pos += indent;
    }
    this.nesting--;
    return map;
  }

  /**
   * The key at pos — plain letters, digits, `_` and `-`, not a word read as null or a boolean —
   * with pos moved past its `:`; undefined, pos unmoved, when no such key is there.
   */
  private keyHere(): string | undefined {
    const s = this.s;
    const from = this.pos;
    let at = from;
    let c = s.charCodeAt(at);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return undefined;
    let hash = 0;
    do {
      hash = (hash * 31 + c) | 0;
      c = s.charCodeAt(++at);
    } while ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH);
    if (c !== COLON) return undefined;
    const after = s.charCodeAt(at + 1);
    if (after !== SPACE && after !== LF && at + 1 < s.length) return undefined;
    this.pos = at + 1;
    // The keys Newsmark writes are most of a file's keys: found by their hash, not sliced out.
    const known = KNOWN_KEYS.get(hash);
    if (known !== undefined && known.length === at - from && s.startsWith(known, from)) return known;
    const key = s.slice(from, at);
    if (PLAIN_WORDS.has(key) || key === '__proto__') throw GIVE_UP;
    return key;
  }

  /** The value after a mapping's `key:`; leaves pos at the start of the line after it. */
  private mappingValue(indent: number, key: string, place: Place): unknown {
    const s = this.s;
    while (s.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = s.charCodeAt(this.pos);
    // keyHere() saw a space or the line's end after the colon: a `#` here starts a comment.
    if (!(this.pos >= s.length || c === LF || c === HASH)) {
      return this.inlineValue(indent, place === Place.TagEntry && key === 'id');
    }
    // Nothing on the key's line: a nested collection below it, or null.
    this.endLine();
    this.lastPlain = false;
    const next = this.skipToContent(Infinity);
    const dash = next >= 0 && this.isDash(this.pos + next);
    if (next < indent || (next === indent && !dash)) return null;
    if (place === Place.TagEntry && key === 'id') throw GIVE_UP; // an id is a scalar on its line
    const items = place === Place.Root && key === 'tags' ? Place.TagEntry : Place.Other;
    this.pos += next;
    if (dash) return this.sequence(next, items);
    const first = this.keyHere();
    if (first === undefined) throw GIVE_UP;
    return this.mapping(next, Place.Other, first);
  }

  private isDash(at: number): boolean {
    return this.s.charCodeAt(at) === DASH && this.s.charCodeAt(at + 1) === SPACE;
  }

  /** A block sequence whose dashes sit at `indent`; pos is at its first dash. */
  private sequence(indent: number, place: Place): unknown[] {
    if (++this.nesting > MAX_NESTING) throw GIVE_UP;
    const s = this.s;
    const list: unknown[] = [];
    for (;;) {
      this.pos += 2; // past `- `
      const c = s.charCodeAt(this.pos);
      if (c === SPACE || c === LF || this.pos >= s.length) throw GIVE_UP;
      const key = this.keyHere();
      if (key !== undefined) list.push(this.mapping(indent + 2, place, key));
      else if (this.isDash(this.pos)) list.push(this.sequence(indent + 2, Place.Other)); // `- - x`, as the writer nests lists
      else {
        list.push(this.inlineValue(indent, false));
        if (this.lastPlain) this.skipToContent(indent);
        else this.skipToContent(Infinity);
      }
      const next = this.next;
      if (next > indent) throw GIVE_UP;
      if (next < indent || !this.isDash(this.pos + next)) break;
      this.pos += next;
    }
    this.nesting--;
    return list;
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
      if (s.charCodeAt(this.pos + 1) !== (c === 0x5b ? 0x5d : 0x7d)) throw GIVE_UP;
      this.pos += 2;
      value = c === 0x5b ? [] : {};
    } else {
      this.lastPlain = true;
      return this.plain(indent, isTagId);
    }
    this.lastPlain = false;
    // After a quoted value or `[]`: spaces, then a comment after at least one of them, or the line's end.
    const from = this.pos;
    while (s.charCodeAt(this.pos) === SPACE) this.pos++;
    const after = s.charCodeAt(this.pos);
    if (after === LF) this.pos++;
    else if (after === HASH && this.pos > from) this.endLine();
    else if (this.pos < s.length) throw GIVE_UP;
    return value;
  }

  private endLine(): void {
    const end = this.s.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.s.length : end + 1;
  }

  /**
   * A plain scalar, resolved as js-yaml's core schema resolves it; on lines indented deeper than
   * its parent at `indent` it goes on, folded (PyYAML writes long text so).
   */
  private plain(indent: number, isTagId: boolean): unknown {
    const s = this.s;
    const from = this.pos;
    let end = s.indexOf('\n', from);
    if (end < 0) end = s.length;
    if (end === from) throw GIVE_UP; // `- ` and nothing after it
    const first = s.charCodeAt(from);
    const leadsOn = (first === DASH || first === 0x3f /* ? */ || first === COLON) && from + 1 < end && s.charCodeAt(from + 1) !== SPACE;
    if (first < 0x80 && INDICATORS[first] === 1 && !leadsOn) throw GIVE_UP;
    const stop = plainLineEnd(s, from, end);
    this.pos = end + 1;
    if (this.plainGoesOn(indent + 1)) {
      // After a comment nothing goes on; an id is left to the others, as is its line.
      if (isTagId || commentAfter(s, stop, end)) throw GIVE_UP;
      return resolvePlain(this.foldPlain(s.slice(from, stop), indent + 1), false);
    }
    if (first >= 0x30 && first <= 0x39 && !isTagId) {
      // An offset, most of a file's plain values: read without slicing it out.
      const integer = plainIntegerAt(s, from, end);
      if (integer !== undefined) return integer;
    }
    return resolvePlain(s.slice(from, stop), isTagId);
  }

  /** Whether a plain value goes on at pos: its next line with content is indented at least `minIndent`. */
  private plainGoesOn(minIndent: number): boolean {
    const s = this.s;
    let at = this.pos;
    for (;;) {
      let indent = 0;
      while (s.charCodeAt(at + indent) === SPACE) indent++;
      const c = s.charCodeAt(at + indent);
      if (c === LF) {
        at += indent + 1; // blank lines, however indented, are part of a value that goes on
        continue;
      }
      if (at + indent >= s.length || indent < minIndent) return false;
      if (c === HASH) throw GIVE_UP; // a comment indented under a plain value
      return true;
    }
  }

  /** The lines a plain value goes on over, folded onto `text`: one break is a space, n breaks n - 1 newlines. */
  private foldPlain(text: string, minIndent: number): string {
    const s = this.s;
    let at = this.pos;
    let breaks = 1;
    for (;;) {
      let indent = 0;
      while (s.charCodeAt(at + indent) === SPACE) indent++;
      const from = at + indent;
      const c = s.charCodeAt(from);
      if (c === LF) {
        breaks++;
        at = from + 1;
        continue;
      }
      if (from >= s.length || indent < minIndent) break;
      // A line starting with an indicator or a comment, or holding `: ` or ` #`, is left to the others.
      if ((c < 0x80 && INDICATORS[c] === 1) || c === HASH) throw GIVE_UP;
      let end = s.indexOf('\n', from);
      if (end < 0) end = s.length;
      const stop = plainLineEnd(s, from, end);
      if (commentAfter(s, stop, end)) throw GIVE_UP;
      text += (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)) + s.slice(from, stop);
      breaks = 1;
      at = end + 1;
    }
    this.pos = at;
    return text;
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
        out += s.slice(start, at) + this.escape(at, minIndent);
        at = start = this.pos;
      } else if (c === LF) {
        out += s.slice(start, beforeSpaces(s, start, at)) + this.fold(at, minIndent);
        at = start = this.pos;
      } else if (at >= s.length) {
        throw GIVE_UP;
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

  /**
   * The text of the escape at `at` (its backslash); pos goes past it. An escaped line break (as
   * PyYAML folds long text) is nothing, and the next line's indent is skipped; blank lines after
   * it are given up on, as js-yaml drops them and the yaml package keeps them.
   */
  private escape(at: number, minIndent: number): string {
    const s = this.s;
    const c = s.charCodeAt(at + 1);
    if (c === LF) {
      let indent = 0;
      while (s.charCodeAt(at + 2 + indent) === SPACE) indent++;
      const next = s.charCodeAt(at + 2 + indent);
      if (indent < minIndent || next === LF || at + 2 + indent >= s.length) throw GIVE_UP;
      this.pos = at + 2 + indent;
      return '';
    }
    const simple = SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) {
      this.pos = at + 2;
      return simple;
    }
    const digits = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : c === 0x55 /* U */ ? 8 : 0;
    if (digits === 0) throw GIVE_UP; // unknown
    let code = 0;
    for (let i = 2; i < 2 + digits; i++) {
      const h = hexValue(s.charCodeAt(at + i));
      if (h < 0) throw GIVE_UP;
      code = code * 16 + h;
    }
    if (code > 0x10ffff) throw GIVE_UP;
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
    if (indent < minIndent || c === LF || at + indent >= s.length) throw GIVE_UP;
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
        throw GIVE_UP;
      } else {
        at++;
      }
    }
  }
}

