import { FileSystemError, StaleWriteError } from '../fs/port';
import { basenamePath } from '../fs/paths';
import { isSidecarName } from '../sidecar';
import { updateSidecar, type SidecarUpdate, type UpdateResult } from '../sidecarUpdate';
import { readBytes, sidecarContent } from './diskRecord';
import { sidecarPathFor } from './articlePaths';
import { SidecarFiles } from './sidecarFiles';

/** A rename of an article or a folder, by store key. */
export interface ArticleMove {
  readonly from: string;
  readonly to: string;
}

/** A sidecar rename, by port path, to carry out with the article's. */
export interface SidecarMove {
  readonly from: string;
  readonly to: string;
}

export type LocateResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'hasTags' | 'notOnThisFileSystem' };

/**
 * The one code that writes, moves or deletes a sidecar, for the editor and the command line
 * alike: SidecarFiles's loading and guarded writing, plus what follows an article that moves
 * (its sidecar and the `article:` field inside it), the analyst's Delete Tags Too and Locate
 * Article, and the command line's updates.
 */
export class SidecarRepository extends SidecarFiles {
  /**
   * Before a rename (the editor's, or moveArticle): the articles are marked as moving, so closing
   * their documents does not revert their tags, and the sidecar renames to make along with the
   * article's are returned — an article renamed by itself would leave its tags behind.
   */
  async willRename(moves: readonly ArticleMove[]): Promise<SidecarMove[]> {
    for (const move of moves) this.markRenaming(move.from, true);
    const sidecars: SidecarMove[] = [];
    for (const move of moves) {
      const [from, to] = [this.paths.pathOf(move.from), this.paths.pathOf(move.to)];
      // A sidecar renamed by hand is left to the person; a folder's sidecars move with it.
      if (from === undefined || to === undefined || isSidecarName(basenamePath(from))) continue;
      if ((await this.fs.stat(sidecarPathFor(from)).catch(() => undefined))?.type === 'file') sidecars.push({ from: sidecarPathFor(from), to: sidecarPathFor(to) });
    }
    return sidecars;
  }

  /** After the rename: the tags follow (unsaved changes included) and a moved sidecar names its article's new name. */
  async didRename(moves: readonly ArticleMove[]): Promise<void> {
    await this.track((async () => {
      try {
        for (const move of moves) await this.followMove(move);
      } finally {
        for (const move of moves) this.markRenaming(move.from, false);
      }
    })());
  }

  private async followMove(move: ArticleMove): Promise<void> {
    const [from, to] = [this.paths.pathOf(move.from), this.paths.pathOf(move.to)];
    if (from === undefined || to === undefined || isSidecarName(basenamePath(from))) return;
    const moved = this.store.keys().filter((key) => key === move.from || key.startsWith(`${move.from}/`));
    // Asked of the disk, not the store: an article loaded late (or not at all) still renames its sidecar's field.
    const isFile = (await this.fs.stat(to).catch(() => undefined))?.type === 'file';
    // A file's sidecar moved beside it; a folder's sidecars moved inside it.
    if (isFile) this.record.move(sidecarPathFor(from), sidecarPathFor(to));
    else this.record.move(from, to);
    for (const key of moved) this.store.move(key, move.to + key.slice(move.from.length));
    this.cachedRows.deleteUnder(move.from); // listed from the cache under the old name: read again under the new one when the watcher tells
    if (isFile) await this.inQueue(move.to, () => this.writeArticleName(to));
  }

  /** Renames an article and its sidecar through the file system, as the editor's rename does. */
  async moveArticle(from: string, to: string): Promise<void> {
    const [fromPath, toPath] = [this.paths.pathOf(from), this.paths.pathOf(to)];
    if (fromPath === undefined || toPath === undefined) throw new Error(`${from} or ${to} is not on this file system.`);
    // Never into another article's tags: refused before anything moves.
    if (await this.exists(sidecarPathFor(toPath))) throw new FileSystemError('Exists', sidecarPathFor(toPath));
    const sidecars = await this.willRename([{ from, to }]);
    try {
      await this.fs.rename(fromPath, toPath, { overwrite: false });
      for (const sidecar of sidecars) await this.fs.rename(sidecar.from, sidecar.to, { overwrite: false });
    } catch (error) {
      this.markRenaming(from, false);
      throw error;
    }
    await this.didRename([{ from, to }]);
  }

  /** The analyst's choice for a missing article: its sidecar goes (to the trash where there is one) with its tags. */
  async deleteSidecar(key: string): Promise<void> {
    const article = this.paths.pathOf(key);
    if (article === undefined) return;
    const sidecar = sidecarPathFor(article);
    await this.track(this.inQueue(key, async () => {
      await this.fs.delete(sidecar, { useTrash: true }).catch((error: unknown) => {
        if (!(error instanceof FileSystemError && error.code === 'NotFound')) throw error;
      });
      this.record.forget(sidecar);
      this.report({ kind: 'clear', sidecar });
      this.store.delete(key);
    }));
  }

  /** The missing flag may be stale (a checkout restored the article): true, and the flag cleared, when it is back. */
  async articleIsBack(key: string): Promise<boolean> {
    const article = this.paths.pathOf(key);
    if (article === undefined || !(await this.exists(article))) return false;
    this.store.setMissing(key, false);
    return true;
  }

  /** The article was moved outside Newsmark: its sidecar joins it at `to`, and the tags are found again there. */
  async locate(from: string, to: string): Promise<LocateResult> {
    const [fromPath, toPath] = [this.paths.pathOf(from), this.paths.pathOf(to)];
    if (fromPath === undefined || toPath === undefined) return { ok: false, reason: 'notOnThisFileSystem' };
    if (await this.exists(sidecarPathFor(toPath))) return { ok: false, reason: 'hasTags' };
    await this.track(this.inQueue(from, async () => {
      await this.fs.rename(sidecarPathFor(fromPath), sidecarPathFor(toPath), { overwrite: false });
      this.record.move(sidecarPathFor(fromPath), sidecarPathFor(toPath));
    }));
    this.store.move(from, to); // with any tag changes not yet written
    this.store.setMissing(to, false);
    await this.track(this.inQueue(to, () => this.writeArticleName(toPath)));
    await this.track(this.load(to));
    return { ok: true };
  }

  /**
   * The command line's guarded update of one article's sidecar (check --fix, import, suggest
   * --write): in the article's queue, expecting the file to be as read, merged and retried when
   * another writer got there first.
   */
  update(articlePath: string, update: SidecarUpdate): Promise<UpdateResult> {
    return this.inQueue(this.paths.keyOf(articlePath), () => updateSidecar(this.fs, update, (bytes) => this.record.remember(update.sidecarPath, bytes)));
  }

  /** The sidecar now beside a renamed or located article says the article's new name (never a file it could not read). */
  private async writeArticleName(article: string): Promise<void> {
    const sidecar = sidecarPathFor(article);
    const read = await readBytes(this.fs, sidecar);
    const content = sidecarContent(sidecar, read, this.maxBytes());
    const name = basenamePath(article);
    if (!(read instanceof Uint8Array) || content.kind !== 'ok' || content.file.article === name || content.file.writeProblems().length > 0) return;
    const bytes = new TextEncoder().encode(content.file.serialize(content.file.tags, content.file.sha256, name));
    try {
      await this.fs.writeFileAtomic(sidecar, bytes, { expect: { bytes: read } });
    } catch (error) {
      if (error instanceof StaleWriteError) return; // someone wrote it meanwhile: their file stands, the next save merges
      throw error;
    }
    // Only if the record held the file we read: otherwise the watcher's news is still to be merged.
    if (this.record.unchanged(sidecar, read)) this.record.remember(sidecar, bytes);
  }

}
