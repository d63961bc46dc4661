import { shiftTags, type TextChange } from './edits';
import { Emitter } from './events';
import type { SidecarFile } from './sidecar';
import { sortTags, type Tag } from './tag';

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
}

export type StoreChangeKind = 'loaded' | 'edited' | 'shifted' | 'reattached' | 'saved' | 'reverted' | 'removed';

export interface StoreChange {
  readonly key: string;
  readonly kind: StoreChangeKind;
}

export class ReadOnlyTagsError extends Error {
  constructor(readonly key: string, readonly problem: string) {
    super(`The tags of this article are read-only until its sidecar is fixed: ${problem}`);
  }
}

const NO_TAGS: readonly Tag[] = [];
const NOTHING: ReadonlySet<string> = new Set();

/**
 * The single source of truth for tags. Views, decorations and storage read from it and
 * follow its change events; none keeps a copy.
 */
export class TagStore {
  private readonly entries = new Map<string, ArticleEntry>();
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;

  keys(): string[] {
    return [...this.entries.keys()].sort();
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
    return entry !== undefined && entry.tags !== entry.saved;
  }

  /** Loads what the sidecar on disk says (or that it could not be read). Replaces unsaved tags. */
  load(key: string, from: { sidecar?: SidecarFile; problem?: string; words?: number }): void {
    const previous = this.entries.get(key);
    const tags = from.sidecar?.tags ?? (from.problem !== undefined ? previous?.saved ?? NO_TAGS : NO_TAGS);
    const words = from.words ?? previous?.words;
    this.entries.set(key, { key, tags, saved: tags, touched: NOTHING, ...defined(from), ...(words !== undefined ? { words } : {}) });
    this.changed.fire({ key, kind: 'loaded' });
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
    this.edit(key, (current) => current.map((t) => (wanted.has(t.id) ? withoutUndefined({ ...t, ...patch }) : t)));
  }

  /** Follows one text change of the article (sidecar units). */
  shift(key: string, change: TextChange): void {
    const entry = this.entries.get(key);
    if (!entry || entry.tags.length === 0) return;
    const result = shiftTags(entry.tags, change);
    const touched = result.touched.length === 0 ? entry.touched : new Set([...entry.touched, ...result.touched]);
    this.entries.set(key, { ...entry, tags: sortTags(result.tags), touched });
    this.changed.fire({ key, kind: 'shifted' });
  }

  /**
   * Replaces tags with their re-attached versions (same ids). Counts as an edit: the sidecar is
   * written when the article on disk matches. Tags not in `placed` stay as they are.
   */
  reattached(key: string, placed: readonly Tag[], checked: readonly string[] = []): void {
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

  /** Records that the sidecar on disk now holds the current tags. */
  markSaved(key: string, sidecar: SidecarFile, tags: readonly Tag[]): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.set(key, { ...entry, sidecar, saved: tags, tags: entry.tags === tags ? tags : entry.tags });
    this.changed.fire({ key, kind: 'saved' });
  }

  /** Back to the tags on disk (the article was reverted). */
  revert(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.tags === entry.saved) return;
    this.entries.set(key, { ...entry, tags: entry.saved, touched: NOTHING });
    this.changed.fire({ key, kind: 'reverted' });
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.changed.fire({ key, kind: 'removed' });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private edit(key: string, change: (tags: readonly Tag[]) => Tag[]): void {
    const entry = this.entries.get(key) ?? { key, tags: NO_TAGS, saved: NO_TAGS, touched: NOTHING };
    if (entry.problem !== undefined) throw new ReadOnlyTagsError(key, entry.problem);
    this.entries.set(key, { ...entry, tags: sortTags(change(entry.tags)) });
    this.changed.fire({ key, kind: 'edited' });
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
