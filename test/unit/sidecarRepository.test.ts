// The sidecar repository (src/core/storage) on the in-memory file system: what the editor and the
// command line rely on when they load, write, merge, move and delete sidecars.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import type { FileChange } from '../../src/core/fs/port';
import { SidecarFile } from '../../src/core/sidecar';
import type { StorageReport } from '../../src/core/storage/reports';
import type { OpenArticle } from '../../src/core/storage/sidecarFiles';
import { SidecarRepository } from '../../src/core/storage/sidecarRepository';
import type { Tag } from '../../src/core/tag';
import { ReadOnlyTagsError, TagStore } from '../../src/core/tagStore';
import { sidecarText, tagOn, TRAM } from './cliCorpus';

const ARTICLE = '/corpus/city/tram.txt';
const SIDECAR = `${ARTICLE}.tags.yaml`;
const CLAIM = tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c1a1a1a1');
const FIGURE = tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1');
const FRAMING = tagOn(TRAM, 'reckless gamble', 'framing', 'e1e1e1e1');

interface Setup {
  fs: MemoryFileSystem;
  store: TagStore;
  repository: SidecarRepository;
  reports: StorageReport[];
  /** The articles open in an editor, as the editor would tell the repository. */
  open: Map<string, OpenArticle>;
  settle: () => Promise<void>;
}

/**
 * A corpus folder in memory with the given files, a repository hearing its changes (those `heard`
 * lets through, as an editor's watcher reports them), and everything loaded.
 */
async function setup(files: Record<string, string | Uint8Array>, heard: (change: FileChange) => boolean = () => true): Promise<Setup> {
  const fs = new MemoryFileSystem();
  await fs.createDirectory('/corpus');
  for (const [path, content] of Object.entries(files)) fs.writeRaw(path, content);
  const store = new TagStore();
  const open = new Map<string, OpenArticle>();
  const repository = new SidecarRepository({ fs, store, settleMs: 1, openArticle: (key) => open.get(key) });
  const reports: StorageReport[] = [];
  repository.onDidReport((r) => reports.push(r));
  await fs.watchersIdle(); // the setup's own writes are not news
  const watcher = fs.watch('/corpus', (change) => {
    if (heard(change)) repository.fileChanged(change);
  });
  void after(() => watcher.dispose());
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await fs.watchersIdle();
      await repository.idle();
    }
  };
  await repository.loadAll(['/corpus']);
  await settle();
  return { fs, store, repository, reports, open, settle };
}

async function onDisk(fs: MemoryFileSystem, path: string): Promise<SidecarFile> {
  const parsed = SidecarFile.parse(new TextDecoder().decode(await fs.readFile(path)));
  assert.ok(parsed.ok, `${path} is readable`);
  return parsed.sidecar;
}

const ids = (tags: readonly Tag[]): string[] => tags.map((t) => t.id).sort();

describe('SidecarRepository', () => {
  it('loads every sidecar under the roots, but none in node_modules or a dot folder', async () => {
    const { store } = await setup({
      [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]),
      '/corpus/node_modules/x/tram.txt': TRAM, '/corpus/node_modules/x/tram.txt.tags.yaml': sidecarText('tram.txt', TRAM, [FIGURE]),
      '/corpus/.git/tram.txt': TRAM, '/corpus/.git/tram.txt.tags.yaml': sidecarText('tram.txt', TRAM, [FIGURE]),
    });
    assert.deepEqual(store.keys(), [ARTICLE]);
    assert.deepEqual(ids(store.tags(ARTICLE)), [CLAIM.id]);
  });

  it('writes a new tag to the sidecar, creating it for an article that had none', async () => {
    const { fs, store, settle } = await setup({ [ARTICLE]: TRAM });
    store.add(ARTICLE, [FRAMING]);
    await settle();
    const file = await onDisk(fs, SIDECAR);
    assert.deepEqual(ids(file.tags), [FRAMING.id]);
    assert.equal(file.article, 'tram.txt');
    assert.equal(store.isModified(ARTICLE), false);
  });

  it('merges a colleague\'s change made on disk with its own unsaved tag: both are kept', async () => {
    const { fs, store, reports, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    fs.writeRaw(SIDECAR, sidecarText('tram.txt', TRAM, [CLAIM, FIGURE])); // the colleague, watcher not yet heard
    store.add(ARTICLE, [FRAMING]);
    await settle();
    assert.deepEqual(ids((await onDisk(fs, SIDECAR)).tags), ids([CLAIM, FIGURE, FRAMING]));
    assert.deepEqual(ids(store.tags(ARTICLE)), ids([CLAIM, FIGURE, FRAMING]));
    assert.ok(reports.some((r) => r.kind === 'mergedFromDisk' && r.conflicts === 0));
  });

  it('refuses a sidecar it cannot read: tags read-only, reported, and the file never written', async () => {
    const broken = 'tags: [ {id: c1a1a1a1, category: claim\n';
    const { fs, store, repository, reports, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: broken });
    assert.ok(store.get(ARTICLE)?.problem);
    assert.ok(reports.some((r) => r.kind === 'unreadable' && r.sidecar === SIDECAR));
    assert.throws(() => store.add(ARTICLE, [FRAMING]), ReadOnlyTagsError);
    await repository.saveIfClean(ARTICLE);
    await repository.articleSaved(ARTICLE, TRAM);
    await settle();
    assert.equal(new TextDecoder().decode(await fs.readFile(SIDECAR)), broken);
  });

  it('moves an article with its sidecar, which then names the new article', async () => {
    const { fs, store, repository, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    store.add(ARTICLE, [FIGURE]);
    await settle();
    const to = '/corpus/city/tram-line.txt';
    await repository.moveArticle(ARTICLE, to);
    await settle();
    assert.equal(await fs.stat(SIDECAR), undefined);
    const file = await onDisk(fs, `${to}.tags.yaml`);
    assert.equal(file.article, 'tram-line.txt');
    assert.deepEqual(ids(file.tags), ids([CLAIM, FIGURE]));
    assert.deepEqual(store.keys(), [to]);
    assert.deepEqual(ids(store.tags(to)), ids([CLAIM, FIGURE]));
  });


  it('keeps the tags of an article the editor renames even when the watcher reports its old sidecar gone first', async () => {
    // The editor's rename: willRename, the file system moves both files, the watcher may speak
    // before didRename runs — then the old sidecar's deletion must not drop the tags on the way.
    const { fs, store, repository, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('varnia.txt', TRAM, [CLAIM]) });
    const to = '/corpus/city/tram-line.txt';
    const sidecars = await repository.willRename([{ from: ARTICLE, to }]);
    assert.deepEqual(sidecars, [{ from: SIDECAR, to: `${to}.tags.yaml` }]);
    await fs.rename(ARTICLE, to, { overwrite: false });
    await fs.rename(SIDECAR, `${to}.tags.yaml`, { overwrite: false });
    await settle(); // the watcher's news arrives before didRename
    await repository.didRename([{ from: ARTICLE, to }]);
    await settle();
    assert.equal((await onDisk(fs, `${to}.tags.yaml`)).article, 'tram-line.txt');
    assert.deepEqual(store.keys(), [to]);
    assert.deepEqual(ids(store.tags(to)), ids([CLAIM]));
  });
  it('flags an article deleted on its own as missing and keeps its sidecar and tags', async () => {
    const { fs, store, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    await fs.delete(ARTICLE);
    await settle();
    assert.equal(store.get(ARTICLE)?.missing, true);
    assert.deepEqual(ids(store.tags(ARTICLE)), [CLAIM.id]);
    assert.ok(await fs.stat(SIDECAR));
  });

  it('keeps the tags when the watcher reports the sidecar deleted but it is there (a rename over it is heard as deleted, then created)', async () => {
    // VS Code's file service deletes a rename's target before moving the file there, so every
    // sidecar write through workspace.fs is heard as "deleted" then "created", with time between.
    const { fs, store, repository, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    store.add(ARTICLE, [FIGURE]);
    await settle();
    repository.fileChanged({ kind: 'deleted', path: SIDECAR });
    assert.deepEqual(ids(store.tags(ARTICLE)), ids([CLAIM, FIGURE]), 'no moment without the tags');
    await settle();
    assert.deepEqual(ids(store.tags(ARTICLE)), ids([CLAIM, FIGURE]));
    await fs.delete(SIDECAR);
    await settle();
    assert.deepEqual(store.keys(), [], 'a sidecar really gone takes its tags along');
  });

  it('lists nothing as missing when a whole folder goes, sidecars and all', async () => {
    // VS Code reports a deleted folder as one event, none for the files that were in it.
    const { fs, store, settle } = await setup({
      [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]),
      '/corpus/city/ferry.txt': TRAM, '/corpus/city/ferry.txt.tags.yaml': sidecarText('ferry.txt', TRAM, [FIGURE]),
    }, (change) => !(change.kind === 'deleted' && change.path.startsWith('/corpus/city/')));
    assert.equal(store.keys().length, 2);
    await fs.delete('/corpus/city', { recursive: true });
    await settle();
    assert.deepEqual(store.keys(), []);
  });

  it('keeps unsaved tags of a deleted folder\'s article, flagged missing', async () => {
    const { fs, store, open, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) }, (change) => !(change.kind === 'deleted' && change.path.startsWith('/corpus/city/')));
    open.set(ARTICLE, { text: TRAM, dirty: true });
    store.add(ARTICLE, [FRAMING]); // the document is dirty: not written yet
    await settle();
    await fs.delete('/corpus/city', { recursive: true });
    await settle();
    assert.equal(store.get(ARTICLE)?.missing, true);
    assert.deepEqual(ids(store.tags(ARTICLE)), ids([CLAIM, FRAMING]));
  });

  it('deletes a missing article\'s sidecar and its tags when asked (Delete Tags Too)', async () => {
    const { fs, store, repository, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    await fs.delete(ARTICLE);
    await settle();
    await repository.deleteSidecar(ARTICLE);
    await settle();
    assert.equal(await fs.stat(SIDECAR), undefined);
    assert.deepEqual(store.keys(), []);
  });

  it('adopts an article moved elsewhere (Locate Article), and refuses one that has tags of its own', async () => {
    const { fs, store, repository, settle } = await setup({
      [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]),
      '/corpus/other.txt': TRAM, '/corpus/other.txt.tags.yaml': sidecarText('other.txt', TRAM, [FIGURE]),
    });
    await fs.rename(ARTICLE, '/corpus/archive-tram.txt', { overwrite: false });
    await settle();
    assert.equal(store.get(ARTICLE)?.missing, true);
    assert.deepEqual(await repository.locate(ARTICLE, '/corpus/other.txt'), { ok: false, reason: 'hasTags' });
    assert.deepEqual(await repository.locate(ARTICLE, '/corpus/archive-tram.txt'), { ok: true });
    await settle();
    const file = await onDisk(fs, '/corpus/archive-tram.txt.tags.yaml');
    assert.equal(file.article, 'archive-tram.txt');
    assert.deepEqual(ids(file.tags), [CLAIM.id]);
    assert.equal(store.get('/corpus/archive-tram.txt')?.missing, undefined);
    assert.deepEqual(ids((await onDisk(fs, '/corpus/other.txt.tags.yaml')).tags), [FIGURE.id]);
  });

  it('writes nothing for an article whose open document has unsaved edits, until it is saved', async () => {
    const { fs, store, repository, open, settle } = await setup({ [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]) });
    const before = new TextDecoder().decode(await fs.readFile(SIDECAR));
    open.set(ARTICLE, { text: TRAM, dirty: true });
    store.add(ARTICLE, [FRAMING]);
    await settle();
    assert.equal(new TextDecoder().decode(await fs.readFile(SIDECAR)), before);
    await repository.articleSaved(ARTICLE, TRAM);
    await settle();
    assert.deepEqual(ids((await onDisk(fs, SIDECAR)).tags), ids([CLAIM, FRAMING]));
  });

  it('reading every sidecar again (Refresh) drops the tags of a sidecar deleted unheard, and keeps unsaved ones', async () => {
    const OTHER = '/corpus/other.txt';
    let hearing = true;
    const { fs, store, repository, open, settle } = await setup({
      [ARTICLE]: TRAM, [SIDECAR]: sidecarText('tram.txt', TRAM, [CLAIM]),
      [OTHER]: TRAM, [`${OTHER}.tags.yaml`]: sidecarText('other.txt', TRAM, [FIGURE]),
    }, () => hearing);
    open.set(OTHER, { text: TRAM, dirty: true });
    store.add(OTHER, [FRAMING]); // the document is dirty: not written yet
    await settle();
    hearing = false; // a watcher that drops events (a remote under load, a burst)
    await fs.delete(SIDECAR);
    await fs.delete(`${OTHER}.tags.yaml`);
    await settle();
    assert.deepEqual(store.keys(), [ARTICLE, OTHER].sort(), 'nothing heard, nothing changed yet');
    await repository.loadAll(['/corpus']);
    await settle();
    assert.equal(store.get(ARTICLE), undefined);
    assert.deepEqual(ids(store.tags(OTHER)), ids([FIGURE, FRAMING]));
  });
});
