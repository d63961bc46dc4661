// File names for formats that write one file per article (brat, SemEval's ids). Two articles
// may share a name in different folders, and brat drops `.txt`, so `x` and `x.txt` would share
// `x.ann`: each article gets a distinct, stable file name, from its path when its name clashes.
import { dirnamePath, isUnder } from '../fs/paths';
import type { ExportArticle } from './types';

/**
 * Each path relative to the deepest folder holding them all (`sub/a.txt`): the name that tells
 * same-named articles apart, whatever folder the export was started from. The paths are
 * absolute and '/'-separated, as the file-system port's are (the CLI resolves its arguments first).
 */
export function relativeArticlePaths(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  let root = dirnamePath(paths[0]!);
  while (!paths.every((p) => p !== root && isUnder(p, root))) {
    const up = dirnamePath(root);
    if (up === root) break;
    root = up;
  }
  return paths.map((p) => p.slice(root.endsWith('/') ? root.length : root.length + 1));
}

/**
 * A distinct file stem per article: `stemOf(name)` when no other article's stem is the same
 * (case aside, for case-insensitive file systems); else the article's path with `/` as `__`
 * (`sub__a`); numbered `~2`, `~3`… in path order should even that clash. The same articles
 * always get the same stems.
 */
export function distinctStems(articles: readonly ExportArticle[], stemOf: (name: string) => string): string[] {
  const fold = (s: string): string => s.toLowerCase();
  const plain = articles.map((a) => stemOf(a.name));
  const clashes = tally(plain.map(fold));
  const wanted = articles.map((a, i) => (clashes.get(fold(plain[i]!))! > 1 ? stemOf((a.path ?? a.name).split('/').join('__')) : plain[i]!));
  const order = articles.map((_, i) => i).sort((a, b) => compare(articles[a]!.path ?? articles[a]!.name, articles[b]!.path ?? articles[b]!.name));
  const taken = new Set<string>();
  const stems: string[] = [];
  // Stems nobody else wants first, so a numbered one never takes an unnumbered one's name.
  const wantedCount = tally(wanted.map(fold));
  for (const i of order) if (wantedCount.get(fold(wanted[i]!)) === 1) taken.add(fold((stems[i] = wanted[i]!)));
  for (const i of order) {
    if (stems[i] !== undefined) continue;
    let stem = wanted[i]!;
    for (let n = 2; taken.has(fold(stem)); n++) stem = `${wanted[i]!}~${n}`;
    taken.add(fold(stem));
    stems[i] = stem;
  }
  return stems;
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
