import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/core/review/tagTree';
import { SidecarFile } from '../../src/core/sidecar';
import { toLf } from '../../src/core/textIndex';
import { closeAll, copyFile, eventually, exists, newsmark, open, readTextFile, remove, workspaceFile } from './helpers';

async function onDisk(article: string): Promise<SidecarFile> {
  const parsed = SidecarFile.parse(await readTextFile(workspaceFile(`${article}.tags.yaml`)));
  assert.ok(parsed.ok);
  return parsed.sidecar;
}

describe('Suggestions: offered, accepted and rejected through the Tags view', () => {
  afterEach(closeAll);

  it('suggests tags for the active article, drawn dashed and listed under Suggestions', async () => {
    const api = await newsmark();
    const editor = await open('varnia-wire.txt');
    const key = editor.document.uri.toString();
    const count = await api.suggestions.suggest('active');
    assert.ok(count > 0, 'the rules find something in a news article');
    const offered = api.store.suggestions(key);
    assert.equal(offered.length, count);
    const lf = Array.from(toLf(editor.document.getText()));
    for (const s of offered) assert.equal(lf.slice(s.start, s.end).join(''), s.text, 'each suggestion cuts out its text');
    for (const tag of api.store.tags(key)) assert.ok(!offered.some((s) => s.category === tag.category && s.start === tag.start && s.end === tag.end), 'no suggestion repeats a tag');
    await eventually(() => assert.equal(api.decorations.rangesIn(editor).suggested.length, count));
    const root = api.tagsView.provider.getChildren().find((n) => n.kind === 'suggestions');
    assert.ok(root, 'a Suggestions node');
    assert.equal(api.tagsView.provider.getChildren(root).reduce((n, c) => n + api.tagsView.provider.getChildren(c).length, 0), count);
  });

  it('accepts one suggestion as a tag by newsmark-suggest, rejects another for good', async () => {
    const api = await newsmark();
    const editor = await open('varnia-wire.txt');
    const key = editor.document.uri.toString();
    if (api.store.suggestions(key).length < 2) await api.suggestions.suggest('active');
    const [first, second] = api.store.suggestions(key);
    const node = (s: typeof first): TreeNode => ({ kind: 'suggestion', key, category: s!.category, start: s!.start, end: s!.end });
    await vscode.commands.executeCommand('newsmark.acceptSuggestion', node(first));
    await vscode.commands.executeCommand('newsmark.rejectSuggestion', node(second));
    await api.idle();
    const sidecar = await onDisk('varnia-wire.txt');
    const accepted = sidecar.tags.find((t) => t.start === first!.start && t.end === first!.end && t.category === first!.category);
    assert.equal(accepted?.author, 'newsmark-suggest');
    assert.ok(sidecar.rejected.some((r) => r.start === second!.start && r.text === second!.text), 'the rejection is remembered in the sidecar');
    await api.suggestions.suggest('active');
    const again = api.store.suggestions(key);
    assert.ok(!again.some((s) => s.start === second!.start && s.category === second!.category), 'a rejected suggestion is not offered again');
    assert.ok(!again.some((s) => s.start === first!.start && s.category === first!.category), 'an accepted one is now a tag');

    // Editing the accepted tag makes it the analyst's own.
    await vscode.commands.executeCommand('newsmark.editNote', { key, id: accepted.id }, 'checked');
    await api.idle();
    assert.notEqual((await onDisk('varnia-wire.txt')).tags.find((t) => t.id === accepted.id)?.author, 'newsmark-suggest');
  });

  it('accepts a whole category and rejects all the rest', async () => {
    const api = await newsmark();
    const editor = await open('daily-clarion.txt');
    const key = editor.document.uri.toString();
    await api.suggestions.suggest('active');
    const figures = api.store.suggestions(key).filter((s) => s.category === 'figure');
    const before = (await onDisk('daily-clarion.txt')).tags.length;
    await vscode.commands.executeCommand('newsmark.acceptSuggestion', { kind: 'suggestions', category: 'figure' });
    await vscode.commands.executeCommand('newsmark.rejectSuggestion', { kind: 'suggestions' });
    await api.idle();
    assert.equal((await onDisk('daily-clarion.txt')).tags.length, before + figures.length);
    assert.equal(api.store.suggestions(key).length, 0);
    assert.equal(api.tagsView.provider.getChildren().some((n) => n.kind === 'suggestions'), false);
  });

  it('suggests on an open article that has no sidecar yet (from the editor\'s context menu, which passes its URI), and the first accepted suggestion creates the sidecar', async () => {
    const api = await newsmark();
    const article = workspaceFile('suggest-untagged.txt');
    const sidecar = workspaceFile('suggest-untagged.txt.tags.yaml');
    await copyFile(workspaceFile('varnia-wire.txt'), article);
    try {
      assert.equal(await exists(sidecar), false);
      const editor = await open('suggest-untagged.txt');
      const key = editor.document.uri.toString();
      const count = await vscode.commands.executeCommand<number>('newsmark.suggestTags', editor.document.uri);
      assert.ok(count > 0, 'the rules find something in the untagged article');
      const offered = api.store.suggestions(key);
      assert.equal(offered.length, count, 'the suggestions are for this article, not the tagged ones');
      await eventually(() => assert.equal(api.decorations.rangesIn(editor).suggested.length, count));
      const first = offered[0]!;
      await vscode.commands.executeCommand('newsmark.acceptSuggestion', { kind: 'suggestion', key, category: first.category, start: first.start, end: first.end });
      await api.idle();
      await eventually(async () => assert.ok(await exists(sidecar), 'the sidecar is created'));
      const written = await onDisk('suggest-untagged.txt');
      assert.equal(written.article, 'suggest-untagged.txt');
      assert.deepEqual(written.tags.map((t) => [t.category, t.start, t.end, t.author]), [[first.category, first.start, first.end, 'newsmark-suggest']]);
      // The palette's "This article" path works on it as well.
      assert.ok((await api.suggestions.suggest('active')) > 0);
    } finally {
      await closeAll();
      await remove(sidecar);
      await remove(article);
    }
  });
});
