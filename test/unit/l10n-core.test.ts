// Core's pages and messages in German: with the German bundle configured, the Compare Outlets
// page, the Agreement Report page, the spoken tag row and a suggestion's reason are German, with
// no English heading left; reset, they are English again (the other tests assert the English).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as l10n from '@vscode/l10n';
import { compareArticles, type Span } from '../../src/core/agreement';
import { agreementPage } from '../../src/core/agreement/reportPage';
import { categoryOf } from '../../src/core/codebook';
import { messagesVersion } from '../../src/core/cache/files';
import { compareOutlets, type CompareArticle } from '../../src/core/compare/comparison';
import { comparePage } from '../../src/core/compare/page';
import { renderReport } from '../../src/core/export/html';
import type { CategoryId } from '../../src/core/codebook';
import { spokenTag } from '../../src/core/review/spokenTag';
import { reasonText, suggestTags } from '../../src/core/suggest';
import { countWords } from '../../src/core/review/stats';
import { tagOn } from './cliCorpus';

const ROOT = join(import.meta.dirname, '..', '..');
const GERMAN = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const ENGLISH = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;

let next = 0;
function article(outlet: string, text: string, tags: readonly [string, CategoryId][]): CompareArticle {
  const slug = outlet.toLowerCase().replace(/\W+/g, '-');
  return {
    article: `file:///corpus/${slug}.txt`,
    label: `${slug}.txt`,
    outlet: { name: outlet, guessed: false, source: 'field' },
    text,
    tags: tags.map(([phrase, category]) => tagOn(text, phrase, category, (0xa000 + next++).toString(16).padStart(8, '0'))),
    words: countWords(text),
  };
}

/** Two fictional outlets that print different numbers and the same quote, one word changed. */
const CORPUS = [
  article('Harbor Gazette', 'Ferry chief Oda Lind said 412 passengers were stranded. “Every boat will sail by noon,” she said.', [
    ['412 passengers', 'figure'],
    ['Every boat will sail by noon', 'claim'],
  ]),
  article('Lakeside Ledger', 'Ferry chief Oda Lind said 421 passengers were stranded. “Every single boat will sail by noon,” she said.', [
    ['421 passengers', 'figure'],
    ['Every single boat will sail by noon', 'claim'],
  ]),
];
const COMPARE_SOURCES = { cspSource: 'https://webview.test', nonce: 'abcdefghijklmnopqrstuvwx', styleUri: 'https://webview.test/compare.css', scriptUri: 'https://webview.test/grid.js' };

const span = (category: string, start: number, end: number): Span => ({ category, start, end, text: `${category}@${start}` });
const AGREEMENT_VIEW = {
  report: compareArticles([{ article: 'ferry.txt', length: 80, a: [span('claim', 0, 10), span('figure', 20, 25)], b: [span('claim', 0, 10), span('denial', 40, 50)] }]),
  a: '/sets/ana',
  b: '/sets/ben',
  by: 'set' as const,
  onlyInA: ['lonely.txt'],
  onlyInB: [],
  reattached: [],
  orphansLeftOut: 1,
};
const AGREEMENT_SOURCES = { cspSource: 'https://webview.test', nonce: 'abcdefghijklmnopqrstuvwx', styleUris: ['https://webview.test/compare.css'], scriptUri: 'https://webview.test/grid.js' };

/** Every suggestion's reason on the bundled fictional samples and a few sentences that set off the other rules. */
const REASONS = [...new Set([
  ...readdirSync(join(ROOT, 'samples')).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(join(ROOT, 'samples', n), 'utf8').replace(/\r\n/g, '\n')),
  'The ministry said 2,417 people were evacuated. Between 4,000 and 6,000 homes lost power; turnout reached 61 percent and the port lost $2bn.',
  'The governor flatly denied that the convoy had been stopped. Her office issued a denial of the report. “That is simply not true,” the spokesman said.',
  'The regime mouthpiece praised the stunning, extraordinarily brave rescue. It was a ‘cleanup’ of the harbour. SHAMEFUL! According to the mayor, the pier will reopen.',
].flatMap((text) => suggestTags(text).map((s) => s.reason)))];

/** The visible text of a page: tags and the script's empty live region left out. */
const visible = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('core in German (l10n/bundle.l10n.de.json)', () => {
  before(() => l10n.config({ contents: GERMAN }));
  after(() => l10n.config({ contents: {} }));

  it('the Compare Outlets page: German headings, tabs, summary and finding, and lang="de"', () => {
    const html = comparePage(compareOutlets(CORPUS), COMPARE_SOURCES);
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<title>Medien vergleichen<\/title>/);
    assert.match(html, /<h1>Medien vergleichen<\/h1>/);
    assert.match(html, />Zahlenangaben <span class="badge k-mismatch">1 Abweichung<\/span><\/button>/);
    assert.match(html, />Zitate </);
    assert.match(html, />Profil<\/button>/);
    assert.match(html, /2 getaggte Artikel · 2 Medien · 1 Abweichung bei Zahlenangaben · 1 gemeinsames Zitat \(1 verändert\)/);
    assert.match(html, /<span class="flag k-mismatch">Abweichung<\/span> 412 \(Harbor Gazette\) gegenüber 421 \(Lakeside Ledger\)/);
    assert.match(html, /<th scope="col">Gezählt<\/th><th scope="col">Befund<\/th>/);
    assert.match(html, /Pfeiltasten wechseln zwischen Zellen/);
    assert.match(html, />Behauptung</, 'the profile names the categories in German');
    const text = visible(html);
    for (const english of ['Compare outlets', 'Figures', 'Quotes', 'Profile', 'tagged article', 'mismatch', 'Counted', 'Finding', 'Arrow keys', 'Outlet', 'Verdict', 'Tags per 1,000 words', 'Claim']) {
      assert.ok(!text.includes(english), `no English "${english}" left on the page`);
    }
  });

  it('the Agreement Report page: German headings, summary, table heads and notes', () => {
    const html = agreementPage(AGREEMENT_VIEW, AGREEMENT_SOURCES);
    assert.match(html, /<h1>Übereinstimmungsbericht<\/h1>/);
    assert.match(html, /<h2 id="categories-title">Nach Kategorie<\/h2>/);
    assert.match(html, /<h2 id="articles-title">Artikel, größte Abweichung zuerst<\/h2>/);
    assert.match(html, /1 Artikel verglichen · \d+ Unterschiede?/);
    assert.match(html, /<th scope="col">Kategorie<\/th>/);
    assert.match(html, /title="Gleiche Kategorie, gleicher Anfang und gleiches Ende">F1 exakt<\/th>/);
    assert.match(html, /Nicht verglichen, nur in A: lonely\.txt/);
    assert.match(html, /1 verwaistes Tag \(ohne Stelle im Text\) ausgelassen/);
    assert.match(html, />Behauptung</);
    assert.match(html, />Gesamt</);
    const text = visible(html);
    for (const english of ['Agreement report', 'By category', 'Articles, most disagreement first', 'compared', 'Exact F1', 'Overall', 'Not compared', 'left out']) {
      assert.ok(!text.includes(english), `no English "${english}" left on the page`);
    }
  });

  it('the spoken tag row and the category names', () => {
    const tag = { ...tagOn('Nobody was stranded, the ferry chief said.', 'Nobody was stranded', 'denial', 'b0000001'), review: 'confirmed' as const, reviewer: 'Ana Petrov' };
    assert.equal(spokenTag(tag, 'ferry.txt'), 'Dementi in ferry.txt, 0–19: Nobody was stranded. Verankert; bestätigt von Ana Petrov.');
    assert.equal(categoryOf('framing').label, 'Redaktionelles Framing');
  });

  it('the HTML report: German headings and summary, the data attributes as they were', () => {
    const [first] = CORPUS;
    const html = renderReport([{ name: first!.label, uri: first!.article, text: first!.text, tags: first!.tags }]);
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<h1>Newsmark-Bericht<\/h1>/);
    assert.match(html, /1 Artikel, 2 Tags\. Zeigen Sie auf eine Hervorhebung/);
    assert.match(html, /<th>Kategorie<\/th><th>Text<\/th><th>Notiz<\/th><th>Prüfung<\/th>/);
    assert.match(html, /<td class="review none">ungeprüft<\/td>/);
    assert.match(html, /data-tag="0000a000"/);
  });

  it('a suggestion\'s reason: English as data, German when said to a person', () => {
    assert.ok(REASONS.length >= 10, REASONS.join('; '));
    for (const reason of REASONS) {
      const german = reasonText(reason);
      assert.notEqual(german, reason, `a German reason for "${reason}"`);
      assert.ok(!german.includes('”'), `German quotation marks in "${german}"`);
    }
    assert.equal(reasonText('denial verb “denied” and its clause'), 'Dementi-Verb „denied“ und sein Satzteil');
    assert.equal(reasonText('number qualified by “nearly” with the counted noun'), 'Zahl, eingeschränkt durch „nearly“, mit dem gezählten Substantiv');
  });

  it('a cache written in German is not read as an English one', () => {
    assert.equal(messagesVersion('0.1.0'), '0.1.0 (de)');
  });

  it('every German message keeps the English one\'s placeholders', () => {
    const placeholders = (s: string): string => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join(',');
    for (const [english, german] of Object.entries(GERMAN)) {
      if (english in ENGLISH) assert.equal(placeholders(german), placeholders(english), english);
    }
  });
});

describe('core in English again once the bundle is reset', () => {
  it('reads the English messages', () => {
    l10n.config({ contents: {} });
    assert.equal(categoryOf('framing').label, 'Editorial framing');
    assert.equal(messagesVersion('0.1.0'), '0.1.0');
    for (const reason of REASONS) assert.equal(reasonText(reason), reason);
    assert.match(comparePage(compareOutlets(CORPUS), COMPARE_SOURCES), /<html lang="en">[\s\S]*<h1>Compare outlets<\/h1>/);
  });
});
