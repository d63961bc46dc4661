import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/core/review/tagTree';
import { SidecarFile } from '../../src/core/sidecar';
import { toLf } from '../../src/core/textIndex';
import { closeAll, copyFile, eventually, exists, newsmark, open, readTextFile, remove, workspaceFile, writeTextFile } from './helpers';

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

/** Whether two spans share or touch a character (their outlines would run together). */
function meet(a: vscode.Range, b: vscode.Range): boolean {
  return !(a.end.isBefore(b.start) || b.end.isBefore(a.start));
}

describe('Suggestions readable: outlines by category, overlaps kept apart, every article in the folder', () => {
  afterEach(closeAll);

  it('draws each suggestion dashed in its category, overlapping ones in different outlines; rejecting one takes its outline away and leaves the other', async () => {
    const api = await newsmark();
    // Fictional, written for this test, untagged: a denial clause holding a figure and a framing word.
    const copy = { article: workspaceFile('suggest-overlap.txt'), sidecar: workspaceFile('suggest-overlap.txt.tags.yaml'), key: workspaceFile('suggest-overlap.txt').toString() };
    await writeTextFile(copy.article, 'The governor flatly denied that 2,417 people were evacuated, calling the ‘stunning’ report a lie, her office said.\n');
    try {
      const editor = await open('suggest-overlap.txt');
      await api.suggestions.suggest('active');
      const offered = api.store.suggestions(copy.key);
      await eventually(() => assert.equal(api.decorations.suggestionsIn(editor).length, offered.length));
      const drawn = api.decorations.suggestionsIn(editor);
      assert.deepEqual(drawn.map((d) => d.category).sort(), offered.map((s) => s.category).sort(), 'each outline has its suggestion\'s category (and so its colour)');
      const sameOutline = (): string[] => {
        const now = api.decorations.suggestionsIn(editor);
        return now.flatMap((a, i) => now.slice(i + 1).filter((b) => a.layer === b.layer && meet(a.range, b.range)).map((b) => `${editor.document.getText(a.range)} / ${editor.document.getText(b.range)}`));
      };
      assert.deepEqual(sameOutline(), [], 'no two suggestions that meet share an outline');
      const pair = drawn.flatMap((a, i) => drawn.slice(i + 1).filter((b) => meet(a.range, b.range) && !a.range.isEqual(b.range)).map((b) => [a, b] as const))[0];
      assert.ok(pair, 'the article has overlapping suggestions');
      const [kept, rejected] = pair;
      const suggestionAt = (d: typeof kept): TreeNode => {
        const s = offered.find((o) => o.category === d.category && toLf(editor.document.getText(d.range)) === o.text)!;
        return { kind: 'suggestion', key: copy.key, category: s.category, start: s.start, end: s.end };
      };
      await vscode.commands.executeCommand('newsmark.rejectSuggestion', suggestionAt(rejected));
      await eventually(() => assert.equal(api.decorations.suggestionsIn(editor).length, offered.length - 1));
      const after = api.decorations.suggestionsIn(editor);
      assert.ok(!after.some((d) => d.category === rejected.category && d.range.isEqual(rejected.range)), 'the rejected suggestion\'s outline is gone');
      assert.ok(after.some((d) => d.category === kept.category && d.range.isEqual(kept.range)), 'the overlapping one is still drawn');
      assert.deepEqual(sameOutline(), []);
    } finally {
      await closeAll();
      await api.idle();
      await remove(copy.sidecar);
      await remove(copy.article);
    }
  });

  it('suggests over every article in the folder, those without a sidecar too, and creates a sidecar only where a suggestion is accepted', async () => {
    const api = await newsmark();
    // Fictional, written for this test; neither article has a sidecar and neither is open.
    const text = 'The port authority flatly denied that 1,200 workers had been laid off, a spokesman said.\nCritics called the statement a “stunning” evasion.\n';
    const accepted = { article: workspaceFile('folder-untagged-a.txt'), sidecar: workspaceFile('folder-untagged-a.txt.tags.yaml') };
    const rejected = { article: workspaceFile('folder-untagged-b.txt'), sidecar: workspaceFile('folder-untagged-b.txt.tags.yaml') };
    await writeTextFile(accepted.article, text);
    await writeTextFile(rejected.article, text);
    // An earlier export's copy of an article (brat writes them): output, not an article.
    const exported = workspaceFile('exports/brat/folder-untagged-a.txt');
    await writeTextFile(exported, text);
    // A project document other than the README, and an article whose name only starts like one.
    const security = workspaceFile('SECURITY.md');
    const licenceStory = workspaceFile('license-fee-row.txt');
    await writeTextFile(security, text);
    await writeTextFile(licenceStory, text);
    try {
      const count = await vscode.commands.executeCommand<number>('newsmark.suggestTags', 'workspace');
      const a = api.store.suggestions(accepted.article.toString());
      const b = api.store.suggestions(rejected.article.toString());
      assert.ok(a.length > 0 && b.length > 0, 'the untagged articles get suggestions');
      assert.ok(count >= a.length + b.length);
      assert.ok(['harbor-gazette.txt', 'meridian-ledger.txt', 'varnia-wire.txt'].some((n) => api.store.suggestions(workspaceFile(n).toString()).length > 0), 'and the tagged ones too');
      assert.equal(api.store.suggestions(workspaceFile('README.md').toString()).length, 0, 'a folder\'s README is not an article');
      assert.equal(api.store.suggestions(security.toString()).length, 0, 'nor is its SECURITY.md');
      assert.ok(api.store.suggestions(licenceStory.toString()).length > 0, 'but license-fee-row.txt is an article');
      assert.equal(api.store.suggestions(exported.toString()).length, 0, 'nor is what an export wrote into exports/');
      await api.idle();
      assert.equal(await exists(accepted.sidecar), false, 'suggesting creates no sidecar');

      const node = (key: string, s: (typeof a)[number]): TreeNode => ({ kind: 'suggestion', key, category: s.category, start: s.start, end: s.end });
      await vscode.commands.executeCommand('newsmark.rejectSuggestion', node(rejected.article.toString(), b[0]!));
      await vscode.commands.executeCommand('newsmark.acceptSuggestion', node(accepted.article.toString(), a[0]!));
      await api.idle();
      await eventually(async () => assert.ok(await exists(accepted.sidecar), 'an accepted suggestion creates the sidecar'));
      assert.equal((await onDisk('folder-untagged-a.txt')).tags.length, 1);
      assert.equal(await exists(rejected.sidecar), false, 'an article with rejections only gets no sidecar');
      assert.ok(!api.store.suggestions(rejected.article.toString()).includes(b[0]!), 'the rejected suggestion is withdrawn');
    } finally {
      // Withdrawn, not rejected: the other suites' sidecars stay as they were.
      for (const key of api.store.keys()) if (api.store.suggestions(key).length > 0) api.store.suggest(key, []);
      await api.idle();
      for (const f of [accepted, rejected]) {
        await remove(f.sidecar);
        await remove(f.article);
      }
      await remove(workspaceFile('exports'));
      await remove(security);
      await remove(licenceStory);
    }
  });

  it('suggests nothing when the "This article or every article?" question is dismissed', async () => {
    const api = await newsmark();
    const editor = await open('meridian-ledger.txt');
    const key = editor.document.uri.toString();
    api.store.suggest(key, []);
    const window = vscode.window as unknown as Record<string, unknown>;
    const showQuickPick = window['showQuickPick'];
    let asked = 0;
    window['showQuickPick'] = () => (asked++, Promise.resolve(undefined)); // Escape
    try {
      assert.equal(await vscode.commands.executeCommand<number>('newsmark.suggestTags'), 0);
    } finally {
      window['showQuickPick'] = showQuickPick;
    }
    assert.equal(asked, 1, 'the question was asked');
    assert.equal(api.store.suggestions(key).length, 0, 'and dismissing it suggested nothing');
  });
});
