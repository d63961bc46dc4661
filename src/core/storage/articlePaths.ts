import { basenamePath, dirnamePath, joinPath } from '../fs/paths';
import { articleNameFor, isSidecarName, sidecarNameFor } from '../sidecar';

/**
 * Store keys ↔ port paths. The command line and the tests use paths as keys; the editor uses URI
 * strings and maps them to the paths of its workspace's file system (undefined: not on it).
 */
export interface ArticlePaths {
  pathOf(key: string): string | undefined;
  keyOf(path: string): string;
}

export const PATHS_ARE_KEYS: ArticlePaths = { pathOf: (key) => key, keyOf: (path) => path };

export function sidecarPathFor(article: string): string {
  return joinPath(dirnamePath(article), sidecarNameFor(basenamePath(article)));
}

/** The article beside a sidecar; undefined when the path is not a sidecar's. */
export function articlePathFor(sidecar: string): string | undefined {
  const name = basenamePath(sidecar);
  return isSidecarName(name) ? joinPath(dirnamePath(sidecar), articleNameFor(name)) : undefined;
}
