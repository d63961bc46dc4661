import * as l10n from '@vscode/l10n';
import { articleHash } from './articleFile';
import { reattach } from './anchor/reattach';
import { mergeTags } from './merge';
import { SidecarFile, SidecarWriteError, type SidecarProblem } from './sidecar';
import type { ArticleDetails } from './details';
import type { RejectedSuggestion, Tag } from './tag';
import type { TagStore } from './tagStore';

/**
 * The sidecar on disk is not what we last read or wrote (git pull, another window) and we hold
 * unsaved tag changes: merge instead of choosing a side. Their tags are first placed on the text
 * ours describe, so positions compare like with like.
 */
export function mergeFromDisk(store: TagStore, key: string, theirs: SidecarFile, articleLf: string | undefined): void {
  const entry = store.get(key);
  if (!entry) return;
  const placed = articleLf !== undefined && articleHash(articleLf) !== theirs.sha256 ? reattach(articleLf, theirs.sha256, theirs.tags).tags : theirs.tags;
  store.applyMerge(key, theirs, mergeTags(entry.saved, entry.tags, placed), placed);
  if (articleLf === undefined) return;
  // Ours may describe an older text (an article changed on disk while closed): find those again.
  const checked = reattach(articleLf, undefined, store.tags(key));
  if (checked.changed) store.applyReattach(key, checked.tags);
}

export interface SidecarWrite {
  /** The YAML to write. */
  readonly text: string;
  /** What the file then holds, for TagStore.markSaved. */
  readonly sidecar: SidecarFile;
  readonly tags: readonly Tag[];
  readonly rejected: readonly RejectedSuggestion[];
  /** The details set in the store that this write carries (pass on to markSaved). */
  readonly details?: ArticleDetails;
}

/**
 * The sidecar text for an article's tags as they may go to disk (conflicted tags as on disk),
 * keeping the comments and unknown keys of the file we read. Undefined for a sidecar that could
 * not be read, problems for one that cannot be written back faithfully: neither is ever written.
 */
export function sidecarWrite(store: TagStore, key: string, articleName: string, articleLf: string): SidecarWrite | { problems: SidecarProblem[] } | undefined {
  const entry = store.get(key);
  if (!entry || entry.problem !== undefined) return undefined;
  const tags = store.tagsToWrite(key);
  const base = entry.sidecar ?? SidecarFile.create(articleName, '');
  let text: string;
  try {
    text = base.serialize(tags.map(orphanIfCollapsed), articleHash(articleLf), articleName, entry.rejected, entry.details);
  } catch (error) {
    if (error instanceof SidecarWriteError) return { problems: [...error.problems] };
    throw error;
  }
  const reread = SidecarFile.parse(text);
  if (!reread.ok) throw new Error(l10n.t('Newsmark produced a sidecar it cannot read back ({0}); nothing was written.', reread.problems[0]?.message ?? ''));
  return { text, sidecar: reread.sidecar, tags, rejected: entry.rejected, ...(entry.details ? { details: entry.details } : {}) };
}

/** A tag whose whole text was deleted is saved as orphaned, with its last known text. */
function orphanIfCollapsed(tag: Tag): Tag {
  return tag.start === tag.end && tag.status !== 'orphaned' ? { ...tag, status: 'orphaned' } : tag;
}
