/**
 * Reading annotation sets (folders of articles with sidecars) from disk for the agreement core:
 * shared by `newsmark agree` and the editor's Agreement Report, so both compare the same things
 * the same way. Anything that would make the figures wrong (a folder that is not there, a sidecar
 * or tag entry that cannot be read) is a UsageError, never counted as a disagreement.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { pairSets, type PairedSets, type SetArticle } from '../core/agreement/sets';
import { decodeArticle } from '../core/articleFile';
import { toLf } from '../core/textIndex';
import { readRegularFile } from './inputFile';
import { findSidecars, loadPairOrSay, UsageError } from './sidecars';

/** Two folders paired by article path, A's text the one compared on. */
export async function pairFolders(rootA: string, rootB: string, notice: (message: string) => void): Promise<PairedSets> {
  // One set may sit inside the other (a colleague's export folder in my workspace): it is theirs, not mine.
  const [setA, setB] = [await loadSet(rootA, notice, rootB), await loadSet(rootB, notice, rootA)];
  // An article tagged on one side only may be there, untagged, on the other: zero tags, still compared.
  for (const [from, to, root] of [[setA, setB, rootB], [setB, setA, rootA]] as const) {
    for (const path of from.keys()) if (!to.has(path)) {
      const untagged = await untaggedArticle(root, path);
      if (untagged) to.set(path, untagged);
    }
  }
  return pairSets([...setA.values()], [...setB.values()], { a: 'A', b: 'B' });
}

export async function mustBeFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${path}: no such folder.`);
  if (!info.isDirectory()) throw new UsageError(`${path} is not a folder; an annotation set is a folder of articles with their sidecars.`);
}

/**
 * Every article with a sidecar under the root, by '/'-separated path; any unreadable one is bad
 * usage. `except`: a folder inside the root whose sidecars belong to another set, left out.
 */
export async function loadSet(root: string, notice: (message: string) => void, except?: string): Promise<Map<string, SetArticle>> {
  const nested = except === undefined ? undefined : relative(root, except);
  const inNested = (path: string): boolean => nested !== undefined && nested !== '' && !nested.startsWith('..') && !isAbsolute(nested) && !relative(except!, path).startsWith('..');
  const set = new Map<string, SetArticle>();
  const problems: string[] = [];
  for (const sidecarPath of (await findSidecars([root], notice)).filter((p) => !inNested(p))) {
    const pair = await loadPairOrSay(sidecarPath);
    if (!pair.ok) {
      problems.push(...pair.problems);
      continue;
    }
    // A tag entry that cannot be read would count as a tag the coder did not make.
    if (pair.sidecar.invalidTags.length > 0) {
      problems.push(...pair.sidecar.invalidTags.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.message}`));
      continue;
    }
    const path = relative(root, pair.articlePath).split(sep).join('/');
    set.set(path, { path, text: pair.articleLf, sha256: pair.sidecar.sha256, tags: pair.sidecar.tags });
  }
  if (problems.length > 0) {
    throw new UsageError(`cannot compare ${root}: ${problems.length === 1 ? 'a sidecar' : `${problems.length} sidecars or tags`} cannot be read (newsmark validate says more; nothing was compared):\n  ${problems.join('\n  ')}`);
  }
  return set;
}

/** The article at `path` in the other set, when it is there without a sidecar. */
async function untaggedArticle(root: string, path: string): Promise<SetArticle | undefined> {
  const file = join(root, ...path.split('/'));
  const read = await readRegularFile(file);
  if (!read.ok) {
    if (read.missing) return undefined;
    throw new UsageError(`${file}: ${read.reason}`);
  }
  const decoded = decodeArticle(read.bytes, basename(file));
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.reason}`);
  return { path, text: toLf(decoded.text), tags: [] };
}
