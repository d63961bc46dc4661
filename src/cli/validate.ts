import { verifyTags } from '../core/verify';
import { findSidecars, loadPair } from './sidecars';
import type { Output } from './output';

/** `newsmark validate PATH...`: do the sidecars parse, and does every tag cut out its text? */
export async function validate(paths: readonly string[], out: Output): Promise<number> {
  const sidecars = await findSidecars(paths, (notice) => out.error(notice));
  let failed = 0;
  for (const path of sidecars) {
    const pair = await loadPair(path);
    const problems = pair.ok ? [...pair.invalid, ...mismatches(pair.sidecarPath, pair.articleLf, pair.sidecar.sha256, pair.sidecar.tags)] : pair.problems;
    if (problems.length === 0) out.line(`ok    ${path}`);
    else {
      failed++;
      for (const p of problems) out.line(`error ${p}`);
    }
  }
  out.line(`${sidecars.length - failed} valid, ${failed} invalid`);
  return failed > 0 ? 1 : 0;
}

function mismatches(path: string, articleLf: string, sha256: string, tags: Parameters<typeof verifyTags>[2]): string[] {
  const result = verifyTags(articleLf, sha256, tags);
  return [
    ...result.outOfRange.map((t) => `${path}: tag ${t.id} (${t.start}–${t.end}) lies beyond the end of the article.`),
    ...result.mismatches.map((m) => `${path}: tag ${m.tag.id} (${m.tag.start}–${m.tag.end}) should cut out ${JSON.stringify(m.tag.text)} but the article has ${JSON.stringify(m.found)} there.`),
  ];
}
