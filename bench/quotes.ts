/**
 * The quote-alignment workload: many articles whose quoted sentences come from the same
 * templates, so the same wordings recur across articles with small changes, as when outlets
 * print one statement. Half of each article's tags are claims and denials on its quotes, the
 * rest the usual mix of spans (most of them not quoted speech, so they are filtered out).
 */
import type { QuoteArticle } from '../src/core/quotes/cluster';
import { ArticleText, createTag, type Tag } from '../src/core/tag';
import { generateArticle } from './article';
import { makeTags } from './mutate';
import { Rng } from './prng';

const QUOTE = /[“‘"]([^”’"\n]{12,}?)[,.]?[”’"]/gu;

export function quoteCorpus(seed: number, articles: number, tagsEach: number): QuoteArticle[] {
  const out: QuoteArticle[] = [];
  for (let i = 0; i < articles; i++) {
    const text = generateArticle(seed + i, 6 * 1024);
    const rng = new Rng(seed + i);
    const article = new ArticleText(text);
    const taken = new Set<string>();
    const quotes: Tag[] = [];
    for (const match of text.matchAll(QUOTE)) {
      if (quotes.length >= tagsEach / 2) break;
      const from = match.index + 1;
      const start = Array.from(text.slice(0, from)).length;
      const tag = createTag(article, start, start + Array.from(match[1]!).length, rng.chance(0.5) ? 'claim' : 'denial', taken);
      taken.add(tag.id);
      quotes.push(tag);
    }
    const rest = makeTags(rng, text, tagsEach - quotes.length);
    out.push({ article: `article-${i}.txt`, outlet: `Outlet ${i % 40}`, text, tags: [...quotes, ...rest] });
  }
  return out;
}
