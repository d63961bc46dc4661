/**
 * Annotation sets → the article pairs the metrics compare. An annotation set is a folder of
 * articles with sidecars (a git worktree, a colleague's export); the caller reads it (the CLI
 * from disk, the editor through its file system) into SetArticles, and this module pairs them:
 * by path relative to the set's root, verified by the article's SHA-256. Or, in one set, by the
 * tags' `author` (`--by author`), for teams who code into the same files.
 *
 * Tags must be compared on one text: when set B's article differs from set A's, B's tags are
 * re-attached onto A's text first (the same anchoring `check` uses), and so are the tags of a
 * sidecar whose recorded hash no longer matches its own article. Both are reported, never silent.
 */
import * as l10n from '@vscode/l10n';
import { reattach } from '../anchor/reattach';
import { articleHash } from '../articleFile';
import { ArticleText, isOrphan, type Tag } from '../tag';
import type { ArticlePair, Span } from './types';

/** One article of a set, as read from disk (or from the editor's documents). */
export interface SetArticle {
  /** Path relative to the set's root, '/'-separated: the key across sets. */
  readonly path: string;
  /** The article's text with LF line ends. */
  readonly text: string;
  /** The `sha256:` its sidecar records; absent when the article has no sidecar (so no tags). */
  readonly sha256?: string;
  readonly tags: readonly Tag[];
}

/** An article whose tags were re-attached before comparing, and how they came out. */
export interface ReattachedArticle {
  readonly article: string;
  /** Whose tags: set A's / B's, or an author's in `--by author` mode. */
  readonly coder: string;
  /** text-differs: B's article is not A's (B's tags moved onto A's text); sidecar-stale: the sidecar's hash is not its article's. */
  readonly reason: 'text-differs' | 'sidecar-stale';
  readonly anchored: number;
  readonly moved: number;
  readonly fuzzy: number;
  /** Not found in the text: left out of the comparison. */
  readonly orphaned: number;
}

/** Pairs ready for compareArticles, and what could not be paired or had to be re-attached. */
export interface PairedSets {
  readonly pairs: ArticlePair[];
  /** Articles with a sidecar in one set and no article at that path in the other: not compared. */
  readonly onlyInA: string[];
  readonly onlyInB: string[];
  readonly reattached: ReattachedArticle[];
  /** Orphaned tags (no place in the text) left out, over both coders. */
  orphansLeftOut: number;
}

/**
 * Pairs the articles of two sets by path. An article with no sidecar on one side counts as
 * coded with no tags there (coder B tagged nothing in it); one missing on a side is listed.
 */
export function pairSets(setA: readonly SetArticle[], setB: readonly SetArticle[], labels: { a: string; b: string } = { a: 'A', b: 'B' }): PairedSets {
  const byPath = new Map(setB.map((x) => [x.path, x]));
  const inA = new Set(setA.map((x) => x.path));
  const result: PairedSets = { pairs: [], onlyInA: [], onlyInB: setB.filter((x) => !inA.has(x.path)).map((x) => x.path).sort(), reattached: [], orphansLeftOut: 0 };
  for (const a of [...setA].sort((x, y) => compareStrings(x.path, y.path))) {
    const b = byPath.get(a.path);
    if (!b) {
      result.onlyInA.push(a.path);
      continue;
    }
    const hashA = articleHash(a.text);
    const hashB = articleHash(b.text);
    const aTags = onOwnText(a, hashA, labels.a, result);
    const bTags = hashB === hashA ? onOwnText(b, hashB, labels.b, result) : onOtherText(b, a, labels.b, result);
    result.pairs.push({ article: a.path, length: new ArticleText(a.text).length, a: toSpans(aTags, result), b: toSpans(bTags, result) });
  }
  return result;
}

/** The authors found in a set, with how many tags each has; tags with no author are counted apart. */
export function authorsOf(set: readonly SetArticle[]): { authors: Map<string, number>; withoutAuthor: number } {
  const authors = new Map<string, number>();
  let withoutAuthor = 0;
  for (const article of set) {
    for (const t of article.tags) {
      if (t.author === undefined || t.author === '') withoutAuthor++;
      else authors.set(t.author, (authors.get(t.author) ?? 0) + 1);
    }
  }
  return { authors, withoutAuthor };
}

/**
 * One set, two coders told apart by `author`: A is `authors[0]`, B `authors[1]`. Every article
 * of the set is compared (an article one author left alone counts as no tags by that author);
 * tags by anyone else, or by nobody, are left out.
 */
export function splitByAuthor(set: readonly SetArticle[], authors: readonly [string, string]): PairedSets {
  const result: PairedSets = { pairs: [], onlyInA: [], onlyInB: [], reattached: [], orphansLeftOut: 0 };
  for (const article of [...set].sort((x, y) => compareStrings(x.path, y.path))) {
    const placed = onOwnText(article, articleHash(article.text), l10n.t('{0} and {1}', authors[0], authors[1]), result);
    const of = (author: string): Span[] => toSpans(placed.filter((t) => t.author === author), result);
    result.pairs.push({ article: article.path, length: new ArticleText(article.text).length, a: of(authors[0]), b: of(authors[1]) });
  }
  return result;
}

/** The tags on their own article, re-attached first when the sidecar was written for another version of it. */
function onOwnText(x: SetArticle, textHash: string, coder: string, result: PairedSets): readonly Tag[] {
  if (x.sha256 === undefined || x.tags.length === 0 || x.sha256 === textHash) return x.tags;
  return placed(reattach(x.text, x.sha256, x.tags), x.path, coder, 'sidecar-stale', result);
}

/** B's tags found again in A's text. */
function onOtherText(b: SetArticle, a: SetArticle, coder: string, result: PairedSets): readonly Tag[] {
  if (b.tags.length === 0) return b.tags;
  return placed(reattach(a.text, b.sha256, b.tags), b.path, coder, 'text-differs', result);
}

function placed(r: ReturnType<typeof reattach>, article: string, coder: string, reason: ReattachedArticle['reason'], result: PairedSets): readonly Tag[] {
  result.reattached.push({ article, coder, reason, ...r.counts });
  return r.tags;
}

/** Tags → spans; orphaned ones have no place in the text and are counted, not compared. */
function toSpans(tags: readonly Tag[], result: PairedSets): Span[] {
  const spans: Span[] = [];
  for (const t of tags) {
    if (isOrphan(t)) result.orphansLeftOut++;
    else spans.push({ start: t.start, end: t.end, category: t.category, ...(t.label !== undefined ? { label: t.label } : {}), text: t.text, id: t.id });
  }
  return spans;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
