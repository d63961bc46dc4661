/**
 * Issue 18: saved web pages ingested. 1,000 generated pages of ~100 KB each, in the shape of a
 * news site's article page (inline scripts and styles, JSON-LD, menus, share bars, an article of
 * ~8 KB, related lists, a comment section), each turned into its article text and details.
 * Generation is not timed; every page's text is checked (headline first, no furniture left).
 * NEWSMARK_BENCH_PAGES=N changes the count (0 skips).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/core/ingest/index';
import { generateArticle, randomWords } from './article';
import { Rng } from './prng';

const PAGE_BYTES = 100 * 1024;
const TARGET_SECONDS = 60;
const FURNITURE = 'FURNITURE-MARK';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One page: the article's paragraphs inside the furniture a WordPress news theme puts around them. */
export function generatePage(seed: number): { html: string; headline: string } {
  const rng = new Rng(seed);
  const [headline, ...body] = generateArticle(seed, 8 * 1024).split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  const words = (n: number): string => escape(randomWords(rng, n).join(' '));
  const menu = `<nav class="main-menu"><ul>${Array.from({ length: 40 }, () => `<li><a href="/section/${rng.int(1, 999)}">${FURNITURE} ${words(2)}</a></li>`).join('')}</ul></nav>`;
  const share = `<div class="social-share">${['Facebook', 'Twitter', 'Email'].map((s) => `<a href="#">${FURNITURE} ${s}</a>`).join('')}</div>`;
  const related = `<div class="related-posts"><h4>${FURNITURE} Related</h4>${Array.from({ length: 12 }, () => `<h3><a href="/r/${rng.int(1, 999_999)}">${FURNITURE} ${words(9)}</a></h3>`).join('')}</div>`;
  const comments = `<div id="comments" class="comments-area">${Array.from({ length: 15 }, () => `<div class="comment"><p>${FURNITURE} ${words(40)}</p></div>`).join('')}<div id="respond"><div class="td-warning-comment">Please enter your comment!</div></div></div>`;
  const head = `<meta charset="utf-8"><title>${escape(headline!)} - The Bench Courier</title><meta property="og:site_name" content="The Bench Courier"><meta property="og:url" content="https://bench.example/${seed}">`
    + `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline, datePublished: '2026-03-25T08:30:00Z', author: { '@type': 'Person', name: 'Bench Writer' }, publisher: { '@type': 'Organization', name: 'The Bench Courier' } })}</script>`;
  const article = `<article><h1 class="entry-title">${escape(headline!)}</h1>${share}<div class="entry-content">${body.map((p) => `<p>${escape(p)}</p>`).join('\n')}</div>${share}</article>`;
  let html = `<!doctype html><html><head>${head}</head><body>${menu}<div class="site-content"><main>${article}${related}${comments}</main><aside class="sidebar">${related}</aside></div>`;
  // The rest of a saved page's weight: inline scripts and styles (tracking, theme settings).
  for (let filler = 0; html.length < PAGE_BYTES; filler++) {
    const chunk = `<script>window.__cfg${filler}=${JSON.stringify({ k: `${FURNITURE} ${randomWords(rng, 60).join(' ')}` })};</script><style>.c${filler}{margin:${rng.int(0, 20)}px}</style>`;
    html += chunk;
  }
  return { html: `${html}<footer>${FURNITURE} Advertise with The Bench Courier. Advertise Today.</footer></body></html>`, headline: headline! };
}

export function ingestRows(seed: number): string[] {
  const pages = Number(process.env['NEWSMARK_BENCH_PAGES'] ?? 1000);
  if (!Number.isInteger(pages) || pages <= 0) return [];
  let ms = 0;
  let bytes = 0;
  let worst = 0;
  const wrong: string[] = [];
  for (let i = 0; i < pages; i++) {
    const { html, headline } = generatePage(seed + i);
    const input = new TextEncoder().encode(html);
    bytes += input.byteLength;
    const t0 = performance.now();
    const result = extractArticle(input, { maxBytes: 10 * 1024 * 1024, sourceName: `page-${i}.html` });
    const took = performance.now() - t0;
    ms += took;
    worst = Math.max(worst, took);
    if (!result.ok) wrong.push(`page ${i}: ${result.message}`);
    else if (!result.text.startsWith(`${headline}\n\n`) || result.text.includes(FURNITURE) || result.text.includes('Please enter') || result.meta.outlet !== 'The Bench Courier') wrong.push(`page ${i}: text or details wrong`);
  }
  const seconds = ms / 1000;
  const met = seconds < TARGET_SECONDS && wrong.length === 0;
  return [
    '',
    `Ingest, ${pages.toLocaleString('en-US')} saved pages of ~${Math.round(bytes / pages / 1024)} KB (${(bytes / 1024 / 1024).toFixed(0)} MB), Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
    '',
    '| Measured | Total (s) | Per page (ms) | Slowest page (ms) | Wrong | Target | Met |',
    '|---|--:|--:|--:|--:|---|:-:|',
    `| pages → article text and details | ${seconds.toFixed(1)} | ${(ms / pages).toFixed(1)} | ${worst.toFixed(0)} | ${wrong.length} | < ${TARGET_SECONDS} s, 0 wrong | ${met ? '✓' : '✗'} |`,
    ...(wrong.length > 0 ? ['', `TARGET MISSED: ingest: ${wrong.slice(0, 5).join('; ')}${wrong.length > 5 ? ` (and ${wrong.length - 5} more)` : ''}`] : []),
  ];
}
