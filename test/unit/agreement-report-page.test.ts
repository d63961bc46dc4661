import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compareArticles, type ArticlePair, type Span } from '../../src/core/agreement';
import { agreementBody, agreementPage, formatFigure, heatList, type AgreementView } from '../../src/core/agreement/reportPage';

const span = (category: string, start: number, end: number, text = `${category}@${start}`): Span => ({ category, start, end, text });

/** Three articles: one coded identically, one with every kind of difference, one nobody tagged. */
const PAIRS: ArticlePair[] = [
  { article: 'same.txt', length: 50, a: [span('claim', 0, 10)], b: [span('claim', 0, 10)] },
  {
    article: 'dir/<b>odd</b> & "quoted".txt',
    length: 100,
    a: [span('claim', 0, 10), span('claim', 20, 30), span('denial', 40, 50, '<script>alert(1)</script>'), span('figure', 60, 65)],
    b: [span('claim', 0, 10), span('claim', 22, 30), span('framing', 40, 50), span('figure', 80, 85)],
  },
  { article: 'empty.txt', length: 30, a: [], b: [] },
];
const REPORT = compareArticles(PAIRS);
const VIEW: AgreementView = { report: REPORT, a: '/sets/ana <i>', b: '/sets/ben', by: 'set', onlyInA: ['lonely.txt'], onlyInB: [], reattached: [], orphansLeftOut: 2 };
const NONCE = 'abcdefghijklmnopqrstuvwx';
const SOURCES = { cspSource: 'https://webview.test', nonce: NONCE, styleUris: ['https://webview.test/compare.css', 'https://webview.test/agreement.css'], scriptUri: 'https://webview.test/grid.js' };

/** The text of each cell of the grid with `title`, row by row (tags stripped, entities decoded). */
function grid(html: string, title: string): string[][] {
  const table = new RegExp(`<table role="grid"[^>]*aria-labelledby="${title}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  assert.ok(table, `a grid labelled by ${title}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!.replace(/<span class="sr-only">[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '')).trim()));
}
const decode = (s: string): string => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

describe('Agreement Report page', () => {
  it('has a strict CSP, only our own script under the nonce, our style sheets, and refuses an odd CSP source or nonce', () => {
    const html = agreementPage(VIEW, SOURCES);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; style-src https://webview.test 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src https://webview.test`);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${NONCE}" src="https://webview.test/grid.js">`]);
    assert.equal((html.match(/<link rel="stylesheet" nonce="abcdefghijklmnopqrstuvwx"/g) ?? []).length, 2);
    assert.ok(!/\sstyle=|<style/.test(html), 'no inline style: the CSP would refuse it');
    assert.throws(() => agreementPage(VIEW, { ...SOURCES, cspSource: "x; script-src 'unsafe-inline'" }), /unexpected webview CSP/);
    assert.throws(() => agreementPage(VIEW, { ...SOURCES, nonce: 'short' }), /unexpected webview CSP/);
  });

  it('escapes paths and names: markup in them is text', () => {
    const html = agreementBody(VIEW);
    assert.ok(!html.includes('<b>odd'), 'the article path is text');
    assert.ok(!html.includes('ana <i>'), 'the set name is text');
    assert.ok(!html.includes('<script>'), 'no span text reaches the page as markup');
    assert.match(html, /dir\/&#60;b&#62;odd&#60;\/b&#62; &#38; &#34;quoted&#34;\.txt/);
    assert.match(html, /data-article="dir\/&#60;b&#62;odd&#60;\/b&#62; &#38; &#34;quoted&#34;\.txt"/);
  });

  it('shows per category and overall exactly the figures of the report, three decimals, null as "–"', () => {
    const rows = grid(agreementBody(VIEW), 'categories-title');
    const expected = [...Object.entries(REPORT.categories), ['overall', REPORT.overall] as const].map(([, f]) => [formatFigure(f.exactF1), formatFigure(f.overlapF1), formatFigure(f.kappa), formatFigure(f.alpha), String(f.a), String(f.b), String(f.matched)]);
    assert.deepEqual(rows.map((r) => r.slice(1)), expected);
    assert.deepEqual(rows.map((r) => r[0]), ['Claim', 'Denial', 'Figure', 'Editorial framing', 'Overall']);
    // Hand-checked: claims over the corpus, 3 per side, 2 matched exactly → exact F1 = 2·2/(3+3); all overlap → 1.
    assert.deepEqual(rows[0]!.slice(1, 3), ['0.667', '1.000']);
    // Denial: A has one span, B none → F1 0.
    assert.equal(rows[1]![1], '0.000');
  });

  it('formats figures like the CLI, and an undefined one as "–" with words for screen readers', () => {
    assert.equal(formatFigure(null), '–');
    assert.equal(formatFigure(1), '1.000');
    assert.equal(formatFigure(2 / 3), '0.667');
    const body = agreementBody(VIEW);
    const empty = grid(body, 'articles-title').find((r) => r[0] === 'empty.txt');
    assert.deepEqual(empty, ['empty.txt', '–', '0', '–', '–', '–', '–', '0', '0', '0']);
    assert.match(body, /aria-label="empty\.txt, Exact F1: not defined"/);
  });

  it('lists articles most disagreement first, with their numbers, bars and a differences action', () => {
    const heat = heatList(REPORT);
    assert.deepEqual(heat.map((h) => h.article), ['dir/<b>odd</b> & "quoted".txt', 'same.txt', 'empty.txt']);
    const odd = REPORT.articles.find((a) => a.article.startsWith('dir/'))!;
    assert.equal(heat[0]!.disagreement, 1 - odd.overall.exactF1!);
    assert.equal(heat[0]!.differences, REPORT.disagreements.filter((d) => d.article === odd.article).length);
    const rows = grid(agreementBody(VIEW), 'articles-title');
    assert.deepEqual(rows[0]!.slice(1, 4), [formatFigure(heat[0]!.disagreement), String(heat[0]!.differences), formatFigure(odd.overall.exactF1)]);
    assert.deepEqual(rows[1]!.slice(1, 3), ['0.000', '0']);
    const body = agreementBody(VIEW);
    assert.equal((body.match(/data-action="differences"/g) ?? []).length, 3);
    // 1 of 4 spans matched each side: disagreement 1 − 0.25 = 0.75, the top step.
    assert.match(body, /<tr class="h4"><th scope="row"><button type="button" class="article"/);
    assert.match(body, new RegExp(`<rect class="fill" width="${Math.round(heat[0]!.disagreement * 100)}" height="10"/>`));
  });

  it('says what was left out, and says so when nothing was compared', () => {
    const body = agreementBody(VIEW);
    assert.match(body, /Not compared, only in A: lonely\.txt/);
    assert.match(body, /2 orphaned tags \(no place in the text\) left out/);
    const none = agreementBody({ ...VIEW, report: compareArticles([]) });
    assert.match(none, /No article was compared/);
    assert.match(none, /0 articles compared · 0 differences/);
  });
});

describe('Agreement Report page: sub-labels', () => {
  it('adds a By sub-label grid with the per-sub-label figures when some tags carry one, and none otherwise', async () => {
    const { subLabelPairs } = await import('../../src/core/agreement');
    const labelled: ArticlePair[] = [{ article: 'a.txt', length: 50, a: [{ ...span('framing', 0, 10), label: 'Loaded_Language' }], b: [{ ...span('framing', 0, 10), label: 'Doubt' }] }];
    const sub = subLabelPairs(labelled);
    const view: AgreementView = { ...VIEW, report: compareArticles(labelled), bySubLabel: compareArticles(sub.pairs, { categories: sub.categories }) };
    const rows = grid(agreementBody(view), 'sublabels-title');
    assert.deepEqual(rows.map((r) => [r[0], r[5], r[6], r[7]]), [['Editorial framing › Doubt', '0', '1', '0'], ['Editorial framing › Loaded_Language', '1', '0', '0']]);
    assert.ok(!agreementBody(VIEW).includes('sublabels-title'));
  });
});
