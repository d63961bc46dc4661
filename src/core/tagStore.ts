import * as l10n from '@vscode/l10n';
import { sameDetails, type ArticleDetails } from './details';
import { shiftTags, type TextChange } from './edits';
import { Emitter } from './events';
import { mergeRejected, type MergeResult, type TagConflict } from './merge';
import type { SidecarFile } from './sidecar';
import type { Suggestion } from './suggest/types';
import { sortTags, type RejectedSuggestion, type Tag } from './tag';

/** Everything Newsmark knows about one article's tags. */
export interface ArticleEntry {
  /** The article's identity (a URI string in the editor, a path in the CLI). */
  readonly key: string;
  /** The tags as they apply to the article text now (possibly unsaved). */
  readonly tags: readonly Tag[];
  /** The tags as the sidecar on disk has them. */
  readonly saved: readonly Tag[];
  /** The sidecar as read, kept so writes keep its comments and unknown keys. */
  readonly sidecar?: SidecarFile;
  /** Set when the sidecar could not be read: the tags are read-only and the file is never written. */
  readonly problem?: string;
  /** Tags an edit touched, to re-check against the text once edits settle. */
  readonly touched: ReadonlySet<string>;
  /** Words in the article when it was last read (for tags per 1,000 words). */
  readonly words?: number;
  /** Suggestions the analyst rejected, as the sidecar should hold them. */
  readonly rejected: readonly RejectedSuggestion[];
  readonly savedRejected: readonly RejectedSuggestion[];
  /** Suggestions on offer now (never saved: accepted ones become tags, rejected ones are remembered). */
  readonly suggestions: readonly Suggestion[];
  /** Tags changed both here and on disk, waiting for Keep Mine / Keep Theirs. */
  readonly conflicts: readonly TagConflict[];
  /** The sidecar is there but its article is not (deleted, or moved outside VS Code). */
  readonly missing?: boolean;
  /** Article details set here and not yet written; absent: as the sidecar has them. */
  readonly details?: ArticleDetails;
}

export type StoreChangeKind = 'loaded' | 'edited' | 'shifted' | 'reattached' | 'merged' | 'suggested' | 'saved' | 'reverted' | 'removed' | 'missing';

export interface StoreChange {
  readonly key: string;
  readonly kind: StoreChangeKind;
}

export class ReadOnlyTagsError extends Error {
  constructor(readonly key: string, readonly problem: string) {
    super(l10n.t('The tags of this article are read-only until its sidecar is fixed: {0}', problem));
  }
}

/** The author of tags made from accepted suggestions, until someone edits them. */
export const SUGGESTED_BY = 'newsmark-suggest';

const NO_TAGS: readonly Tag[] = [];
const NO_REJECTED: readonly RejectedSuggestion[] = [];
const NO_SUGGESTIONS: readonly Suggestion[] = [];
const NOTHING: ReadonlySet<string> = new Set();
const NO_CONFLICTS: readonly TagConflict[] = [];

/**
 * The store's map, which keeps its keys sorted until one is added or removed: the Tags view asks
 * for every key at each redraw, and sorting 10,000 paths each time was a few milliseconds of a
 * task the extension host must keep short.
 */
class Entries extends Map<string, ArticleEntry> {
  sortedKeys: readonly string[] | undefined;

  override set(key: string, entry: ArticleEntry): this {
    if (!this.has(key)) this.sortedKeys = undefined;
    return super.set(key, entry);
  }

  override delete(key: string): boolean {
    const deleted = super.delete(key);
    if (deleted) this.sortedKeys = undefined;
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.sortedKeys = undefined;
  }
}

/**
 * The single source of truth for tags. Views, decorations and storage read from it and
 * follow its change events; none keeps a copy.
 */
export class TagStore {
  private readonly entries = new Entries();
  /** Who is editing (the newsmark.author setting): written on tags they adopt. */
  author: string | undefined;
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;

  /** Every article's key, sorted; the same array until an article is added or removed. */
  keys(): readonly string[] {
    return (this.entries.sortedKeys ??= [...this.entries.keys()].sort());
  }

  get(key: string): ArticleEntry | undefined {
    return this.entries.get(key);
  }

  tags(key: string): readonly Tag[] {
    return this.entries.get(key)?.tags ?? NO_TAGS;
  }

  find(key: string, id: string): Tag | undefined {
    return this.tags(key).find((t) => t.id === id);
  }

  /** Whether the in-memory tags differ from the sidecar on disk. */
  isModified(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && (entry.tags !== entry.saved || entry.rejected !== entry.savedRejected || entry.details !== undefined);
  }

  /** The article's details (outlet, url, published, headline) as they will be written. */
  details(key: string): ArticleDetails {
    const entry = this.entries.get(key);
    return entry?.details ?? entry?.sidecar?.details ?? {};
  }

  /** Sets the article's details, written with its tags (read-only articles refuse, as for tags). */
  setDetails(key: string, details: ArticleDetails): void {
    const current = this.entries.get(key);
    if (current && sameDetails(details, this.details(key))) return;
    const written = { ...details };
    this.edit(key, (tags) => [...tags], () => ({ details: written }), true);
  }

  suggestions(key: string): readonly Suggestion[] {
    return this.entries.get(key)?.suggestions ?? NO_SUGGESTIONS;
  }

  /** Offers suggestions for an article (replacing earlier ones). */
  suggest(key: string, suggestions: readonly Suggestion[]): void {
    const entry = this.entries.get(key) ?? this.empty(key);
    this.entries.set(key, { ...entry, suggestions });
    this.changed.fire({ key, kind: 'suggested' });
  }

  /** Accepted suggestions become ordinary tags (one change, one write). */
  accept(key: string, accepted: readonly Suggestion[], tags: readonly Tag[]): void {
    this.edit(key, (current) => [...current, ...tags], (entry) => ({ suggestions: entry.suggestions.filter((s) => !accepted.includes(s)) }));
  }

  /** Rejected suggestions leave the offer and are remembered in the sidecar. */
  reject(key: string, rejected: readonly Suggestion[]): void {
    const remembered = rejected.map(({ category, start, end, text }) => ({ category, start, end, text }));
    this.edit(key, (current) => [...current], (entry) => ({
      suggestions: entry.suggestions.filter((s) => !rejected.includes(s)),
      rejected: [...entry.rejected, ...remembered],
    }), true);
  }

  /** Loads what the sidecar on disk says (or that it could not be read). Replaces unsaved tags. */
  load(key: string, from: { sidecar?: SidecarFile; problem?: string; words?: number; missing?: boolean }): void {
    const previous = this.entries.get(key);
    const words = from.words ?? previous?.words;
    const extra = { ...defined(from), ...(words !== undefined ? { words } : {}), ...(from.missing ? { missing: true } : {}) };
    if (from.problem !== undefined && previous) {
      // The file on disk broke (a bad merge, a hand edit): what we hold, unsaved changes too, stays in memory, read-only.
      const { sidecar: _, ...kept } = previous;
      this.entries.set(key, { ...kept, ...extra });
    } else {
      const tags = from.sidecar?.tags ?? NO_TAGS;
      const rejected = from.sidecar?.rejected ?? NO_REJECTED;
      this.entries.set(key, {
        key, tags, saved: tags, touched: NOTHING, rejected, savedRejected: rejected, suggestions: previous?.suggestions ?? NO_SUGGESTIONS, conflicts: NO_CONFLICTS, ...extra,
      });
    }
    this.changed.fire({ key, kind: 'loaded' });
  }

  /**
   * The sidecar changed on disk while we held unsaved changes: the merge of both becomes the
   * current tags, and what is on disk becomes what we compare with (and write over, keeping its
   * comments). Conflicts wait for the analyst.
   */
  applyMerge(key: string, sidecar: SidecarFile, result: MergeResult, theirs: readonly Tag[] = sidecar.tags): void {
    const { problem: _, ...entry } = this.entries.get(key) ?? this.empty(key);
    const conflicts = stillOpen(entry.conflicts, result, theirs);
    // A conflicted tag stays visible: theirs, where we had deleted it.
    const hidden = conflicts.flatMap((c) => (c.theirs && !result.tags.some((t) => t.id === c.id) ? [c.theirs] : []));
    this.entries.set(key, {
      ...entry, sidecar, saved: sidecar.tags, savedRejected: sidecar.rejected,
      tags: hidden.length > 0 ? sortTags([...result.tags, ...hidden]) : result.tags, rejected: mergeRejected(entry.rejected, sidecar.rejected), conflicts,
    });
    this.changed.fire({ key, kind: 'merged' });
  }

  /** Settles a conflict: our version (or our deletion), or the one from disk (or its deletion). */
  resolveConflict(key: string, id: string, keep: 'mine' | 'theirs'): void {
    const conflict = this.entries.get(key)?.conflicts.find((c) => c.id === id);
    if (!conflict) return;
    // Ours is the tag as it is now, with any change made since the merge.
    const chosen = (current: readonly Tag[]): Tag | undefined => (keep === 'theirs' ? conflict.theirs : conflict.mine && current.find((t) => t.id === id));
    this.edit(key, (current) => [...current.filter((t) => t.id !== id), ...[chosen(current)].filter((t) => t !== undefined)], (entry) => ({
      conflicts: entry.conflicts.filter((c) => c.id !== id),
    }));
  }

  /**
   * The tags as they may go to disk: a conflicted tag keeps the version on disk until the
   * analyst chooses, so closing the window never loses a colleague's change.
   */
  tagsToWrite(key: string): readonly Tag[] {
    const entry = this.entries.get(key);
    if (!entry) return NO_TAGS;
    if (entry.conflicts.length === 0) return entry.tags;
    const pending = new Map(entry.conflicts.map((c) => [c.id, c]));
    const theirs = entry.conflicts.flatMap((c) => (c.theirs ? [c.theirs] : []));
    return sortTags([...entry.tags.filter((t) => !pending.has(t.id)), ...theirs]);
  }

  /** The article beside the sidecar disappeared, or came back. Its tags stay either way. */
  setMissing(key: string, missing: boolean): void {
    const entry = this.entries.get(key);
    if (!entry || (entry.missing ?? false) === missing) return;
    const { missing: _, ...rest } = entry;
    this.entries.set(key, missing ? { ...rest, missing } : rest);
    this.changed.fire({ key, kind: 'missing' });
  }

  add(key: string, tags: readonly Tag[]): void {
    this.edit(key, (current) => [...current, ...tags]);
  }

  remove(key: string, ids: readonly string[]): void {
    const gone = new Set(ids);
    this.edit(key, (current) => current.filter((t) => !gone.has(t.id)));
  }

  update(key: string, id: string, patch: Partial<Omit<Tag, 'id'>>): void {
    this.updateMany(key, [id], patch);
  }

  /** One patch for several tags of an article: a single change event, a single write. */
  updateMany(key: string, ids: readonly string[], patch: Partial<Omit<Tag, 'id'>>): void {
    const wanted = new Set(ids);
    // A suggested tag becomes the analyst's own once they change it.
    const adopt = (t: Tag): Partial<Tag> => (t.author === SUGGESTED_BY && !('author' in patch) ? { author: this.author } : {});
    this.edit(key, (current) => current.map((t) => (wanted.has(t.id) ? withoutUndefined({ ...t, ...patch, ...adopt(t) }) : t)));
  }

  /**
   * Removes, patches and adds tags of one article as a single edit: one change event, one write
   * (adjudication settles a difference this way, so the sidecar never holds half of it).
   */
  apply(key: string, change: { readonly remove?: readonly string[]; readonly add?: readonly Tag[]; readonly update?: { readonly ids: readonly string[]; readonly patch: Partial<Omit<Tag, 'id'>> } }): void {
    const gone = new Set(change.remove ?? []);
    const patched = new Set(change.update?.ids ?? []);
    const patch = change.update?.patch ?? {};
    this.edit(key, (current) => [
      ...current.filter((t) => !gone.has(t.id)).map((t) => (patched.has(t.id) ? withoutUndefined({ ...t, ...patch }) : t)),
      ...(change.add ?? []),
    ]);
  }

  /** Follows one text change of the article (sidecar units). */
  shift(key: string, change: TextChange): void {
    const entry = this.entries.get(key);
    if (!entry || entry.tags.length === 0) return;
    const result = shiftTags(entry.tags, change);
    const touched = result.touched.length === 0 ? entry.touched : new Set([...entry.touched, ...result.touched]);
    // Both versions of a conflicted tag follow the text too, so either can be kept or written.
    const follow = (t: Tag | undefined): Tag | undefined => t && shiftTags([t], change).tags[0];
    const conflicts = entry.conflicts.length === 0 ? entry.conflicts
      : entry.conflicts.map((c) => withoutUndefined({ id: c.id, mine: follow(c.mine), theirs: follow(c.theirs) }) as TagConflict);
    // Suggestions describe the text they were made for; an edit withdraws them.
    this.entries.set(key, { ...entry, tags: sortTags(result.tags), touched, suggestions: NO_SUGGESTIONS, conflicts });
    this.changed.fire({ key, kind: 'shifted' });
  }

  /**
   * Replaces tags with their re-attached versions (same ids). Counts as an edit: the sidecar is
   * written when the article on disk matches. Tags not in `placed` stay as they are.
   */
  applyReattach(key: string, placed: readonly Tag[], checked: readonly string[] = []): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const byId = new Map(placed.map((t) => [t.id, t]));
    const done = new Set(checked);
    const touched = new Set([...entry.touched].filter((id) => !done.has(id)));
    const replaced = entry.tags.some((t) => byId.has(t.id) && byId.get(t.id) !== t);
    const tags = replaced ? sortTags(entry.tags.map((t) => byId.get(t.id) ?? t)) : entry.tags;
    this.entries.set(key, { ...entry, tags, touched });
    if (replaced) this.changed.fire({ key, kind: 'reattached' });
  }

  /**
   * Records that the sidecar on disk now holds these tags and rejected suggestions, and these
   * details: details set again while the write was under way stay to be written.
   */
  markSaved(key: string, sidecar: SidecarFile, tags: readonly Tag[], rejected: readonly RejectedSuggestion[], details?: ArticleDetails): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const { details: pending, ...rest } = entry;
    const stillPending = pending !== undefined && pending !== details ? { details: pending } : {};
    this.entries.set(key, { ...rest, ...stillPending, sidecar, saved: tags, savedRejected: rejected });
    this.changed.fire({ key, kind: 'saved' });
  }

  /** Back to the tags on disk (the article was reverted). */
  revert(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || !this.isModified(key)) return;
    this.entries.set(key, { ...entry, tags: entry.saved, rejected: entry.savedRejected, touched: NOTHING });
    this.changed.fire({ key, kind: 'reverted' });
  }

  /** The article was renamed or moved: its tags, saved or not, go with it. */
  move(from: string, to: string): void {
    const entry = this.entries.get(from);
    if (!entry || from === to) return;
    this.entries.delete(from);
    this.entries.set(to, { ...entry, key: to });
    this.changed.fire({ key: from, kind: 'removed' });
    this.changed.fire({ key: to, kind: 'loaded' });
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.changed.fire({ key, kind: 'removed' });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private edit(key: string, change: (tags: readonly Tag[]) => Tag[], also?: (entry: ArticleEntry) => Partial<ArticleEntry>, keepTags = false): void {
    const entry = this.entries.get(key) ?? this.empty(key);
    if (entry.problem !== undefined) throw new ReadOnlyTagsError(key, entry.problem);
    this.entries.set(key, { ...entry, ...(keepTags ? {} : { tags: sortTags(change(entry.tags)) }), ...(also?.(entry) ?? {}) });
    this.changed.fire({ key, kind: 'edited' });
  }

  private empty(key: string): ArticleEntry {
    return { key, tags: NO_TAGS, saved: NO_TAGS, touched: NOTHING, rejected: NO_REJECTED, savedRejected: NO_REJECTED, suggestions: NO_SUGGESTIONS, conflicts: NO_CONFLICTS };
  }
}

function defined(from: { sidecar?: SidecarFile; problem?: string }): { sidecar?: SidecarFile; problem?: string } {
  // Only the keys that are set: an entry never carries an explicit undefined.
  return {
    ...(from.sidecar ? { sidecar: from.sidecar } : {}),
    ...(from.problem !== undefined ? { problem: from.problem } : {}),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A conflict the analyst has not settled stays open through later merges (the file kept their
 * version, so the next merge sees no change of theirs and would quietly pick ours), with their
 * version brought up to date — unless both sides now agree.
 */
function stillOpen(open: readonly TagConflict[], result: MergeResult, theirTags: readonly Tag[]): TagConflict[] {
  const fresh = new Set(result.conflicts.map((c) => c.id));
  const carried = open.filter((c) => !fresh.has(c.id)).flatMap((c) => {
    const theirs = theirTags.find((t) => t.id === c.id);
    const mine = c.mine ? result.tags.find((t) => t.id === c.id) : undefined; // our side of it is a deletion
    if (JSON.stringify(theirs) === JSON.stringify(mine)) return [];
    return [{ id: c.id, ...(c.mine ? { mine: c.mine } : {}), ...(theirs ? { theirs } : {}) }];
  });
  return [...result.conflicts, ...carried];
}
