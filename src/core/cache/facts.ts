/**
 * What the corpus commands learn from a sidecar and its article beyond the tags themselves: the
 * article's hash and word count, its outlet, whether each tag still cuts out its text, where odd
 * ids sit. Worked out from the texts only when a command asks (an uncached `check` never counts
 * words), or taken from a cache entry, where all of them were worked out once.
 */
import { reattach, type Placement } from '../anchor/reattach';
import { articleHash } from '../articleFile';
import { outletOf, type OutletName } from '../outlet';
import { countWords, statsOf, type TagStats } from '../review/stats';
import type { InvalidTagEntry, SidecarProblem } from '../sidecar';
import type { Tag } from '../tag';
import { verifyTags } from '../verify';
import { SPEC_ID, type CachedCheck, type CachedProblem, type CachedVerification, type CacheEntry, type CheckedTag, type TagTally, type FileStamp, type OddId, type SidecarContent } from './entry';

export interface PairFacts {
  /** Problems the loader reported without refusing the file, in the order it reports them. */
  readonly problems: readonly CachedProblem[];
  /** The article's tags counted (statsOf of this one article, its words included). */
  stats(): TagStats;
  words(): number;
  articleSha256(): string;
  outlet(): OutletName;
  verification(): CachedVerification;
  /** Tags whose ids are not SPEC_ID, in the tags' order, with where each entry starts. */
  oddIds(): readonly OddId[];
  /** What re-attaching found; undefined from an entry made before any check of these files. */
  check(): CachedCheck | undefined;
  /** The check when it has been worked out already (a cache entry keeps it only then). */
  readonly checked: () => CachedCheck | undefined;
}

/** A parsed sidecar as the facts need it (SidecarFile is one). */
export interface ParsedSidecar extends SidecarContent {
  readonly invalidTags: readonly InvalidTagEntry[];
  readonly detailProblems: readonly SidecarProblem[];
  positionOf(id: string): { line: number; column: number };
}

/** Facts of a pair just read: each one computed on first use, then kept. */
export function factsFromTexts(sidecar: ParsedSidecar, articleLf: string, articleFileName: string): PairFacts {
  const once = <T>(make: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: make() }).v;
  };
  let checked: CachedCheck | undefined;
  const articleSha256 = once(() => articleHash(articleLf));
  const words = once(() => countWords(articleLf));
  return {
    problems: [
      ...sidecar.detailProblems.map((p) => ({ kind: 'detail' as const, message: p.message, line: p.line, column: p.column })),
      ...sidecar.invalidTags.map((p) => ({ kind: 'invalid' as const, message: p.message, line: p.line, column: p.column })),
    ],
    stats: once(() => statsOf([{ tags: sidecar.tags, words: words() }])),
    words,
    articleSha256,
    outlet: once(() => outletOf(sidecar.details, articleLf, articleFileName)),
    check: () => (checked ??= checkOf(articleLf, sidecar, articleSha256())),
    checked: () => checked,
    verification: once(() => verificationOf(articleLf, sidecar.sha256, sidecar.tags)),
    oddIds: once(() => sidecar.tags.filter((t) => !SPEC_ID.test(t.id)).map((t) => ({ id: t.id, ...sidecar.positionOf(t.id) }))),
  };
}

/**
 * Facts read back from a cache entry, with the check kept apart from it when there is one
 * (`check`). One object per entry and its methods shared: a warm run makes one per article.
 */
export function factsFromEntry(entry: CacheEntry, check?: CachedCheck): PairFacts {
  return new EntryFacts(entry, check ?? entry.check);
}

/** Built in statsOf's key order: stats --json prints it as it is. */
function statsFromTally(tally: TagTally, words: number): TagStats {
  return { articles: 1, tags: tally.tags, words, byCategory: tally.byCategory, byState: tally.byState, bySubLabel: tally.bySubLabel, perThousandWords: words > 0 ? (tally.tags * 1000) / words : 0 };
}

/** Facts a command reads of a pair; the others need not be worked out (on a parse worker that fills no cache, say). */
export type FactName = 'stats' | 'outlet' | 'verification' | 'oddIds' | 'check';

/** Some of a pair's facts as plain data (a parse worker's answer). */
export interface SomeFacts {
  readonly problems: readonly CachedProblem[];
  readonly tally?: TagTally;
  readonly words?: number;
  readonly outlet?: OutletName;
  readonly verification?: CachedVerification;
  readonly oddIds?: readonly OddId[];
  readonly articleSha256?: string;
  readonly check?: CachedCheck;
}

/** `notableOnly`: of the check's tags, only those not anchored (as a cached check's summary keeps them). */
export function someFactsOf(facts: PairFacts, names: readonly FactName[], notableOnly = false): SomeFacts {
  const has = (name: FactName): boolean => names.includes(name);
  const check = (): CachedCheck => {
    const all = facts.check()!;
    return notableOnly ? { ...all, tags: all.tags.filter((t) => t.status !== 'anchored') } : all;
  };
  return {
    problems: facts.problems,
    ...(has('stats') ? { tally: tallyOf(facts.stats()), words: facts.words() } : {}),
    ...(has('outlet') ? { outlet: facts.outlet() } : {}),
    ...(has('verification') ? { verification: facts.verification() } : {}),
    ...(has('oddIds') ? { oddIds: facts.oddIds() } : {}),
    ...(has('check') ? { check: check(), articleSha256: facts.articleSha256() } : {}),
  };
}

/** Facts from some facts: asking for one not worked out is a bug in the command, and says so. */
export function factsFromSome(some: SomeFacts): PairFacts {
  return new GivenFacts(some);
}

/**
 * Some facts as a pair's facts: one object per pair, its methods shared (a run makes one per
 * article). `kept`: the check, when it is kept apart from the rest.
 */
class GivenFacts implements PairFacts {
  constructor(private readonly some: SomeFacts, protected readonly kept: CachedCheck | undefined = some.check) {}

  get problems(): readonly CachedProblem[] {
    return this.some.problems;
  }

  stats(): TagStats {
    return statsFromTally(given('tag counts', this.some.tally), given('word count', this.some.words));
  }

  words(): number {
    return given('word count', this.some.words);
  }

  articleSha256(): string {
    return given('article hash', this.some.articleSha256);
  }

  outlet(): OutletName {
    return given('outlet', this.some.outlet);
  }

  verification(): CachedVerification {
    return given('verification', this.some.verification);
  }

  oddIds(): readonly OddId[] {
    return given('odd ids', this.some.oddIds);
  }

  check(): CachedCheck | undefined {
    return given('check', this.kept);
  }

  readonly checked = (): CachedCheck | undefined => this.kept;
}

/** An entry holds every fact; only its check may be missing (no check of these files was kept). */
class EntryFacts extends GivenFacts {
  override check(): CachedCheck | undefined {
    return this.kept;
  }
}

function given<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`internal error: the ${name} of this pair was not worked out`);
  return value;
}

function tallyOf({ tags, byCategory, byState, bySubLabel }: TagStats): TagTally {
  return { tags, byCategory, byState, bySubLabel };
}

/** Facts of a pair whose entry lacked the check, with the check worked out from its texts now. */
export function withCheck(facts: PairFacts, articleLf: string, content: SidecarContent): PairFacts {
  const check = checkOf(articleLf, content, facts.articleSha256());
  // Each fact asked of `facts` itself (a spread would lose the methods of an entry's facts).
  return {
    problems: facts.problems,
    stats: () => facts.stats(),
    words: () => facts.words(),
    articleSha256: () => facts.articleSha256(),
    outlet: () => facts.outlet(),
    verification: () => facts.verification(),
    oddIds: () => facts.oddIds(),
    check: () => check,
    checked: () => check,
  };
}

/** Re-attaches the tags to the article, as `check` reports it. */
export function checkOf(articleLf: string, content: SidecarContent, articleSha256: string): CachedCheck {
  const result = reattach(articleLf, content.sha256, content.tags, articleSha256);
  return { counts: result.counts, tags: result.placements.map(checkedTag), stale: result.changed || articleSha256 !== content.sha256 };
}

function checkedTag(p: Placement): CheckedTag {
  const t = p.tag;
  return { id: t.id, category: t.category, status: p.status, stage: p.stage, start: t.start, end: t.end, text: t.text, ...(t.previousText !== undefined ? { previousText: t.previousText } : {}) };
}

/** Every fact worked out, for the cache. */
export function entryFrom(facts: PairFacts, content: Omit<SidecarContent, 'tags'>, sidecar: FileStamp, articleFile: FileStamp): CacheEntry {
  const { article, sha256, rejected, details } = content;
  return {
    sidecar: { size: sidecar.size, mtime: sidecar.mtime },
    articleFile: { size: articleFile.size, mtime: articleFile.mtime },
    header: { article, sha256, rejected, details },
    tally: tallyOf(facts.stats()),
    problems: facts.problems,
    oddIds: facts.oddIds(),
    articleSha256: facts.articleSha256(),
    words: facts.words(),
    outlet: facts.outlet(),
    verification: facts.verification(),
    ...(facts.checked() !== undefined ? { check: facts.checked()! } : {}),
  };
}

function verificationOf(articleLf: string, sha256: string, tags: readonly Tag[]): CachedVerification {
  const result = verifyTags(articleLf, sha256, tags);
  return {
    mismatches: result.mismatches.map(({ tag: { id, start, end, text }, found }) => ({ id, start, end, text, found })),
    outOfRange: result.outOfRange.map(({ id, start, end }) => ({ id, start, end })),
  };
}
