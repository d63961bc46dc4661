import * as l10n from '@vscode/l10n';
import type { FileSystemPort } from '../fs/port';
import { sidecarNameFor } from '../sidecar';

/**
 * Where an article's sidecar is written. A sidecar that is a symbolic link is written through
 * only when it leads to the sidecar of the article's own real file (article and sidecar both
 * linked from another folder); a link anywhere else — another article's sidecar, a file outside,
 * nothing at all — is refused, so one article's tags never land in another's file. A file system
 * that cannot resolve links refuses every link.
 */
export async function sidecarTarget(fs: FileSystemPort, sidecarPath: string, articlePath: string): Promise<{ path: string } | { problem: string }> {
  const info = await fs.stat(sidecarPath).catch(() => undefined);
  if (!info?.symbolicLink) return { path: sidecarPath };
  const target = await fs.realPath?.(sidecarPath).catch(() => undefined);
  const own = await fs.realPath?.(articlePath).then(sidecarNameFor, () => undefined);
  if (target !== undefined && own !== undefined && target === own) return { path: target };
  return { problem: target === undefined
    ? l10n.t('{0}: is a symbolic link to a file that does not exist, not to this article\'s own sidecar; it is left as it is.', sidecarPath)
    : l10n.t('{0}: is a symbolic link to {1}, not to this article\'s own sidecar; it is left as it is.', sidecarPath, target) };
}
