// Compare Outlets as data and as a page: the figure table lays the ledger out as counted things ×
// outlets with the mismatch found in words; the page escapes article text, loads only its own
// nonce'd script, and gives every cell a label and every figure and quote the tag it reveals.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compareOutlets, type CompareArticle } from '../../src/core/compare/comparison';
import { compareBody, comparePage } from '../../src/core/compare/page';
import type { CategoryId } from '../../src/core/codebook';
import { countWords } from '../../src/core/review/stats';
import { tagOn } from './cliCorpus';

let next = 0;
function article(outlet: string, text: string, tags: readonly [string, CategoryId][], guessed = false): CompareArticle {
  const slug = outlet.toLowerCase().replace(/\W+/g, '-');
  return {
    article: `file:///corpus/${slug}.txt`,
    label: `${slug}.txt`,
    outlet: { name: outlet, guessed, source: guessed ? 'text' : 'field' },
    text,
    tags: tags.map(([phrase, category]) => tagOn(text, phrase, category, (next++).toString(16).padStart(8, '0'))),
    words: countWords(text),
  };
}

const CORPUS = [
  article('Northshore Post', 'Mayor Ilse Varn said on June 3 that 3,835 residents were evacuated. “We have opened every shelter in the district,” she said.', [
    ['3,835 residents', 'figure'],
    ['We have opened every shelter in the district', 'claim'],
  ]),
  article('Valley Courier', 'On June 3 Mayor Ilse Varn said 3,825 residents had been evacuated. “We have opened every single shelter in the district,” she said.', [
    ['3,825 residents', 'figure'],
    ['We have opened every single shelter in the district', 'claim'],
  ]),
  article('Ridge Herald <b>', 'Mayor Ilse Varn said 3,835 residents were evacuated on June 3. “We have opened every shelter in the district,” she said, a <script>alert(1)</script> claim.', [
    ['3,835 residents', 'figure'],
    ['We have opened every shelter in the district', 'claim'],
    ['<script>alert(1)</script>', 'framing'],
  ], true),
];

describe('compare outlets', () => {
  it('lays the ledger out as counted things × outlets, with the mismatch and both values in words', () => {
    const c = compareOutlets(CORPUS);
    assert.deepEqual(c.outlets.map((o) => [o.name, o.guessed]), [['Northshore Post', false], ['Ridge Herald <b>', true], ['Valley Courier', false]]);
    assert.equal(c.mismatches, 1);
    const row = c.figures.find((r) => r.counted === 'residents evacuated');
    assert.ok(row, c.figures.map((r) => r.counted).join(', '));
    assert.equal(row.kind, 'mismatch');
    assert.deepEqual(row.cells.map((cell) => cell.map((e) => [e.amount, e.kind])), [[['3,835', 'mismatch']], [['3,835', 'mismatch']], [['3,825', 'mismatch']]]);
    assert.equal(row.finding, 'Mismatch: 3,835 (Northshore Post, Ridge Herald <b>) vs 3,825 (Valley Courier)');
  });

  it('aligns the quote and profiles each outlet per 1,000 words', () => {
    const c = compareOutlets(CORPUS);
    assert.equal(c.clusters.length, 1);
    assert.deepEqual(c.clusters[0]!.members.map((m) => [m.outlet, m.verdict]).sort(), [['Northshore Post', 'identical'], ['Ridge Herald <b>', 'identical'], ['Valley Courier', 'altered']]);
    const ridge = c.profiles.find((p) => p.outlet === 'Ridge Herald <b>');
    assert.ok(ridge);
    assert.equal(ridge.tags, 3);
    assert.equal(ridge.categories.framing.share, 1 / 3);
    assert.equal(ridge.perThousandWords, (3 * 1000) / CORPUS[2]!.words);
  });

  it('a page with a strict CSP, its own script under the nonce, and article text escaped', () => {
    const nonce = 'abcdefghijklmnopqrstuvwx';
    const html = comparePage(compareOutlets(CORPUS), { cspSource: 'https://webview.test', nonce, styleUri: 'https://webview.test/compare.css', scriptUri: 'https://webview.test/grid.js' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; style-src https://webview.test 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src https://webview.test`);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="https://webview.test/grid.js">`]);
    assert.ok(!html.includes('<script>alert'), 'the article’s markup is text');
    assert.ok(!html.includes('Herald <b>'), 'the outlet name is text');
    assert.match(html, /Ridge Herald &#60;b&#62;/);
    assert.throws(() => comparePage(compareOutlets(CORPUS), { cspSource: 'x; script-src *', nonce, styleUri: '', scriptUri: '' }), /unexpected webview CSP/);
  });

  it('a page with an empty polite live region and the summary line grid.js announces into it after a redraw', () => {
    const html = comparePage(compareOutlets(CORPUS), { cspSource: 'https://webview.test', nonce: 'abcdefghijklmnopqrstuvwx', styleUri: 'https://webview.test/compare.css', scriptUri: 'https://webview.test/grid.js' });
    assert.match(html, /<body>\n<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"><\/div>/);
    assert.match(html, /<p class="summary" id="summary">\d+ tagged articles? · /);
  });

  it('every table is a grid whose stops have a label, and figures and quotes name the tag they reveal', () => {
    const c = compareOutlets(CORPUS);
    const body = compareBody(c);
    assert.equal((body.match(/role="grid"/g) ?? []).length, 3, 'figures, one quote cluster, profile');
    const stops = [...body.matchAll(/<(\w+) [^>]*data-nav tabindex="-1"([^>]*)>(.*?)<\/\1>/g)];
    assert.ok(stops.length > 20);
    // A screen reader reads a label, else the words of the cell.
    for (const [whole, , attrs, inner] of stops) assert.ok(/aria-label="[^"]+"/.test(attrs!) || inner!.replace(/<[^>]*>/g, '').trim().length > 0, whole);
    const revealing = stops.map((s) => /data-article="([^"]*)" data-id="([^"]*)"/.exec(s[2]!)).filter((m) => m !== null);
    const ids = new Set(CORPUS.flatMap((a) => a.tags.filter((t) => t.category !== 'framing').map((t) => `${a.article} ${t.id}`)));
    assert.deepEqual(new Set(revealing.map((m) => `${m[1]} ${m[2]}`)), ids);
    const words = (html: string): string => html.replace(/<[^>]*>/g, '');
    const mismatched = stops.filter((s) => s[0].includes('class="fig k-mismatch"')).map((s) => words(s[3]!));
    assert.deepEqual(mismatched.sort(), [
      '≠ 3,825Mayor Ilse Varn · June 3, mismatch, in valley-courier.txt',
      '≠ 3,835Mayor Ilse Varn · June 3, mismatch, in northshore-post.txt',
      '≠ 3,835Mayor Ilse Varn · June 3, mismatch, in ridge-herald-b-.txt',
    ]);
    assert.match(body, /<ins><span class="sr-only">added: <\/span>single<\/ins>/);
  });

  it('says what to do when nothing is tagged yet', () => {
    const body = compareBody(compareOutlets([]));
    assert.match(body, /No figure tags yet/);
    assert.match(body, /No quote is printed by more than one article yet/);
    assert.match(body, /0 figure mismatches/);
  });
});
