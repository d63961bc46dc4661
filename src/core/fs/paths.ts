// Port paths are POSIX-style and absolute ('/a/b.txt'); node:path is not available in the web
// extension host, so the few operations the port needs are here.

export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

export function dirnamePath(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

export function basenamePath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` is `folder` itself or lies under it. */
export function isUnder(path: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(prefix);
}

/** `.<name>.<random>.tmp` beside the target: a dot name no sidecar glob matches, in the same folder so the rename stays on one device. */
export function tempPathFor(path: string): string {
  const random = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return joinPath(dirnamePath(path), `.${basenamePath(path)}.${random}.tmp`);
}

/** The lock file NodeFileSystem takes too, so editor and command line exclude each other. */
export function lockPathFor(path: string): string {
  return joinPath(dirnamePath(path), `.${basenamePath(path)}.lock`);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
