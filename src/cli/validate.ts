import { basename } from 'node:path';
import { verifyTags } from '../core/verify';
import { findSidecars, loadPairOrSay, type ReadablePair } from './sidecars';
import { describeError } from './inputFile';
import type { Output } from './output';

/** `newsmark validate PATH...`: do the sidecars parse, and does every tag cut out its text? */
export async function validate(paths: readonly string[], out: Output): Promise<number> {
  const sidecars = await findSidecars(paths, (notice) => out.error(notice));
  let failed = 0;
  for (const path of sidecars) {
    const problems = await problemsOf(path).catch((error: unknown) => [`${path}: ${describeError(error)}`]);
    if (problems.length === 0) out.line(`ok    ${path}`);
    else {
      failed++;
      for (const p of problems) out.line(`error ${p}`);
    }
  }
  out.line(`${sidecars.length - failed} valid, ${failed} invalid`);
  return failed > 0 ? 1 : 0;
}

async function problemsOf(path: string): Promise<string[]> {
  const pair = await loadPairOrSay(path);
  return pair.ok ? [...pair.invalid, ...beyondTheLoader(pair), ...mismatches(pair.sidecarPath, pair.articleLf, pair.sidecar.sha256, pair.sidecar.tags)] : pair.problems;
}

function mismatches(path: string, articleLf: string, sha256: string, tags: Parameters<typeof verifyTags>[2]): string[] {
  const result = verifyTags(articleLf, sha256, tags);
  return [
    ...result.outOfRange.map((t) => `${path}: tag ${t.id} (${t.start}–${t.end}) lies beyond the end of the article.`),
    ...result.mismatches.map((m) => `${path}: tag ${m.tag.id} (${m.tag.start}–${m.tag.end}) should cut out ${JSON.stringify(m.tag.text)} but the article has ${JSON.stringify(m.found)} there.`),
  ];
}

/** The spec's id rule (§4) is 8 lowercase hex digits. */
const SPEC_ID = /^[0-9a-f]{8}$/;

/**
 * What the loader lets through so the editor keeps working, but the format does not allow: ids
 * other tools may choke on, and an `article:` that names another file (the article is always
 * the file beside the sidecar, whatever this field says).
 */
function beyondTheLoader(pair: ReadablePair): string[] {
  const { sidecarPath: path, sidecar } = pair;
  const problems = sidecar.tags.filter((t) => !SPEC_ID.test(t.id)).map((t) => {
    const at = sidecar.positionOf(t.id);
    return `${path}:${at.line}:${at.column}: tag id ${JSON.stringify(t.id)} is not 8 lowercase hex digits, as the format requires.`;
  });
  const beside = basename(pair.articlePath);
  if (sidecar.article !== beside) problems.unshift(`${path}: "article: ${sidecar.article}" does not name the file beside the sidecar, ${beside}.`);
  return problems;
}
