import search from 'approx-string-match';
import { articleHash } from '../articleFile';
import { compareTags, type Tag, type TagStatus } from '../tag';
import { ArticleView } from './articleView';
import { Claims } from './claims';
import { fold, foldedIndexOf, foldString, matchFolded, matchFoldedBefore, type FoldedText } from './normalize';
import { similarity } from './similarity';
import { endEdges, keepsWordEdges, startEdges, wordEdges } from './words';

const MISSES_BEFORE_SKIPPING = 16;

/** How a tag was found again. */
export type AnchorStage = 'hash' | 'hint' | 'window' | 'anywhere' | 'approximate' | 'none';

export interface Placement {
  readonly tag: Tag;
  readonly status: TagStatus;
  readonly stage: AnchorStage;
  /** The tag as it was before re-attaching. */
  readonly before: Tag;
}

export interface ReattachResult {
  readonly placements: Placement[];
  readonly tags: Tag[];
  readonly counts: Record<TagStatus, number>;
  /** Whether any tag differs from what it was. */
  readonly changed: boolean;
}

/**
 * The thresholds are Hypothesis's weights (quote 50, prefix 20, suffix 20, position 2) with
 * acceptance levels chosen by the anchoring tests: a one-character correction in a short
 * figure is accepted; the same text elsewhere with different context is not.
 */
export const ANCHOR_LIMITS = {
  /** Code points searched either side of the expected place. */
  window: 4000,
  /** Stage a: how far the expected place may drift (collapsed spaces, changed line ends between tags). */
  drift: 64,
  /** Stage a: within this distance of the expected place, modest context is enough on its own. */
  exactDrift: 8,
  /** Stage a trusts modest context only within this distance of the last tag placed near its expected place. */
  calibratedGap: 256,
  /** Stage b: mean prefix/suffix similarity needed for an exact match near the expected place. */
  nearContext: 0.5,
  /** Stage c: mean prefix/suffix similarity needed for an exact match anywhere. */
  farContext: 0.8,
  /** Stage d: share of the quote that may differ. */
  maxQuoteErrors: 0.25,
  /** Stage d: least quote similarity and least weighted score (of 1) to accept. */
  minQuote: 0.75,
  minScore: 0.75,
} as const;

interface Candidate {
  readonly start: number; // folded
  readonly end: number; // folded
  readonly context: number;
}

/**
 * Finds each tag again in a changed article. Tags are taken in text order, each one's search
 * starting where the shift of the tags before it says it should be.
 */
export function reattach(articleLf: string, sha256: string | undefined, tags: readonly Tag[], articleSha256?: string): ReattachResult {
  const article = new ArticleView(articleLf);
  // `articleSha256`: articleHash(articleLf) when the caller has it already (the hash is a fifth of a check).
  const hashMatches = sha256 !== undefined && (articleSha256 ?? articleHash(articleLf)) === sha256;
  let folded: FoldedText | undefined;
  const claimed = new Claims();
  const placements: Placement[] = [];
  let shift = 0;
  let lastPlacedEnd: number | undefined;
  let misses = 0;

  const ordered = sortedCopy(tags);
  for (let i = 0; i < ordered.length; i++) {
    const tag = ordered[i] as Tag;
    if (hashMatches && tag.status !== 'orphaned' && tag.end <= article.length && article.holds(tag.start, tag.end, tag.text)) {
      placements.push({ tag: withoutStatus(tag), status: 'anchored', stage: 'hash', before: tag });
      continue;
    }
    // After a re-download nearly every tag needs folding; the unfolded check is skipped while it keeps missing.
    if (tag.status !== 'orphaned' && (misses < MISSES_BEFORE_SKIPPING || placements.length % 64 === 0)) {
      // Most tags sit exactly where the shift so far says, text and context unchanged: no folding needed.
      const s = tag.start + shift;
      const e = tag.end + shift;
      if (s >= 0 && e <= article.length && article.holds(s, e, tag.text) && article.hasContext(s, e, tag.prefix, tag.suffix) && claimed.isFree(s, e, tag)) {
        claimed.add(s, e, tag);
        lastPlacedEnd = tag.end;
        misses = 0;
        const moved = s !== tag.start;
        placements.push({ tag: withoutStatus(moved ? { ...tag, start: s, end: e } : tag, tag.status === 'fuzzy' ? 'fuzzy' : undefined), status: moved ? 'moved' : 'anchored', stage: 'hint', before: tag });
        continue;
      }
      misses++;
    }
    folded ??= fold(articleLf);
    // The shift is a good guide only right after a tag placed near where it was expected.
    const calibrated = lastPlacedEnd !== undefined && tag.start - lastPlacedEnd <= ANCHOR_LIMITS.calibratedGap;
    const at = foldedIndexOf(folded, Math.max(0, tag.start + shift));
    let foundStart = at;
    let foundEnd = exactlyAtHint(tag, folded, at, claimed);
    let stage: AnchorStage = 'hint';
    if (foundEnd < 0) {
      const found = closeAtHint(tag, folded, tag.start + shift, claimed, calibrated) ?? locate(tag, folded, article, tag.start + shift, claimed, calibrated);
      if (!found) {
        placements.push({ tag: { ...tag, status: 'orphaned' }, status: 'orphaned', stage: 'none', before: tag });
        continue;
      }
      foundStart = found.start;
      foundEnd = found.end;
      stage = found.stage;
    }
    const start = folded.startOf(foundStart);
    const end = foundEnd > foundStart ? folded.endOf(foundEnd - 1) : start;
    claimed.add(start, end, tag);
    // Only a placement near where it was expected says how the text around it moved; a far or
    // approximate one must not send the following tags looking in the wrong place.
    if (tag.status !== 'orphaned' && (stage === 'hint' || stage === 'window')) {
      shift = start - tag.start;
      lastPlacedEnd = tag.end;
    }
    const text = article.slice(start, end);
    const base = { ...tag, start, end, text, prefix: article.prefixOf(start), suffix: article.suffixOf(end) };
    if (stage === 'approximate') {
      placements.push({ tag: { ...base, status: 'fuzzy', previousText: tag.previousText ?? tag.text }, status: 'fuzzy', stage, before: tag });
    } else {
      const status: TagStatus = start === tag.start && end === tag.end && text === tag.text && tag.status !== 'orphaned' ? 'anchored' : 'moved';
      placements.push({ tag: withoutStatus(base, tag.status === 'fuzzy' ? 'fuzzy' : undefined), status, stage, before: tag });
    }
  }
  const counts: Record<TagStatus, number> = { anchored: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const p of placements) counts[p.status]++;
  const changed = placements.some((p) => !sameTag(p.tag, p.before));
  return { placements, tags: sortedCopy(placements.map((p) => p.tag)), counts, changed };
}

/**
 * The common case after a re-download (typography changed everywhere): the folded text and its
 * folded context sit exactly at the expected folded unit `at`. Checked without building candidate
 * lists; the folded end of the text when it is there, else -1.
 */
function exactlyAtHint(tag: Tag, folded: FoldedText, at: number, claimed: Claims): number {
  if (tag.status === 'orphaned') return -1;
  // Compared in place: folding each tag's text and context into new strings was most of this check.
  const quoteLength = matchFolded(tag.text, folded.text, at);
  if (quoteLength <= 0) return -1;
  const end = at + quoteLength;
  const suffixLength = matchFolded(tag.suffix, folded.text, end);
  if (suffixLength < 0) return -1;
  const prefixLength = matchFoldedBefore(tag.prefix, folded.text, at);
  if (prefixLength < 0) return -1;
  // Matching context fixes the characters either side, and so the word edges; an empty prefix or
  // suffix (a tag at the very start or end) fixes nothing.
  if ((prefixLength === 0 || suffixLength === 0) && !keepsWordEdges(folded.text, at, end, wordEdges(tag.prefix, tag.text, tag.suffix))) return -1;
  return claimed.isFree(folded.startOf(at), folded.endOf(end - 1), tag) ? end : -1;
}

/**
 * Stage (a) of locate when it settles the tag on its own: the best copy of the text within the
 * drift, taken because it sits at the hint or has strong context. After a re-download this is
 * the usual way a tag is found whose hint a collapsed space or a dropped invisible character
 * moved by a unit or two, so it runs without the closures and lists of the full search; when it
 * does not settle the tag, locate runs from the start and comes to the same candidate.
 */
function closeAtHint(tag: Tag, folded: FoldedText, hint: number, claimed: Claims, calibrated: boolean): (Candidate & { stage: AnchorStage }) | undefined {
  const quote = foldString(tag.text);
  if (quote.length === 0) return undefined;
  const edges = wordEdges(tag.prefix, tag.text, tag.suffix);
  const at = foldedIndexOf(folded, Math.max(0, hint));
  const best = bestCloseCandidate(tag, quote, edges, folded, at, claimed);
  if (!best || best.context < (calibrated ? ANCHOR_LIMITS.nearContext : ANCHOR_LIMITS.farContext)) return undefined;
  if (Math.abs(best.start - at) > ANCHOR_LIMITS.exactDrift && best.context < ANCHOR_LIMITS.farContext) return undefined;
  return { start: best.start, end: best.end, context: best.context, stage: 'hint' };
}

/**
 * Stage (a)'s pick: the unclaimed copy of the quote within the drift of `at` that keeps the tag's
 * word edges, with the best context (the nearest among equals).
 */
function bestCloseCandidate(tag: Tag, quote: string, edges: { start: boolean; end: boolean }, folded: FoldedText, at: number, claimed: Claims): Candidate | undefined {
  const from = Math.max(0, at - ANCHOR_LIMITS.drift);
  // Search a slice (cheap in V8): indexOf on the whole text would run on to its end when the window holds no copy.
  const hay = folded.text.slice(from, at + ANCHOR_LIMITS.drift + quote.length);
  let best: Candidate | undefined;
  let top = -Infinity;
  for (let i = hay.indexOf(quote); i >= 0; i = hay.indexOf(quote, i + 1)) {
    const s = from + i;
    const e = s + quote.length;
    if (!keepsWordEdges(folded.text, s, e, edges) || !claimed.isFree(folded.startOf(s), folded.endOf(e - 1), tag)) continue;
    const c = contextScore(tag, folded, s, e);
    if (c - Math.abs(s - at) / 1e6 > top) {
      top = c - Math.abs(s - at) / 1e6;
      best = { start: s, end: e, context: c };
    }
  }
  return best;
}

function locate(tag: Tag, folded: FoldedText, article: ArticleView, hint: number, claimed: Claims, calibrated: boolean): (Candidate & { stage: AnchorStage }) | undefined {
  const quote = foldString(tag.text);
  if (quote.length === 0) return undefined;
  const edges = wordEdges(tag.prefix, tag.text, tag.suffix);
  // A candidate must be unclaimed and must not cut into a word where the tag did not.
  const free = (start: number, end: number): boolean =>
    keepsWordEdges(folded.text, start, end, edges) && claimed.isFree(folded.startOf(start), folded.endOf(end - 1), tag);
  const at = foldedIndexOf(folded, Math.max(0, hint));
  const context = contextScorer(tag, folded);

  // (a) exactly where the shift so far says it is, give or take the few characters that collapsed
  // spaces or changed line ends add up to between two tags; in its recorded context (a wrong shift
  // must not carry a tag onto a look-alike that happens to sit there)
  // Right at the expected place, modest context suffices: an edit beside a tag changes its context
  // without moving it, and an untouched copy of the passage further away must not win.
  const bestClose = bestCloseCandidate(tag, quote, edges, folded, at, claimed);
  const from = Math.max(0, at - ANCHOR_LIMITS.window);
  const to = Math.min(folded.text.length, at + ANCHOR_LIMITS.window + quote.length);
  let near: Candidate[] | undefined;
  const nearby = (): Candidate[] => (near ??= occurrences(folded.text, quote, from, to).filter((s) => free(s, s + quote.length)).map((s) => ({ start: s, end: s + quote.length, context: context(s, s + quote.length) })));
  if (bestClose && bestClose.context >= (calibrated ? ANCHOR_LIMITS.nearContext : ANCHOR_LIMITS.farContext)) {
    // Unless it sits right at the hint, modest context must still beat the copies just beyond the
    // drift: text inserted between two tags can push the second one there, and leave a look-alike
    // within the drift. A copy further away is a repeated passage, and position wins over it.
    const atHint = Math.abs(bestClose.start - at) <= ANCHOR_LIMITS.exactDrift;
    const verbatim = (c: Candidate): boolean => article.holds(folded.startOf(c.start), folded.endOf(c.end - 1), tag.text);
    const rivals = (): Candidate[] => nearby().filter((c) => Math.abs(c.start - at) <= 2 * ANCHOR_LIMITS.drift && verbatim(c));
    if (atHint || bestClose.context >= ANCHOR_LIMITS.farContext) return { start: bestClose.start, end: bestClose.end, context: bestClose.context, stage: 'hint' };
    const rival = best(rivals(), (c) => c.context - Math.abs(c.start - at) / 1e6);
    return rival && rival.context > bestClose.context ? { ...rival, stage: 'window' } : { ...bestClose, stage: 'hint' };
  }

  // (b) exactly, near there, backed by context
  const bestNear = best(nearby(), (c) => c.context - Math.abs(c.start - at) / (ANCHOR_LIMITS.window * 100));
  if (bestNear && bestNear.context >= ANCHOR_LIMITS.nearContext) return { ...bestNear, stage: 'window' };

  // (c) exactly, anywhere, only with strong context on both sides
  const far = occurrences(folded.text, quote, 0, folded.text.length).filter((s) => (s < from || s + quote.length > to) && free(s, s + quote.length)).map((s) => ({ start: s, end: s + quote.length, context: context(s, s + quote.length) }));
  const bestFar = best(far, (c) => c.context);
  if (bestFar && bestFar.context >= ANCHOR_LIMITS.farContext) return { ...bestFar, stage: 'anywhere' };

  // (d) approximately, near there, scored like Hypothesis
  const maxErrors = Math.floor(quote.length * ANCHOR_LIMITS.maxQuoteErrors);
  if (maxErrors === 0) return undefined;
  const windowText = folded.text.slice(from, to);
  const prefixWanted = foldString(tag.prefix);
  const suffixWanted = foldString(tag.suffix);
  let winner: (Candidate & { score: number }) | undefined;
  for (const match of search(windowText, quote, maxErrors)) {
    // An approximate match may begin or end inside a word ("ly deny…" out of "absolutely deny…"):
    // try the nearest word edges instead, each scored on its own merits.
    const starts = edges.start ? startEdges(folded.text, from + match.start) : [from + match.start];
    const ends = edges.end ? endEdges(folded.text, from + match.end) : [from + match.end];
    for (const start of starts) {
      for (const end of ends) {
        if (end <= start || !free(start, end)) continue;
        const moved = start !== from + match.start || end !== from + match.end;
        const quoteSimilarity = moved ? similarity(quote, folded.text.slice(start, end)) : 1 - match.errors / quote.length;
        if (quoteSimilarity < ANCHOR_LIMITS.minQuote) continue;
        const prefix = similarity(prefixWanted, folded.text.slice(Math.max(0, start - prefixWanted.length), start));
        const suffix = similarity(suffixWanted, folded.text.slice(end, end + suffixWanted.length));
        const position = 1 - Math.min(1, Math.abs(start - at) / ANCHOR_LIMITS.window);
        const score = (50 * quoteSimilarity + 20 * prefix + 20 * suffix + 2 * position) / 92;
        if (score >= ANCHOR_LIMITS.minScore && (!winner || score > winner.score)) winner = { start, end, context: (prefix + suffix) / 2, score };
      }
    }
  }
  return winner && { start: winner.start, end: winner.end, context: winner.context, stage: 'approximate' };
}

/**
 * How well the text around [start, end) of an LF article (code points) matches the tag's recorded
 * prefix and suffix, from 0 to 1: the evidence re-attaching weighs between identical passages.
 */
export function contextMatch(tag: Tag, articleLf: string, start: number, end: number): number {
  const folded = fold(articleLf);
  return contextScorer(tag, folded)(foldedIndexOf(folded, start), foldedIndexOf(folded, end));
}

/** Mean similarity of the tag's recorded prefix and suffix to the text around a folded span. */
function contextScorer(tag: Tag, folded: FoldedText): (start: number, end: number) => number {
  // Folded once for all the candidates whose context differs (stage c may score hundreds).
  const foldedContext: FoldedContext = {};
  return (start, end) => contextScore(tag, folded, start, end, foldedContext);
}

interface FoldedContext {
  prefix?: string;
  suffix?: string;
}

function contextScore(tag: Tag, folded: FoldedText, start: number, end: number, foldedContext?: FoldedContext): number {
  // The usual candidate has its context unchanged, checked in place; only a differing one is folded.
  let before = 1;
  if (matchFoldedBefore(tag.prefix, folded.text, start) < 0) {
    const prefix = foldedContext ? (foldedContext.prefix ??= foldString(tag.prefix)) : foldString(tag.prefix);
    before = edgeSimilarity(prefix, folded.text.slice(Math.max(0, start - prefix.length), start), 'before');
  }
  let after = 1;
  if (matchFolded(tag.suffix, folded.text, end) < 0) {
    const suffix = foldedContext ? (foldedContext.suffix ??= foldString(tag.suffix)) : foldString(tag.suffix);
    after = edgeSimilarity(suffix, folded.text.slice(end, end + suffix.length), 'after');
  }
  return (before + after) / 2;
}

function edgeSimilarity(expected: string, actual: string, side: 'before' | 'after'): number {
  if (expected === actual) return 1;
  if (expected.length === 0) return 0.5; // nothing recorded: neither for nor against
  // Common case: the same context, one of them cut a little shorter (a collapsed space at the edge).
  const shorter = Math.min(expected.length, actual.length);
  const a = side === 'before' ? expected.slice(expected.length - shorter) : expected.slice(0, shorter);
  const b = side === 'before' ? actual.slice(actual.length - shorter) : actual.slice(0, shorter);
  if (a === b) return shorter / Math.max(expected.length, actual.length);
  return similarity(expected, actual);
}

function occurrences(text: string, quote: string, from: number, to: number): number[] {
  const found: number[] = [];
  // Search a slice (cheap in V8): indexOf on the whole text would run on to its end when the window holds no copy.
  const hay = from === 0 && to >= text.length ? text : text.slice(from, to);
  for (let i = hay.indexOf(quote); i >= 0; i = hay.indexOf(quote, i + 1)) found.push(from + i);
  return found;
}

function best<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let winner: T | undefined;
  let top = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > top) {
      top = s;
      winner = item;
    }
  }
  return winner;
}

function withoutStatus(tag: Tag, keep?: TagStatus): Tag {
  if (tag.status === keep) return tag;
  const { status: _status, ...rest } = tag;
  return keep ? { ...rest, status: keep } : rest;
}

/** Tags in text order; most inputs already are, so check before paying for a sort. */
function sortedCopy(tags: readonly Tag[]): Tag[] {
  for (let i = 1; i < tags.length; i++) {
    if (compareTags(tags[i - 1] as Tag, tags[i] as Tag) > 0) return [...tags].sort(compareTags);
  }
  return [...tags];
}

function sameTag(a: Tag, b: Tag): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text && a.status === b.status && a.prefix === b.prefix && a.suffix === b.suffix;
}
