import type { FileSystemPort } from './port';
import { joinPath } from './paths';

/** `find` for every implementation: a depth-first walk over readDirectory, results sorted. */
export async function findFiles(readDirectory: FileSystemPort['readDirectory'], root: string, match: (path: string) => boolean, skip?: (folder: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    for (const [name, type] of await readDirectory(folder)) {
      const path = joinPath(folder, name);
      if (type === 'directory') {
        if (!skip?.(path)) await visit(path);
      } else if (type === 'file' && match(path)) found.push(path);
    }
  };
  await visit(root);
  return found.sort();
}
