import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CODEBOOK_FILE_NAME, codebookPath, loadCodebook, type Codebook } from '../core/codebook/index';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import type { Output } from './output';

/**
 * The corpus's codebook: newsmark.codebook.yaml in the folder given (a file's folder for a file),
 * as the editor finds it at the workspace root. Its problems are told on standard error, never
 * fatal: without a codebook the four categories are all there is.
 */
export async function corpusCodebook(path: string, out: Output): Promise<Codebook> {
  const folder = (await stat(path).catch(() => undefined))?.isDirectory() ? path : dirname(path);
  const { codebook, problems } = await loadCodebook(new NodeFileSystem(), codebookPath(fromNativePath(resolve(folder))));
  for (const p of problems) out.error(`⚠ ${join(folder, CODEBOOK_FILE_NAME)}:${p.line}: ${p.message}`);
  return codebook;
}
