/**
 * Two coders' annotation sets for the agreement row: coder A's tags as the Tags-view corpus makes
 * them, coder B's perturbed from A's as a second analyst would differ — most kept, some with
 * moved boundaries, some with another category, some dropped, a few added.
 */
import { articleHash } from '../src/core/articleFile';
import type { SetArticle } from '../src/core/agreement';
import { CATEGORY_IDS } from '../src/core/codebook';
import { ArticleText, type Tag } from '../src/core/tag';
import { generateArticle } from './article';
import { makeTags } from './mutate';
import { Rng } from './prng';

export function agreementSets(seed: number, articles: number, tagsEach: number): { a: SetArticle[]; b: SetArticle[] } {
  const a: SetArticle[] = [];
  const b: SetArticle[] = [];
  for (let i = 0; i < articles; i++) {
    const text = generateArticle(seed + i, 6 * 1024);
    const sha256 = articleHash(text);
    const article = new ArticleText(text);
    const rng = new Rng(seed + 7 * i);
    const tagsA = makeTags(rng, text, tagsEach);
    const extra = makeTags(rng, text, tagsEach);
    const tagsB: Tag[] = [];
    for (const t of tagsA) {
      const roll = rng.next();
      if (roll < 0.7) tagsB.push(t);
      else if (roll < 0.82) {
        const start = Math.max(0, t.start + rng.int(-4, 4));
        const end = Math.min(article.length, Math.max(start + 1, t.end + rng.int(-4, 4)));
        tagsB.push({ ...t, start, end, text: article.slice(start, end), ...article.contextOf(start, end) });
      } else if (roll < 0.92) tagsB.push({ ...t, category: rng.pick(CATEGORY_IDS.filter((c) => c !== t.category)) });
      // else dropped
    }
    // as many added as dropped, so both coders have about `tagsEach`
    tagsB.push(...extra.slice(0, Math.max(0, tagsEach - tagsB.length)));
    const path = `desk-${String(i % 10)}/article-${String(i).padStart(4, '0')}.txt`;
    a.push({ path, text, sha256, tags: tagsA });
    b.push({ path, text, sha256, tags: tagsB });
  }
  return { a, b };
}
