/**
 * Word diffs of quote versions, by the `diff` package's diffWords. Words are compared by their
 * normal form (see words.ts), so a change of case or of quotation marks is not a change of wording.
 */
import { diffWords } from 'diff';

export interface DiffPart {
  /** The words of this part joined by single spaces (diffWords also keeps the white space). */
  readonly value: string;
  /** Words in the version but not in the wording it is compared with. */
  readonly added?: boolean;
  /** Words of the wording that the version lacks. */
  readonly removed?: boolean;
}

export interface DiffWord {
  readonly surface: string;
  readonly normal: string;
}

/** A run of words: kept (in both), added (the version's only) or removed (the wording's only). */
export interface WordRun {
  readonly kind: 'same' | 'added' | 'removed';
  readonly count: number;
}

/**
 * The normal words of `from` (the common wording) against those of `to` (one version), as runs.
 * diffWords counts only Latin letters and digits as word characters, so "3,835", "it's" or a
 * Cyrillic word would be cut into pieces; each distinct normal word is handed to it as a stand-in
 * of word characters, which keeps every word one token whatever its script or punctuation.
 */
export function wordRuns(from: readonly string[], to: readonly string[]): WordRun[] {
  const ids = new Map<string, string>();
  const standIn = (w: string): string => {
    let id = ids.get(w);
    if (id === undefined) ids.set(w, (id = `w${ids.size.toString(36)}`));
    return id;
  };
  const changes = diffWords(from.map(standIn).join(' '), to.map(standIn).join(' '));
  const runs: WordRun[] = [];
  for (const change of changes) {
    const count = change.value.split(' ').filter(Boolean).length;
    if (count === 0) continue;
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = runs[runs.length - 1];
    if (last?.kind === kind) runs[runs.length - 1] = { kind, count: last.count + count };
    else runs.push({ kind, count });
  }
  return runs;
}

/**
 * The runs spelled out: equal and added parts show the version's words as printed, removed parts
 * the wording's. The runs depend only on the normal words, so a cluster works them out once per
 * distinct wording and spells them out for each member.
 */
export function partsOf(runs: readonly WordRun[], from: readonly DiffWord[], to: readonly DiffWord[]): DiffPart[] {
  let i = 0;
  let j = 0;
  return runs.map(({ kind, count }) => {
    if (kind === 'removed') {
      const words = from.slice(i, (i += count));
      return { value: words.map((w) => w.surface).join(' '), removed: true };
    }
    const words = to.slice(j, (j += count));
    if (kind === 'same') i += count;
    return { value: words.map((w) => w.surface).join(' '), ...(kind === 'added' ? { added: true } : {}) };
  });
}

/** `from` (the common wording) against `to` (one version), word by word. */
export function wordDiff(from: readonly DiffWord[], to: readonly DiffWord[]): DiffPart[] {
  return partsOf(wordRuns(from.map((w) => w.normal), to.map((w) => w.normal)), from, to);
}

/** Length of the longest common subsequence of two word lists. */
export function commonWords(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
