import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, createTag, type Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';
import { TagsTreeProvider } from '../../src/extension/review/tagsTree';
import { SidecarStorage } from '../../src/extension/storage/sidecarStorage';
import { eventually, labelOf, makeFolder, newsmark, remove, workspaceFile, writeTextFile } from './helpers';

const FOLDER = 'generated-desk';
const ARTICLES = 240;
/** A dot folder: never searched for sidecars, as the extension's own storage would not be. */
const STORAGE = '.newsmark-test-storage';

/** A made-up wire story, different for each i, and 1 to 6 tags on it. */
function story(i: number): { name: string; text: string; tags: Tag[] } {
  const text = `Harbour board minute ${i}.\nThe board said ${i * 7} cranes would be idle until spring.\nA spokesperson denied that ${i + 3} berths were closed.\nCritics called the timetable a quiet retreat.\n`;
  const article = new ArticleText(text);
  const taken = new Set<string>();
  const spans: [string, Tag['category']][] = [[`${i * 7} cranes would be idle`, 'figure'], ['denied that', 'denial'], ['a quiet retreat', 'framing'], ['The board said', 'claim'], [`minute ${i}`, 'figure'], ['until spring', 'claim']];
  const tags = spans.slice(0, 1 + (i % 6)).map(([quote, category]) => {
    const start = Array.from(text.slice(0, text.indexOf(quote))).length;
    const tag = createTag(article, start, start + Array.from(quote).length, category, taken);
    taken.add(tag.id);
    return tag;
  });
  return { name: `minute-${String(i).padStart(3, '0')}.txt`, text, tags };
}

/** The Tags view's first level of a provider: each article row's label and count. */
function firstLevel(provider: TagsTreeProvider): Map<string, string> {
  return new Map(provider.getChildren().filter((n) => n.kind === 'article').map((n) => {
    const item = provider.getTreeItem(n);
    return [labelOf(item), String(item.description)];
  }));
}

describe('Tags view from the workspace cache', function () {
  this.timeout(120_000);
  const folder = (): vscode.Uri => workspaceFile(FOLDER);
  const stories = Array.from({ length: ARTICLES }, (_, i) => story(i));

  before(async () => {
    await makeFolder(folder());
    for (const { name, text, tags } of stories) {
      await writeTextFile(vscode.Uri.joinPath(folder(), name), text);
      await writeTextFile(vscode.Uri.joinPath(folder(), `${name}.tags.yaml`), SidecarFile.create(name, '').serialize(tags, articleHash(text), name));
    }
    // Files changed within 2 s of being read are never cached (their mtime could hide a change).
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });

  after(async () => {
    await remove(folder());
    await remove(workspaceFile(STORAGE));
    await vscode.commands.executeCommand('newsmark.refreshTags');
  });

  it('a workspace of a few hundred sidecars opened twice: the second time every article is listed from the cache with its count, then loaded', async () => {
    const api = await newsmark();
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const expected = new Map(stories.map((s) => [s.name, String(s.tags.length)]));
    const shown = firstLevel(api.tagsView.provider);
    for (const [name, count] of expected) assert.equal(shown.get(name), count, `the Tags view lists ${name} with its count`);

    const storageUri = workspaceFile(STORAGE);
    const opened: { listedFromCache: number; loadedWhenListed: number; firstLevel: Map<string, string> }[] = [];
    for (const pass of ['cold', 'warm']) {
      // The editor's start-up again, with its storage: a fresh store, storage and Tags view.
      const store = new TagStore();
      const storage = new SidecarStorage(store, storageUri, 'integration-test');
      const provider = new TagsTreeProvider(store, undefined, {
        keys: () => storage.repository.cachedRows.keys(), has: (key) => storage.repository.cachedRows.has(key), get: (key) => storage.repository.cachedRows.get(key),
        loadListed: (key) => storage.repository.loadListed(key), onDidChange: (listener) => storage.repository.cachedRows.onDidChange(listener),
      });
      try {
        await storage.listed;
        const mine = (key: string): boolean => key.includes(`/${FOLDER}/`);
        opened.push({
          listedFromCache: storage.repository.cachedRows.keys().filter(mine).length,
          loadedWhenListed: store.keys().filter(mine).length,
          firstLevel: firstLevel(provider),
        });
        await storage.ready;
        await storage.idle();
        assert.equal(storage.repository.cachedRows.size, 0, `${pass}: once loaded, no row is from the cache`);
        const loaded = firstLevel(provider);
        for (const [name, count] of expected) assert.equal(loaded.get(name), count, `${pass}, loaded: ${name}`);
      } finally {
        provider.dispose();
        storage.dispose();
      }
      await eventually(async () => assert.ok((await vscode.workspace.fs.stat(vscode.Uri.joinPath(storageUri, 'tags-view-cache.jsonl'))).size > 0, 'the cache was written'));
    }
    const [cold, warm] = opened;
    assert.equal(cold!.listedFromCache, 0, 'the first opening has no cache');
    assert.equal(warm!.listedFromCache, ARTICLES, 'the second opening lists every generated article from the cache');
    assert.equal(warm!.loadedWhenListed, 0, 'before any of their sidecars is loaded');
    for (const { name, tags } of stories) {
      assert.equal(cold!.firstLevel.get(name), String(tags.length), `cold: ${name}`);
      assert.equal(warm!.firstLevel.get(name), String(tags.length), `warm, from the cache: ${name}`);
    }
  });
});
