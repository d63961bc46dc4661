/**
 * Words of a quote as outlets differ in printing them: case, punctuation, straight or curly
 * apostrophes and quotation marks, Unicode compatibility forms. Two printings of one sentence
 * give the same normal words even when one says ‘it’s’ and the other "It's".
 */

/** A word is letters, digits and marks, joined by apostrophes or hyphens, or by , or . between digits (3,835; 2.5). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’‘\-‐]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

export interface QuoteWords {
  /** The words as printed, without the punctuation around them. */
  readonly surface: string[];
  /** The same words compared: NFKC, lower case, one apostrophe and one hyphen. */
  readonly normal: string[];
}

export function quoteWords(text: string): QuoteWords {
  const surface = text.match(WORD) ?? [];
  return { surface, normal: surface.map(normalWord) };
}

export function normalWord(word: string): string {
  return word.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/‐/g, '-');
}
