/**
 * Adjudication (issue 14, item 4): settling the differences between our set and another, one at
 * a time. Pure: the editor reads the sets and carries out the plan through the TagStore, so the
 * store stays the single source of truth and the differences are recomputed from it after every
 * action — a settled difference disappears because the tags now agree, or because it was decided.
 *
 * Two things cannot be read from our tags alone, and are the only state an adjudication keeps:
 * - `kept`: our tags the adjudicator kept although the other coder has nothing like them (Keep
 *   Mine, Keep Both). They count only while still confirmed, so undoing the confirmation (or
 *   marking the tag disputed) brings the difference back.
 * - `rejected`: their spans the adjudicator decided against (Keep Mine, Drop Both). Their set is
 *   never written, so the decision lives here for as long as the comparison is open.
 */
import * as l10n from '@vscode/l10n';
import { articleHash } from '../articleFile';
import { ArticleText, newTagId, type Tag } from '../tag';
import { diagnose, labelledSpanKey } from './diagnose';
import { pairSets, type ReattachedArticle, type SetArticle } from './sets';
import type { Disagreement, Span } from './types';

export type Resolution = 'take-theirs' | 'keep-mine' | 'keep-both' | 'drop-both';

/** A difference with an id stable while its two spans last (built from the tags' ids). */
export interface Difference extends Disagreement {
  readonly id: string;
}

/** What an adjudication has decided beyond our tags (see the module comment). */
export interface Decisions {
  readonly kept: Set<string>;
  readonly rejected: Set<string>;
}

export function noDecisions(): Decisions {
  return { kept: new Set(), rejected: new Set() };
}

export interface ArticleComparison {
  readonly article: string;
  /** The differences still to settle, in text order. */
  readonly differences: readonly Difference[];
  /** Our tags that have an identical span (category, start, end, sub-label) on their side. */
  readonly agreements: readonly string[];
  /** Their tags as placed on our text (re-attached when the texts differ), by id. */
  readonly theirSpans: ReadonlyMap<string, Span>;
  /** Set when their tags had to be re-attached to our text first. */
  readonly reattached?: ReattachedArticle;
  /** Their tags that could not be placed on our text (orphaned): not compared. */
  readonly orphaned: number;
}

/**
 * Compares our version of one article (its current text and tags) with theirs. Our tags are
 * taken as they stand on our text; theirs are re-attached to it when their article differs.
 */
export function compareArticle(ours: { path: string; text: string; tags: readonly Tag[] }, theirs: SetArticle, decisions: Decisions): ArticleComparison {
  const paired = pairSets([{ ...ours, sha256: articleHash(ours.text) }], [theirs], { a: 'ours', b: 'theirs' });
  const pair = paired.pairs[0];
  const reattached = paired.reattached.find((r) => r.coder === 'theirs');
  const base = { article: ours.path, ...(reattached ? { reattached } : {}), orphaned: paired.orphansLeftOut };
  if (!pair) return { ...base, differences: [], agreements: [], theirSpans: new Map() };
  const confirmed = new Set(ours.tags.filter((t) => t.review === 'confirmed').map((t) => t.id));
  const a = pair.a.filter((s) => !(s.id !== undefined && decisions.kept.has(s.id) && confirmed.has(s.id)));
  const b = pair.b.filter((s) => !(s.id !== undefined && decisions.rejected.has(s.id)));
  const differences = diagnose(ours.path, a, b).map((d) => ({ ...d, id: differenceId(d) }));
  return { ...base, differences, agreements: exactMatches(pair.a, pair.b), theirSpans: new Map(pair.b.flatMap((s) => (s.id === undefined ? [] : [[s.id, s]]))) };
}

export function differenceId(d: Disagreement): string {
  return `${d.kind}:${d.a?.id ?? '-'}:${d.b?.id ?? '-'}`;
}

/** Our ids matched one to one by an identical span of theirs. */
function exactMatches(a: readonly Span[], b: readonly Span[]): string[] {
  const key = labelledSpanKey;
  const waiting = new Map<string, number>();
  for (const s of b) waiting.set(key(s), (waiting.get(key(s)) ?? 0) + 1);
  const out: string[] = [];
  for (const s of a) {
    const n = waiting.get(key(s)) ?? 0;
    if (n > 0 && s.id !== undefined) {
      out.push(s.id);
      waiting.set(key(s), n - 1);
    }
  }
  return out;
}

/** What settling a difference does: to our tags (through the store) and to the decisions. */
export interface Plan {
  readonly remove: readonly string[];
  readonly add: readonly Tag[];
  /** Our tags confirmed as they are. */
  readonly confirm: readonly string[];
  readonly keep: readonly string[];
  readonly reject: readonly string[];
}

export interface PlanContext {
  /** Our article's LF text, which every span is on. */
  readonly text: string;
  readonly ourTags: readonly Tag[];
  /** Their tags as read from their sidecar, by id (for note, attributes, author). */
  readonly theirTags: ReadonlyMap<string, Tag>;
  readonly reviewer: string;
}

/**
 * The plan for one resolution. The side a difference lacks is "no tag": Take Theirs on a span
 * only we have removes it, Keep Mine on one only they have declines it; Keep Both on a one-sided
 * difference keeps the side there is.
 */
export function plan(resolution: Resolution, d: Difference, ctx: PlanContext): Plan {
  const mine = d.a?.id;
  const theirs = d.b;
  const empty = { remove: [] as string[], add: [] as Tag[], confirm: [] as string[], keep: [] as string[], reject: [] as string[] };
  switch (resolution) {
    case 'take-theirs':
      // Their tag replaces ours; it keeps our id when there was one, so the row it stands for is "ours, as they had it".
      return { ...empty, remove: mine ? [mine] : [], add: theirs ? [copyOf(theirs, ctx, mine)] : [] };
    case 'keep-mine':
      return { ...empty, confirm: mine ? [mine] : [], keep: mine ? [mine] : [], reject: theirs?.id ? [theirs.id] : [] };
    case 'keep-both':
      return { ...empty, confirm: mine ? [mine] : [], keep: mine ? [mine] : [], add: theirs ? [copyOf(theirs, ctx)] : [] };
    case 'drop-both':
      return { ...empty, remove: mine ? [mine] : [], reject: theirs?.id ? [theirs.id] : [] };
  }
}

/** The spec's id rule: eight lowercase hex digits. */
const SPEC_ID = /^[0-9a-f]{8}$/;

/**
 * Their tag on our text: at the span placed on our text (their own offsets when the articles are
 * the same), its text and context cut from our text, confirmed by the adjudicator. Their note,
 * attributes, author and date come along: who coded it stays on record.
 */
function copyOf(span: Span, ctx: PlanContext, reuseId?: string): Tag {
  const their = span.id === undefined ? undefined : ctx.theirTags.get(span.id);
  const text = new ArticleText(ctx.text);
  const taken = new Set(ctx.ourTags.map((t) => t.id));
  // Their id when it is free here (a later git merge of their branch then sees the same tag), else a new one.
  const id = reuseId ?? (span.id !== undefined && SPEC_ID.test(span.id) && !taken.has(span.id) ? span.id : newTagId(taken));
  const { status: _s, previousText: _p, review: _r, reviewer: _v, ...kept } = their ?? ({} as Partial<Tag>);
  return {
    ...kept,
    id,
    category: (their?.category ?? span.category) as Tag['category'],
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    ...text.contextOf(span.start, span.end),
    review: 'confirmed',
    reviewer: ctx.reviewer,
  };
}

/** Every difference's label, as the tree, the hover and the README name it. */
// Getters: each label is translated when it is shown (this module loads before the bundle is set).
export const DIFFERENCE_LABELS: Readonly<Record<Disagreement['kind'], string>> = {
  get 'only-in-a'() { return l10n.t('Only mine'); },
  get 'only-in-b'() { return l10n.t('Only theirs'); },
  get 'category-differs'() { return l10n.t('Category differs'); },
  get 'boundaries-differ'() { return l10n.t('Boundaries differ'); },
  get 'label-differs'() { return l10n.t('Sub-label differs'); },
};

export const RESOLUTION_LABELS: Readonly<Record<Resolution, string>> = {
  get 'take-theirs'() { return l10n.t('Take Theirs'); },
  get 'keep-mine'() { return l10n.t('Keep Mine'); },
  get 'keep-both'() { return l10n.t('Keep Both'); },
  get 'drop-both'() { return l10n.t('Drop Both'); },
};
