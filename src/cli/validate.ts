import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import type { ParseCache } from '../core/cache/parseCache';
import { withParseCache } from './cache';
import { cachedVerdict, loadSummaryOrSay, readInOrder, type PairSummary } from './sidecars';
import type { CorpusListing, Taken } from './corpusFiles';
import { withStoredOutput } from './outputCache';
import { describeError } from './inputFile';
import { inBlocks, type Output } from './output';

/** `newsmark validate PATH...`: do the sidecars parse, and does every tag cut out its text? */
export async function validate(paths: readonly string[], out: Output, options: { cache?: boolean } = {}): Promise<number> {
  const cached = options.cache ?? true;
  return withStoredOutput({ command: ['validate'], paths, enabled: cached }, out, (printed, listing) => inBlocks(printed, (block) => withParseCache(paths, cached, (cache) => validateWith(listing, block, cache))));
}

async function validateWith(listing: CorpusListing, out: Output, cache: ParseCache | undefined): Promise<number> {
  const sidecars = listing.sidecars;
  let failed = 0;
  const one = (path: string): Promise<string[]> => problemsOf(path, cache, listing.take(path)).catch((error: unknown) => [`${path}: ${describeError(error)}`]);
  await readInOrder(sidecars, { cache, light: true }, one, (problems, path) => {
    if (problems.length === 0) out.line(`ok    ${path}`);
    else {
      failed++;
      for (const p of problems) out.line(`error ${p}`);
    }
  });
  out.line(l10n.t('{0} valid, {1} invalid', sidecars.length - failed, failed));
  return failed > 0 ? 1 : 0;
}

async function problemsOf(path: string, cache: ParseCache | undefined, listed: Taken | undefined): Promise<string[]> {
  // A pair the cache holds as valid, unchanged since: nothing to report, and nothing more to read.
  const quick = cache ? cachedVerdict(path, cache, listed) : undefined;
  if (quick?.verdict?.valid) return [];
  const pair = await loadSummaryOrSay(path, cache, undefined, quick?.taken ?? listed);
  return pair.ok ? [...pair.invalid, ...beyondTheLoader(pair), ...mismatches(pair)] : pair.problems;
}

/** Tags whose offsets no longer cut out their text (verifyTags, or its answer kept in the cache). */
function mismatches({ sidecarPath: path, facts }: PairSummary): string[] {
  const result = facts.verification();
  return [
    ...result.outOfRange.map((t) => l10n.t('{0}: tag {1} ({2}–{3}) lies beyond the end of the article.', path, t.id, t.start, t.end)),
    ...result.mismatches.map((t) => l10n.t('{0}: tag {1} ({2}–{3}) should cut out {4} but the article has {5} there.', path, t.id, t.start, t.end, JSON.stringify(t.text), JSON.stringify(t.found))),
  ];
}

/**
 * What the loader lets through so the editor keeps working, but the format does not allow: ids
 * other tools may choke on, and an `article:` that names another file (the article is always
 * the file beside the sidecar, whatever this field says).
 */
function beyondTheLoader(pair: PairSummary): string[] {
  const { sidecarPath: path, header } = pair;
  const problems = pair.facts.oddIds().map((t) => `${path}:${t.line}:${t.column}: ${l10n.t('tag id {0} is not 8 lowercase hex digits, as the format requires.', JSON.stringify(t.id))}`);
  const beside = basename(pair.articlePath);
  if (header.article !== beside) problems.unshift(l10n.t('{0}: "article: {1}" does not name the file beside the sidecar, {2}.', path, header.article, beside));
  return problems;
}
