import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { detailProblem } from '../../src/core/details';
import { bylineName } from '../../src/core/ingest/extract';
import { extractArticle, type PageMeta } from '../../src/core/ingest/index';
import { isoDate } from '../../src/core/ingest/metadata';

const STORY = '<p>The river board said on Monday that the flood barrier at Kessel Bridge would stay closed until the inspection report is published, and that residents would be told first.</p><p>A spokesperson said the board expected to publish it within a fortnight.</p>';

function metaOf(head: string, body = `<article><h1>Barrier stays shut</h1>${STORY}</article>`): PageMeta {
  const result = extractArticle(new TextEncoder().encode(`<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`), { maxBytes: 1 << 20 });
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.meta;
}

describe('the page details', () => {
  it('JSON-LD escaped as HTML by its template is read as text; several authors are joined', () => {
    const ld = { '@type': ['NewsArticle'], headline: 'Council&#8217;s barrier vote &amp; what it means', author: [{ name: 'Ann Lee' }, { name: 'Dev Okafor' }, 'Lina Shaw'], publisher: [{ name: 'The Kessel &amp; District Post' }], datePublished: '2026-03-25' };
    assert.deepEqual(metaOf(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`), {
      outlet: 'The Kessel & District Post',
      published: '2026-03-25',
      headline: 'Council’s barrier vote & what it means',
      byline: 'Ann Lee, Dev Okafor and Lina Shaw',
    });
  });

  it('a broken JSON-LD block is skipped for the next one; JSON-LD outranks Open Graph field by field', () => {
    const meta = metaOf('<script type="application/ld+json">{ "@type": "NewsArticle", </script>'
      + '<script type="application/ld+json">{"@type":"Article","headline":"From JSON-LD"}</script>'
      + '<meta property="og:title" content="From Open Graph"><meta property="og:site_name" content="The Post"><meta property="article:published_time" content="2026-03-25T08:30:00.000Z">');
    assert.deepEqual(meta, { outlet: 'The Post', published: '2026-03-25T08:30:00.000Z', headline: 'From JSON-LD' });
  });

  it('the article’s own <time>, not the header clock; a relative canonical link resolved against og:url', () => {
    const meta = metaOf('<link rel="canonical" href="/news/barrier"><meta property="og:url" content="https://post.example/amp/barrier">',
      `<header><time datetime="2026-04-01T06:00">Today</time></header><article><h1>Barrier stays shut</h1><time datetime="2026-03-25">25 March</time>${STORY}</article>`);
    assert.equal(meta.published, '2026-03-25');
    assert.equal(meta.url, 'https://post.example/amp/barrier');
    const relative = metaOf('<link rel="canonical" href="/news/barrier">');
    assert.equal(relative.url, undefined, 'a relative address with nothing to resolve it against is left out');
  });

  it('a date that cannot be read is left out with a warning, never guessed', () => {
    const result = extractArticle(new TextEncoder().encode(`<html><head><meta property="article:published_time" content="last Thursday"></head><body><article><h1>Barrier</h1>${STORY}</article></body></html>`), { maxBytes: 1 << 20 });
    assert.ok(result.ok);
    assert.equal(result.meta.published, undefined);
    assert.deepEqual(result.warnings, ['The page\'s date "last Thursday" is not a date Newsmark can read; it was left out.']);
  });

  it('dates as pages write them become the ISO forms the sidecar accepts', () => {
    const cases: [string, string | undefined][] = [
      ['2026-03-25', '2026-03-25'],
      ['2026-03-25T08:30:00+0100', '2026-03-25T08:30:00+01:00'],
      ['2026-03-25 08:30:00', '2026-03-25T08:30:00'],
      ['2026-03-25T08:30:00.123z', '2026-03-25T08:30:00.123Z'],
      ['Wed, 25 Mar 2026 08:30:00 GMT', '2026-03-25T08:30:00Z'],
      ['Wed, 25 Mar 2026 09:30:00 +0100', '2026-03-25T08:30:00Z'],
      ['2026-02-30', undefined],
      ['25/03/2026', undefined],
      ['', undefined],
    ];
    for (const [page, iso] of cases) {
      assert.equal(isoDate(page), iso, page);
      if (iso !== undefined) assert.equal(detailProblem('published', iso), undefined);
    }
  });

  it('a byline fused with its date and time gives the name alone', () => {
    assert.equal(bylineName('By Peter Lindqvist • 07 April 2026 • 22:41'), 'Peter Lindqvist');
    assert.equal(bylineName('by Ann Lee | Updated 9:00'), 'Ann Lee');
    assert.equal(bylineName('By Ann Lee, 7 April 2026'), 'Ann Lee');
    assert.equal(bylineName('Ann Lee April 7, 2026'), 'Ann Lee');
    assert.equal(bylineName('Ann Lee and Dev Okafor'), 'Ann Lee and Dev Okafor');
  });
});
