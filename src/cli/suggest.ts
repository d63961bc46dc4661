import { basename } from 'node:path';
import { articleHash } from '../core/articleFile';
import { categoryOf } from '../core/codebook';
import { suggestTags } from '../core/suggest';
import { ArticleText, newTagId, type Tag } from '../core/tag';
import { SUGGESTED_BY } from '../core/tagStore';
import { describeError } from './inputFile';
import type { Output } from './output';
import { readablePairs, writeOrSay } from './sidecars';

/** `newsmark suggest [--json] [--write] PATH...`: rule-based suggestions per article. */
export async function suggest(paths: readonly string[], options: { json: boolean; write: boolean }, out: Output): Promise<number> {
  const report: { article: string; suggestions: ReturnType<typeof suggestTags> }[] = [];
  const { pairs, failed: unreadable } = await readablePairs(paths, (p) => out.error(`✗ ${p}`));
  let failed = unreadable;
  for (const pair of pairs) {
    try {
      const suggestions = suggestTags(pair.articleLf, { existing: pair.sidecar.tags, rejected: pair.sidecar.rejected });
      report.push({ article: pair.articlePath, suggestions });
      if (options.write && suggestions.length > 0) {
        const article = new ArticleText(pair.articleLf);
        const taken = new Set(pair.sidecar.tags.map((t) => t.id));
        const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const added: Tag[] = suggestions.map((s) => {
          const id = newTagId(taken);
          taken.add(id);
          return { id, category: s.category, start: s.start, end: s.end, text: s.text, ...article.contextOf(s.start, s.end), author: SUGGESTED_BY, created };
        });
        const problem = await writeOrSay(pair.sidecarPath, () => pair.sidecar.serialize([...pair.sidecar.tags, ...added], articleHash(pair.articleLf)));
        if (problem) out.error(`✗ ${problem}`);
      }
    } catch (error) {
      out.error(`✗ ${pair.sidecarPath}: ${describeError(error)}`); // this article's line; the next one goes on
      failed = true;
    }
  }
  if (options.json) {
    out.line(JSON.stringify(report.map((r) => ({ article: r.article, suggestions: r.suggestions })), null, 2));
  } else {
    for (const r of report) {
      out.line(`${basename(r.article)}: ${r.suggestions.length} suggestions${options.write ? ' (written as tags by newsmark-suggest)' : ''}`);
      for (const s of r.suggestions) out.line(`    ${categoryOf(s.category).label.padEnd(17)} ${String(s.start).padStart(6)}–${String(s.end).padEnd(6)} ${JSON.stringify(s.text)}  (${s.reason})`);
    }
  }
  return failed ? 1 : 0;
}
