import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AUTHOR_DECLINED, AuthorPrompt } from '../../src/extension/tagging/authorPrompt';
import type { Tag } from '../../src/core/tag';
import { closeAll, eventually, exists, newsmark, onceItShows, open, readBytes, remove, select, workspaceFile, writeTextFile } from './helpers';

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsmark');

describe('Getting started: Open Sample Corpus', () => {
  const parent = workspaceFile('welcome-target');

  afterEach(async () => {
    await closeAll();
    await remove(parent);
    await (await newsmark()).idle();
  });

  it('copies the fictional articles and their sidecars, byte for byte, into a new folder inside the one chosen, and opens the first article', async () => {
    const api = await newsmark();
    const extension = vscode.extensions.getExtension('newsmark.newsmark')!.extensionUri;
    const target = await api.welcome.samples.run(parent);
    assert.ok(target);
    assert.equal(target.toString(), vscode.Uri.joinPath(parent, 'newsmark-samples').toString());
    const copied = (await vscode.workspace.fs.readDirectory(target)).map(([name]) => name).sort();
    assert.deepEqual(copied, [
      'daily-clarion.txt', 'daily-clarion.txt.tags.yaml', 'harbor-gazette.txt', 'harbor-gazette.txt.tags.yaml',
      'meridian-ledger.txt', 'meridian-ledger.txt.tags.yaml', 'varnia-wire.txt', 'varnia-wire.txt.tags.yaml',
    ]);
    for (const name of copied) {
      assert.deepEqual(await readBytes(vscode.Uri.joinPath(target, name)), await readBytes(vscode.Uri.joinPath(extension, 'samples', name)), name);
    }
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), vscode.Uri.joinPath(target, 'daily-clarion.txt').toString());
    // The copy is a corpus like any other: its tags are loaded from the copied sidecars.
    await eventually(() => assert.equal(api.store.tags(vscode.Uri.joinPath(target, 'daily-clarion.txt').toString()).length, 12));
  });

  it('never overwrites: a second copy goes into "newsmark-samples 2", and a file already in the first folder is left as it was', async () => {
    const api = await newsmark();
    const first = await api.welcome.samples.run(parent);
    assert.ok(first);
    const mine = vscode.Uri.joinPath(first, 'daily-clarion.txt');
    await writeTextFile(mine, 'My own edited copy.\n');
    const second = await api.welcome.samples.run(parent);
    assert.equal(second?.toString(), vscode.Uri.joinPath(parent, 'newsmark-samples 2').toString());
    assert.equal(new TextDecoder().decode(await readBytes(mine)), 'My own edited copy.\n');
    assert.ok(await exists(vscode.Uri.joinPath(second, 'daily-clarion.txt')));
  });
});

describe('Getting started: who is tagging', () => {
  before(async () => {
    // The test host turns the question off (scripts/codeserver.mjs); these tests are about it.
    await settings().update('askForAuthorName', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('askForAuthorName', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('author', undefined, vscode.ConfigurationTarget.Global);
    const prompt = (await newsmark()).commands.authorPrompt!;
    await prompt.memento.update(AUTHOR_DECLINED, undefined);
    await closeAll();
  });

  it('the first tag with newsmark.author empty asks once; "Not now" tags without an author and is remembered in globalState, so a new window does not ask', async () => {
    const api = await newsmark();
    const prompt = api.commands.authorPrompt!;
    assert.equal(settings().get('author'), '');
    const editor = await open('harbor-gazette.txt');
    editor.selection = select(editor, 'rare admission');
    const tagging = vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    await eventually(() => assert.ok(prompt.pending, 'the question is open'));
    // The box is empty: the one item is "Not now".
    const [tag] = await onceItShows(tagging, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.ok(tag);
    assert.equal(tag.author, undefined);
    assert.equal(prompt.declined, true);
    // A new window (a prompt over the same globalState) does not ask again.
    const fresh = new AuthorPrompt(prompt.memento);
    const answer = fresh.author();
    assert.equal(fresh.pending, undefined);
    assert.equal(await answer, undefined);
    await vscode.commands.executeCommand('newsmark.removeTag', { key: editor.document.uri.toString(), id: tag.id });
    await api.idle();
  });

  it('with a name in newsmark.author nothing is asked and the tag carries it', async () => {
    const api = await newsmark();
    const prompt = api.commands.authorPrompt!;
    await prompt.memento.update(AUTHOR_DECLINED, undefined);
    await settings().update('author', 'Ana Petrov', vscode.ConfigurationTarget.Global);
    const editor = await open('harbor-gazette.txt');
    editor.selection = select(editor, 'rare admission');
    const [tag] = await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    assert.equal(prompt.pending, undefined);
    assert.equal(tag?.author, 'Ana Petrov');
    await vscode.commands.executeCommand('newsmark.removeTag', { key: editor.document.uri.toString(), id: tag.id });
    await api.idle();
  });
});

