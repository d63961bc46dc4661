/**
 * A word diff with the output shape of the `diff` package's diffWords, kept small so the core
 * needs no dependency; `diff` could replace it. Words are compared by their normal form (see
 * words.ts), so a change of case or of quotation marks is not a change of wording.
 */

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

/**
 * `from` (the common wording) against `to` (one version): equal parts show the version's
 * words, removed parts the wording's. Quotes are tens of words, so a full LCS table is cheap.
 */
export function wordDiff(from: readonly DiffWord[], to: readonly DiffWord[]): DiffPart[] {
  const n = from.length;
  const m = to.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = from[i]!.normal === to[j]!.normal ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const parts: { words: string[]; added?: boolean; removed?: boolean }[] = [];
  const push = (word: string, kind: 'same' | 'added' | 'removed'): void => {
    const last = parts[parts.length - 1];
    const lastKind = last === undefined ? undefined : last.added ? 'added' : last.removed ? 'removed' : 'same';
    if (last && lastKind === kind) last.words.push(word);
    else parts.push({ words: [word], ...(kind === 'added' ? { added: true } : kind === 'removed' ? { removed: true } : {}) });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[i]!.normal === to[j]!.normal) {
      push(to[j]!.surface, 'same');
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      push(from[i++]!.surface, 'removed');
    } else {
      push(to[j++]!.surface, 'added');
    }
  }
  while (i < n) push(from[i++]!.surface, 'removed');
  while (j < m) push(to[j++]!.surface, 'added');
  return parts.map(({ words, ...kind }) => ({ value: words.join(' '), ...kind }));
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
