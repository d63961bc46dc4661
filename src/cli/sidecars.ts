import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeArticle } from '../core/articleFile';
import { articleNameFor, isSidecarName, SidecarFile } from '../core/sidecar';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import { SidecarRepository } from '../core/storage/sidecarRepository';
import { sidecarTarget } from '../core/storage/sidecarTarget';
import type { SidecarUpdate, UpdateResult } from '../core/sidecarUpdate';
import { TagStore } from '../core/tagStore';
import { toLf } from '../core/textIndex';
import { describeError, readRegularFile } from './inputFile';

export class UsageError extends Error {}

/**
 * PATH arguments → sidecar paths: a sidecar itself, an article's sidecar, or every sidecar under a
 * folder. Folder scans do not follow symbolic links; each one skipped is named to `notice`.
 */
export async function findSidecars(paths: readonly string[], notice: (message: string) => void = () => undefined): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`${path}: no such file or folder.`);
    if (info.isDirectory() && !isSidecarName(basename(path))) {
      const entries = await readdir(path, { withFileTypes: true, recursive: true });
      for (const e of entries) if (e.isSymbolicLink() && isSidecarName(e.name)) notice(`skipped symlink ${join(e.parentPath, e.name)}`);
      // A folder or a FIFO named like a sidecar is listed too, so that it is reported, not skipped.
      found.push(...entries.filter((e) => !e.isSymbolicLink() && isSidecarName(e.name)).map((e) => join(e.parentPath, e.name)).sort());
    } else {
      found.push(isSidecarName(basename(path)) ? path : `${path}.tags.yaml`);
    }
  }
  return [...new Set(found)];
}

export type LoadedPair =
  | { ok: true; sidecarPath: string; articlePath: string; sidecar: SidecarFile; articleLf: string; invalid: string[] }
  | { ok: false; sidecarPath: string; articlePath: string; problems: string[] };

/** Reads a sidecar and the article beside it, with messages that say what is wrong and where. */
export async function loadPair(sidecarPath: string): Promise<LoadedPair> {
  const articlePath = join(dirname(sidecarPath), articleNameFor(basename(sidecarPath)));
  const fail = (...problems: string[]): LoadedPair => ({ ok: false, sidecarPath, articlePath, problems });
  const read = await readRegularFile(sidecarPath);
  if (!read.ok) return fail(`${sidecarPath}: ${read.missing ? 'no such sidecar.' : read.reason}`);
  const decoded = decodeArticle(read.bytes, basename(sidecarPath));
  if (!decoded.ok) return fail(`${sidecarPath}: ${decoded.reason}`);
  const parsed = SidecarFile.parse(decoded.text);
  if (!parsed.ok) return fail(...parsed.problems.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.message}`));
  const articleRead = await readRegularFile(articlePath);
  if (!articleRead.ok && articleRead.missing) return fail(`${sidecarPath}: the article ${basename(articlePath)} is missing beside it; the sidecar is left as it is.`);
  if (!articleRead.ok) return fail(`${articlePath}: ${articleRead.reason}`);
  const article = decodeArticle(articleRead.bytes, basename(articlePath));
  if (!article.ok) return fail(`${articlePath}: ${article.reason}`);
  const invalid = [
    ...parsed.sidecar.detailProblems.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.message}`),
    ...parsed.sidecar.invalidTags.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.message} (left out, kept in the file as written)`),
  ];
  return { ok: true, sidecarPath, articlePath, sidecar: parsed.sidecar, articleLf: toLf(article.text), invalid };
}

/** loadPair, with anything unexpected turned into that file's one-line problem so a folder run goes on. */
export async function loadPairOrSay(sidecarPath: string): Promise<LoadedPair> {
  try {
    return await loadPair(sidecarPath);
  } catch (error) {
    return { ok: false, sidecarPath, articlePath: join(dirname(sidecarPath), articleNameFor(basename(sidecarPath))), problems: [`${sidecarPath}: ${describeError(error)}`] };
  }
}

export type ReadablePair = Extract<LoadedPair, { ok: true }>;

/** Every readable article/sidecar pair under the paths; the others are reported as they are met. */
export async function readablePairs(paths: readonly string[], report: (problem: string) => void, notice: (message: string) => void = report): Promise<{ pairs: ReadablePair[]; failed: boolean }> {
  const pairs: ReadablePair[] = [];
  let failed = false;
  for (const path of await findSidecars(paths, notice)) {
    const pair = await loadPairOrSay(path);
    if (pair.ok) {
      pair.invalid.forEach(report); // the readable tags go on; the unreadable ones are named
      pairs.push(pair);
    } else {
      pair.problems.forEach(report);
      failed = true;
    }
  }
  return { pairs, failed };
}

let repository: SidecarRepository | undefined;

/** The command line's sidecar repository: the editor's, over Node's file system. */
function sidecarRepository(): SidecarRepository {
  repository ??= new SidecarRepository({ fs: new NodeFileSystem(), store: new TagStore() });
  return repository;
}

/**
 * Every command-line write of a sidecar goes through here: the link check (a symbolic link is
 * written through only to the article's own sidecar), then the repository's guarded update.
 */
export async function updateSidecarFile(articlePath: string, update: Omit<SidecarUpdate, 'sidecarPath' | 'articleName'> & { sidecarPath?: string }): Promise<UpdateResult> {
  const repository = sidecarRepository();
  const sidecarPath = fromNativePath(update.sidecarPath ?? `${articlePath}.tags.yaml`);
  const target = await sidecarTarget(repository.fs, sidecarPath, fromNativePath(resolve(articlePath)));
  if ('problem' in target) return { ok: false, problem: target.problem };
  return repository.update(fromNativePath(articlePath), { ...update, sidecarPath: target.path, articleName: basename(articlePath) });
}
