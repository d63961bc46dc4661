import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CODEBOOK_FILE_NAME, codebookPath, loadCodebook, type Codebook } from '../core/codebook/index';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import type { Output } from './output';

/**
 * The corpus's codebook: newsmark.codebook.yaml in the folder given (a file's folder for a file)
 * or, as git and .editorconfig are found, in the nearest folder above it — a command run on one
 * outlet's subfolder reads the codebook at the corpus's top, as the editor does at the workspace
 * root. Its problems are told on standard error, never fatal: without a codebook the four
 * categories are all there is.
 */
export async function corpusCodebook(path: string, out: Output): Promise<Codebook> {
  const start = resolve((await stat(path).catch(() => undefined))?.isDirectory() ? path : dirname(path));
  const folder = (await nearestWithCodebook(start)) ?? start;
  const { codebook, problems } = await loadCodebook(new NodeFileSystem(), codebookPath(fromNativePath(folder)));
  for (const p of problems) out.error(`⚠ ${join(folder, CODEBOOK_FILE_NAME)}:${p.line}: ${p.message}`);
  return codebook;
}

async function nearestWithCodebook(folder: string): Promise<string | undefined> {
  for (let at = folder; ; at = dirname(at)) {
    if ((await stat(join(at, CODEBOOK_FILE_NAME)).catch(() => undefined)) !== undefined) return at;
    if (dirname(at) === at) return undefined;
  }
}
