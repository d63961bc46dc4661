import * as l10n from '@vscode/l10n';
import { FileSystemError, StaleWriteError, type FileSystemPort } from '../fs/port';
import { parseCodebook, type ParsedCodebook } from './parse';
import { codebookToYaml } from './write';
import { CODEBOOK_FILE_NAME, EMPTY_CODEBOOK, type Codebook } from './types';

/** Where a corpus keeps its codebook: beside the articles at its root. */
export function codebookPath(root: string): string {
  return `${root.replace(/\/+$/, '')}/${CODEBOOK_FILE_NAME}`;
}

/**
 * The codebook at `path`, or the plain four categories when there is none. A file that cannot be
 * read is a problem on line 1, never an exception: without a codebook Newsmark still tags.
 */
export async function loadCodebook(fs: FileSystemPort, path: string): Promise<ParsedCodebook & { readonly found: boolean }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof FileSystemError && error.code === 'NotFound') return { codebook: EMPTY_CODEBOOK, problems: [], found: false };
    const message = error instanceof Error ? error.message : String(error);
    return { codebook: EMPTY_CODEBOOK, problems: [{ line: 1, column: 1, message: l10n.t('The codebook could not be read: {0}', message), severity: 'error' }], found: true };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { codebook: EMPTY_CODEBOOK, problems: [{ line: 1, column: 1, message: l10n.t('The codebook is not UTF-8 text.'), severity: 'error' }], found: true };
  }
  return { ...parseCodebook(text.replace(/^\uFEFF/, '')), found: true };
}

/** Writes a new codebook; never replaces one that is there (the caller opens that one instead). */
export async function createCodebook(fs: FileSystemPort, path: string, codebook: Codebook): Promise<'created' | 'exists'> {
  if ((await fs.stat(path)) !== undefined) return 'exists';
  try {
    await fs.writeFileAtomic(path, new TextEncoder().encode(codebookToYaml(codebook)), { expect: 'absent' });
    return 'created';
  } catch (error) {
    if (error instanceof StaleWriteError || (error instanceof FileSystemError && error.code === 'Exists')) return 'exists';
    throw error;
  }
}
