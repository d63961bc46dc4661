import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { guessOutlet, guessOutletPlainly, outletOf, type OutletRule } from '../../src/core/outlet';
import { SHARED } from './sharedArticles';

const BODY = 'The ferry operator said 212 crossings were cancelled on Tuesday.\nUnion leaders called the figure "a gross understatement".\n';

// Every line is made up; the outlets do not exist.
const CASES: [string, string, string | undefined, OutletRule | undefined][] = [
  ['a trailer at the end', `${BODY}For the latest news and weather, head to The Portmere Courier.`, 'The Portmere Courier', 'trailer'],
  ['a trailer without a full stop', `${BODY}For more stories, go to Harbor Gazette`, 'Harbor Gazette', 'trailer'],
  ['a byline with a comma', `By Ana Lind, The Harbor Gazette • 2 March 2026\n${BODY}`, 'The Harbor Gazette', 'byline'],
  ['a byline with "for"', `Bridge closes early\nBy Tomas Ek for Clarion Daily | 4 March\n${BODY}`, 'Clarion Daily', 'byline'],
  ['a byline with bullets around the outlet', `By Ana Lind • Voice of Portmere • 08:15\n${BODY}`, 'Voice of Portmere', 'byline'],
  ['a byline with only a date', `By Ana Lind • 07 March 2026 • 22:41\n${BODY}`, undefined, undefined],
  ['a wire dateline', `PORTMERE (Northwire) — ${BODY}`, 'Northwire', 'dateline'],
  ['a wire dateline with a country', `PORTMERE, Varnia (Northwire) - ${BODY}`, 'Northwire', 'dateline'],
  ['a wire dateline with a date', `PORTMERE, March 3 (Northwire) - ${BODY}`, 'Northwire', 'dateline'],
  ['a wire dateline with a country and a short date', `PORTMERE, Varnia, Feb. 3 (Northwire) — ${BODY}`, 'Northwire', 'dateline'],
  ['a wire dateline from two cities', `PORTMERE/LOWQUAY, Sept 30 (Northwire) — ${BODY}`, 'Northwire', 'dateline'],
  ['a dateline-like line whose number is no date', `PORTMERE, Pier 3 (Northwire) — ${BODY}`, undefined, undefined],
  ['an advertising footer', `${BODY}Advertise with The Evening Lantern and reach engaged readers.`, 'The Evening Lantern', 'footer'],
  ['a copyright footer', `${BODY}© 2026 Harbor Gazette. All rights reserved.`, 'Harbor Gazette', 'footer'],
  ['a social credit', `${BODY}— Lantern News (@LanternNews) March 3, 2026\n${BODY}`, 'Lantern News', 'credit'],
  ['the footer outweighs an embedded credit', `${BODY}Lantern News (@LanternNews)\n${BODY}Advertise with The Evening Lantern today.`, 'The Evening Lantern', 'footer'],
  ['an outlet only cited as a source', `Speaking on Lantern News, the minister said: "We regret it."\n${BODY}`, undefined, undefined],
  ['no furniture at all', BODY, undefined, undefined],
];

for (const [what, text, name, rule] of CASES) {
  test(`outlet guess: ${what}`, () => {
    const guess = guessOutlet(text);
    assert.equal(guess?.name, name, JSON.stringify(guess));
    assert.equal(guess?.rule, rule);
  });
}

test('outlet guess: the byline search from each "By " finds what the whole patterns find, on texts made of their pieces', () => {
  const pieces = ['By ', 'By Ana Lind', 'By contrast', 'by ', 'xBy ', 'ABy Tom', ', ', ' for ', ' of ', ' • ', ' | ', '•', 'The Harbor Gazette', 'Clarion Daily', 'Voice of Portmere', '7 March', '\n', '\r\n', ' ', '\u00a0', '\u2028', '\t', 'PORTMERE', ', March 3', ', Feb. 3', '/', ' (Northwire) — ', 'head to ', '.', 'Lantern News (@LanternNews)', '© 2026 Clarion', 'x'.repeat(70)];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
    const text = parts.join('');
    assert.deepEqual(guessOutlet(text), guessOutletPlainly(text));
  }), { numRuns: 3000 });
});

test('outletOf: the field wins, then a guess marked as guessed, then the file name', () => {
  const text = `${BODY}head to The Portmere Courier.`;
  assert.deepEqual(outletOf({ outlet: 'Courier' }, text, 'a.txt'), { name: 'Courier', guessed: false, source: 'field' });
  assert.deepEqual(outletOf({}, text, 'a.txt'), { name: 'The Portmere Courier', guessed: true, source: 'text', evidence: 'head to The Portmere Courier.' });
  assert.deepEqual(outletOf({}, BODY, 'a.txt'), { name: 'a.txt', guessed: false, source: 'file' });
  assert.deepEqual(outletOf({}, undefined, 'a.txt'), { name: 'a.txt', guessed: false, source: 'file' });
});


// What the guess makes of five real articles: two sign off with their outlet, three do not (one
// byline carries only a date, and the Sky News they cite is their source, not their publisher).
test('outlet guesses for the shared articles', (t) => {
  if (!existsSync(SHARED)) {
    console.log(`skipped: ${SHARED} is absent`);
    t.skip(`${SHARED} is absent`);
    return;
  }
  const expected: Record<string, string | undefined> = {
    '000_40e8320b39063014.txt': 'The Western Journal',
    '001_0b324aadc81580d8.txt': undefined,
    '002_0547a54abde40d91.txt': undefined,
    '003_08ebb17490acb4fd.txt': undefined,
    '004_ae173d8b20e40bc0.txt': 'The Hill',
  };
  const files = readdirSync(SHARED).filter((f) => f in expected);
  assert.equal(files.length, 5);
  for (const file of files) assert.equal(guessOutlet(readFileSync(join(SHARED, file), 'utf8'))?.name, expected[file], file);
});
