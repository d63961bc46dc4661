// countWords scans code units with a table; the Unicode regex it replaced is kept here as the oracle.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countWords } from '../../src/core/review/stats';
import { SHARED } from './sharedArticles';

/** The counter as it was: a word is a run of letters or numbers, joined by ’ ' - . , */
function countWordsByRegex(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Letters and numbers of many scripts and planes, joiners, marks, spaces, emoji and broken surrogates. */
const PIECES = [
  'a', 'Z', 'é', 'e\u0301', 'ß', 'Ω', 'ж', 'א', 'ع', '漢', 'か', '한', 'ก', 'क', '\u0966', '٣', '0', '7', '½', '²', 'Ⅻ', '𝐀', '𠀀', '𐐷', '🙂', '👍🏽',
  '’', "'", '-', '.', ',', '‘', '–', '—', '_', '/', ':', ' ', '\u00a0', '\u2009', '\n', '\r\n', '\t', '“', '”', '(', ')', '…', '\u200b', '\ufeff',
  '\ud800', '\udc00', '\ud835', '\udc00\ud800',
];

describe('countWords', () => {
  it('counts as the Unicode regex did on any text (property)', () => {
    const text = fc.string({ unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }), maxLength: 60 });
    fc.assert(fc.property(text, (t) => assert.equal(countWords(t), countWordsByRegex(t), JSON.stringify(t))), { numRuns: 5000 });
  });

  it('counts as the Unicode regex did on every BMP code unit and on astral letters, numbers and symbols', () => {
    let all = '';
    for (let unit = 0; unit < 0x10000; unit++) all += String.fromCharCode(unit) + ' a' + String.fromCharCode(unit) + '-' + String.fromCharCode(unit) + ' ';
    assert.equal(countWords(all), countWordsByRegex(all));
    const astral = [0x1d400, 0x1d7ce, 0x20000, 0x10437, 0x1f642, 0x1f3fd, 0xe0001, 0x10ffff, 0x1e900, 0x16e80].map((p) => String.fromCodePoint(p));
    const mixed = astral.flatMap((a) => [a, `x’${a}`, `${a}-${a}`, `${a}.`, ` ${a}${a} `]).join(' ');
    assert.equal(countWords(mixed), countWordsByRegex(mixed));
  });

  it('counts the shared articles as the Unicode regex did', (t) => {
    if (!existsSync(SHARED)) {
      console.log(`wordCount: skipped the shared-articles test: ${SHARED} is absent`);
      t.skip(`${SHARED} is absent`);
      return;
    }
    const names = readdirSync(SHARED).filter((name) => name.endsWith('.txt'));
    assert.ok(names.length > 0);
    for (const name of names) {
      const text = readFileSync(join(SHARED, name), 'utf8');
      assert.equal(countWords(text), countWordsByRegex(text), name);
    }
  });
});
