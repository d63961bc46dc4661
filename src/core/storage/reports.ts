import * as l10n from '@vscode/l10n';
import type { SidecarFile, SidecarProblem } from '../sidecar';
import { lfCodePointLength } from '../textIndex';

/** A problem on one line of a sidecar, as the Problems view shows it. */
export interface LineProblem extends SidecarProblem {
  readonly severity: 'error' | 'warning';
}

/**
 * What the repository tells the person (the editor turns these into diagnostics and messages;
 * paths are port paths, keys the store's).
 */
export type StorageReport =
  /** The sidecar cannot be read: its tags are read-only and the file is never written. */
  | { readonly kind: 'unreadable'; readonly key: string; readonly sidecar: string; readonly problems: readonly SidecarProblem[] }
  /** The sidecar was read, but some lines have problems (unreadable entries are left out and kept in the file). */
  | { readonly kind: 'lineProblems'; readonly sidecar: string; readonly problems: readonly LineProblem[]; readonly unreadEntries: readonly SidecarProblem[]; readonly loadedTags: number; readonly notify: boolean }
  /** Nothing to report about this sidecar (any earlier report is out of date). */
  | { readonly kind: 'clear'; readonly sidecar: string }
  /** The sidecar changed on disk while there were unsaved tag changes: both were merged. */
  | { readonly kind: 'mergedFromDisk'; readonly key: string; readonly sidecar: string; readonly conflicts: number }
  /** The article changed since its tags were saved and they were found again, some only roughly or not at all. */
  | { readonly kind: 'reattachedWithDoubt'; readonly key: string; readonly article: string; readonly fuzzy: number; readonly orphaned: number }
  /** Unexpected failure of background work. */
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Tag entries that could not be read (left out, kept in the file) and tags whose offsets lie past
 * the article's end (found again by their text) get a problem on their line.
 */
export function lineProblemsOf(sidecar: string, file: SidecarFile, articleLf: string | undefined, notify: boolean): StorageReport {
  const length = articleLf === undefined ? Infinity : lfCodePointLength(articleLf);
  const beyond = file.tags.filter((t) => t.end > length).map((t): LineProblem => ({
    ...file.positionOf(t.id),
    message: l10n.t('Tag {0}: its offsets ({1}–{2}) lie past the end of the article ({3} characters); Newsmark looks for it by its text instead.', t.id, t.start, t.end, length),
    severity: 'warning',
  }));
  const unread = file.invalidTags.map((p): LineProblem => ({ line: p.line, column: p.column, message: l10n.t('{0} This entry is left out and kept in the file as written until it is fixed.', p.message), severity: 'error' }));
  const details = file.detailProblems.map((p): LineProblem => ({ line: p.line, column: p.column, message: p.message, severity: 'warning' }));
  if (unread.length + beyond.length + details.length === 0) return { kind: 'clear', sidecar };
  return { kind: 'lineProblems', sidecar, problems: [...details, ...unread, ...beyond], unreadEntries: unread, loadedTags: file.tags.length, notify };
}
