import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../src/extension/shared/commandIds';
import { closeAll, eventually, labelOf, makeSampleCopy, newsmark, open, remove } from './helpers';

const NAME = 'blind-coding.txt';

/**
 * Blind coding: with two authors' tags in one article, "Show Only My Tags" hides the other
 * author's (and unattributed) tags from the decorations, the Tags view, hovers and the status bar
 * counts, leaves the store and the sidecar alone, and "Show All Authors' Tags" brings them back.
 */
describe('Blind coding: Show Only My Tags', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsmark');
  let copy: Awaited<ReturnType<typeof makeSampleCopy>> | undefined;
  let previousAuthor: string | undefined;

  after(async () => {
    await vscode.commands.executeCommand('newsmark.showAllAuthorsTags');
    await config().update('author', previousAuthor, vscode.ConfigurationTarget.Global);
    await closeAll();
    const api = await newsmark();
    if (copy) for (const uri of [copy.article, copy.sidecar]) await remove(uri);
    await api.idle();
  });

  it('hides the other author’s tags from decorations, tree, hovers and status counts, and shows them again', async () => {
    const api = await newsmark();
    previousAuthor = config().inspect<string>('author')?.globalValue;
    copy = await makeSampleCopy(NAME);
    const editor = await open(NAME);
    const key = editor.document.uri.toString();
    await eventually(() => assert.ok(api.store.tags(key).length >= 6, 'the copy has its sample tags'));
    // Half the tags by ana, the rest by ben, one by nobody.
    const all = api.store.tags(key).filter((t) => t.status !== 'orphaned');
    all.forEach((t, i) => api.store.update(key, t.id, { author: i === 0 ? undefined : i % 2 === 0 ? 'ana' : 'ben' }));
    const ana = api.store.tags(key).filter((t) => t.author === 'ana' && t.status !== 'orphaned');
    const total = api.store.tags(key).length;
    await config().update('author', 'ana', vscode.ConfigurationTarget.Global);

    const drawn = (): number => Object.entries(api.decorations.rangesIn(editor)).filter(([k]) => k !== 'disputed' && k !== 'confirmed' && k !== 'suggested').flatMap(([, r]) => r).length;
    const treeRows = (): string[] => {
      api.tagsView.group('article');
      const provider = api.tagsView.provider;
      const article = provider.getChildren().find((n) => n.kind === 'article' && labelOf(provider.getTreeItem(n)) === NAME);
      if (!article) return [];
      return provider.getChildren(article).flatMap((c) => provider.getChildren(c)).filter((n) => n.kind === 'tag').map((n) => (n.kind === 'tag' ? n.id : ''));
    };
    const counted = (): number => [...api.statusBar.item.text.matchAll(/ (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    const hoverAt = async (offset: number): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const ben = api.store.tags(key).find((t) => t.author === 'ben' && t.status !== 'orphaned' && !ana.some((a) => a.start < t.end && t.start < a.end))!;
    assert.ok(ben, 'a tag by ben that overlaps none of ana’s');
    const benOffset = editor.document.offsetAt(editor.document.positionAt(ben.start)) + 1;

    await eventually(() => assert.equal(drawn(), all.length, 'every tag drawn before'));
    assert.ok(/Remove Tag/.test(await hoverAt(benOffset)), 'ben’s tag has a hover before');

    await vscode.commands.executeCommand('newsmark.showOnlyMyTags');
    assert.equal(config().get('showOnlyMyTags'), true);
    await eventually(() => assert.equal(drawn(), ana.length, 'only ana’s tags drawn'));
    await eventually(() => assert.deepEqual(treeRows().sort(), ana.map((t) => t.id).sort(), 'only ana’s tags in the Tags view'));
    await eventually(() => assert.equal(counted(), ana.length, `the status bar counts ana’s tags: ${api.statusBar.item.text}`));
    assert.equal(await hoverAt(benOffset), '', 'no hover on ben’s hidden tag');
    const blind = api.agreement.blind.item;
    assert.equal(blind.text, '$(eye-closed) My tags only');
    assert.equal(blind.command, 'newsmark.showAllAuthorsTags');
    // The tooltip counts what is hidden in the whole workspace: at least this article's others.
    const hidden = Number(/only tags by ana; (\d+) tags/.exec(blind.tooltip as string)?.[1]);
    assert.ok(hidden >= total - ana.length, `hidden count in ${blind.tooltip as string}`);
    assert.equal(api.store.tags(key).length, total, 'the store keeps every tag');

    await vscode.commands.executeCommand(CommandId.showAllAuthorsTags);
    assert.equal(config().get('showOnlyMyTags'), false);
    await eventually(() => assert.equal(drawn(), all.length, 'every tag drawn again'));
    await eventually(() => assert.equal(treeRows().length, all.length, 'every tag in the Tags view again'));
    await eventually(() => assert.equal(counted(), all.length, 'the status bar counts every tag again'));
    assert.ok(/Remove Tag/.test(await hoverAt(benOffset)), 'ben’s tag has its hover again');
  });
});
