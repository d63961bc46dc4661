/** The tokenizer: words, numbers and single punctuation marks, with UTF-16 offsets. */

export const WORD = 0;
export const NUM = 1;
export const PUNCT = 2;
export type TokenKind = typeof WORD | typeof NUM | typeof PUNCT;

export interface Token {
  readonly s: number;
  readonly e: number;
  readonly kind: TokenKind;
  /** Lower-cased, ’ folded to ' (words); the text itself (numbers, punctuation). */
  readonly low: string;
}


const OTHER = 0;
const LETTER = 1;
const MARK = 2;
const NUMBER = 3;
const SPACE = 4;
const classes = new Map<number, number>();
// Module constants: a bundler may turn a \p{…} literal into `new RegExp` at every evaluation.
const IS_LETTER = /\p{L}/u;
const IS_MARK = /\p{M}/u;
const IS_NUMBER = /\p{N}/u;

/** Letter, mark, number, space or other, for a code point (non-ASCII answers are cached). */
function classOf(cp: number): number {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return LETTER;
    if (cp >= 48 && cp <= 57) return NUMBER;
    return cp === 32 || (cp >= 9 && cp <= 13) ? SPACE : OTHER;
  }
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = IS_LETTER.test(ch) ? LETTER : IS_MARK.test(ch) ? MARK : IS_NUMBER.test(ch) ? NUMBER : /\s/.test(ch) ? SPACE : OTHER;
    classes.set(cp, c);
  }
  return c;
}

const classAt = (text: string, i: number): number => (i < text.length ? classOf(text.codePointAt(i) as number) : OTHER);
const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** End of a run of letters, marks (when `marks`) and numbers from i. */
function alnumRun(text: string, i: number, marks: boolean): number {
  for (;;) {
    const a = text.charCodeAt(i);
    if ((a >= 97 && a <= 122) || (a >= 65 && a <= 90) || (a >= 48 && a <= 57)) {
      i++;
      continue;
    }
    if (a < 128 || i >= text.length) return i;
    const c = classAt(text, i);
    if (c !== LETTER && c !== NUMBER && !(marks && c === MARK)) return i;
    i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
  }
}

/** Lower-cased ASCII words seen before, by hash: a text repeats its vocabulary, so most words need no new string. */
const interned = new Map<number, string>();

/** The word text[s, e) lower-cased, ’ folded to '. */
function lowerWord(text: string, s: number, e: number): string {
  let hash = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) {
      const low = text.slice(s, e).toLowerCase();
      return low.includes('’') ? low.replace(/’/g, "'") : low;
    }
    if (c >= 65 && c <= 90) c += 32;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  const known = interned.get(hash);
  if (known !== undefined && known.length === e - s) {
    let same = true;
    for (let i = 0; i < known.length && same; i++) same = known.charCodeAt(i) === (text.charCodeAt(s + i) | (isUpper(text, s + i) ? 32 : 0));
    if (same) return known;
  }
  const low = text.slice(s, e).toLowerCase();
  if (interned.size > 200_000) interned.clear();
  interned.set(hash, low);
  return low;
}

const isUpper = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
};

/**
 * Tokens: numbers (digits, with inner . , : / and an attached suffix: 2bn, 7th, 1990s), words
 * (letters, marks and digits, with n't/’s-style endings and hyphenated parts), or one
 * non-space character. A hand-written scanner: a regex with capture groups allocates too much.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const c = classOf(cp);
    const s = i;
    if (c === SPACE) {
      i += width;
    } else if (cp >= 48 && cp <= 57) {
      i++;
      for (;;) {
        while (isDigitAt(text, i)) i++;
        const sep = text.charCodeAt(i);
        if ((sep === 46 || sep === 44 || sep === 58 || sep === 47) && isDigitAt(text, i + 1)) i++;
        else break;
      }
      i = alnumRun(text, i, false);
      tokens.push({ s, e: i, kind: NUM, low: text.slice(s, i) });
    } else if (c === LETTER) {
      i = alnumRun(text, i + width, true);
      for (;;) {
        const ch = text.charCodeAt(i);
        if (ch === 39 || ch === 0x2019) {
          let j = i + 1;
          while (j - i <= 3 && classAt(text, j) === LETTER) j++;
          const letters = j - i - 1;
          if (letters < 1 || letters > 2 || classAt(text, j) === NUMBER) break;
          i = j;
        } else if (ch === 45 && (classAt(text, i + 1) === LETTER || classAt(text, i + 1) === NUMBER)) {
          i = alnumRun(text, i + 1, true);
        } else break;
      }
      tokens.push({ s, e: i, kind: WORD, low: lowerWord(text, s, i) });
    } else {
      i += width;
      tokens.push({ s, e: i, kind: PUNCT, low: text.slice(s, i) });
    }
  }
  return tokens;
}

/** True when text[i] is a letter. */
export function isLetterAt(text: string, i: number): boolean {
  return classAt(text, i) === LETTER;
}
