import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';
import { closeAll, eventually, makeSampleCopy, newsmark, open, readTextFile, remove, select, workspaceFile } from './helpers';

/** The sidecar on disk, checked the way an analyst's Python script would: text[start:end] == text. */
async function sidecarOnDisk(article: string): Promise<SidecarFile> {
  const parsed = SidecarFile.parse(await readTextFile(workspaceFile(`${article}.tags.yaml`)));
  assert.ok(parsed.ok, 'the sidecar on disk parses');
  const articleText = await readTextFile(workspaceFile(article));
  const text = Array.from(toLf(articleText));
  for (const tag of parsed.sidecar.tags.filter((t) => t.status !== 'orphaned')) assert.equal(text.slice(tag.start, tag.end).join(''), tag.text, `tag ${tag.id}`);
  assert.equal(parsed.sidecar.sha256, articleHash(articleText));
  return parsed.sidecar;
}

/** Runs `act` while noting the warnings shown (the tests share the extension's vscode API object). */
async function withWarnings<T>(act: () => Thenable<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const window = vscode.window as unknown as { showWarningMessage: (message: string) => Thenable<unknown> };
  const { showWarningMessage } = window;
  window.showWarningMessage = (message) => (warnings.push(message), Promise.resolve(undefined));
  try {
    return { result: await act(), warnings };
  } finally {
    window.showWarningMessage = showWarningMessage;
  }
}

describe('Tagging from commands writes the sidecar', () => {
  afterEach(closeAll);

  it('tags the selection as a figure and writes it at once when the article is saved', async () => {
    const api = await newsmark();
    const editor = await open('varnia-wire.txt');
    const before = await readTextFile(workspaceFile('varnia-wire.txt.tags.yaml'));
    const firstLine = before.split('\n')[0]!;
    editor.selection = select(editor, 'Oskel');
    const created = await vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure');
    assert.equal(created.length, 1);
    await api.idle();
    const sidecar = await sidecarOnDisk('varnia-wire.txt');
    const tag = sidecar.tags.find((t) => t.id === created[0]!.id);
    assert.ok(tag, 'the new tag is in the sidecar on disk');
    assert.equal(tag.category, 'figure');
    assert.equal(tag.text, 'Oskel');
    assert.ok(tag.suffix.length > 0 && tag.prefix.length > 0);
    assert.match(tag.created ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal((await readTextFile(workspaceFile('varnia-wire.txt.tags.yaml'))).split('\n')[0], firstLine, 'the top comment is kept');
  });

  it('with newsmark.maxFileSizeMB set to 0 (no limit) tags as usual, its sidecar read and written', async () => {
    const api = await newsmark();
    const config = vscode.workspace.getConfiguration('newsmark');
    await config.update('maxFileSizeMB', 0, vscode.ConfigurationTarget.Workspace);
    const copy = await makeSampleCopy('no-size-limit.txt');
    try {
      const editor = await open('no-size-limit.txt');
      await eventually(() => assert.ok(api.store.tags(copy.key).length > 0 && api.store.get(copy.key)?.problem === undefined, `the sidecar is read: ${api.store.get(copy.key)?.problem ?? ''}`));
      editor.selection = select(editor, 'Oskel');
      const { result: created, warnings } = await withWarnings(() => vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure'));
      assert.deepEqual(warnings, []);
      assert.equal(created?.length, 1);
      await api.idle();
      assert.ok((await sidecarOnDisk('no-size-limit.txt')).tags.some((t) => t.id === created[0]!.id));
    } finally {
      await config.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      await api.idle();
      await remove(copy.sidecar);
      await remove(copy.article);
    }
  });

  it('tags every selection when there are several cursors, trimming white space', async () => {
    const api = await newsmark();
    const editor = await open('meridian-ledger.txt');
    const a = select(editor, ' Kessmouth '); // with the spaces around it: they are trimmed
    const b = select(editor, 'Trevanne', 1);
    editor.selections = [a, b];
    const created = await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    assert.deepEqual(created.map((t) => t.text).sort(), ['Kessmouth', 'Trevanne']);
    await api.idle();
    const ids = (await sidecarOnDisk('meridian-ledger.txt')).tags.map((t) => t.id);
    for (const t of created) assert.ok(ids.includes(t.id));
  });

  it('refuses an empty selection on no word without writing anything, in one short sentence', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    const before = await readTextFile(workspaceFile('harbor-gazette.txt.tags.yaml'));
    const count = api.store.tags(editor.document.uri.toString()).length;
    editor.selection = new vscode.Selection(3, 2, 3, 2); // a blank line
    const { result: created, warnings } = await withWarnings(() => vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim'));
    assert.deepEqual(created, []);
    await api.idle();
    assert.equal(api.store.tags(editor.document.uri.toString()).length, count);
    assert.equal(await readTextFile(workspaceFile('harbor-gazette.txt.tags.yaml')), before);
    assert.equal(warnings.length, 1);
    // A toast shows about 50 characters on its line before it cuts the message off.
    assert.ok(warnings[0]!.length <= 50 && /^[^.:;]+\.$/.test(warnings[0]!), `one short sentence: "${warnings[0]}"`);
  });

  it('tags the number or word under the caret when the selection is empty', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    const key = editor.document.uri.toString();
    const number = select(editor, '2,417');
    const name = select(editor, 'Hollis-Varga');
    // One caret inside "2,417", one at the end of "Hollis-Varga".
    editor.selections = [new vscode.Selection(number.start.translate(0, 3), number.start.translate(0, 3)), new vscode.Selection(name.end, name.end)];
    const created = await vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure');
    assert.deepEqual(created.map((t) => t.text).sort(), ['2,417', 'Hollis-Varga']);
    await api.idle();
    const onDisk = (await sidecarOnDisk('harbor-gazette.txt')).tags.filter((t) => created.some((c) => c.id === t.id));
    assert.deepEqual(onDisk.map((t) => [t.category, t.text]).sort(), [['figure', '2,417'], ['figure', 'Hollis-Varga']]);
    api.store.remove(key, created.map((t) => t.id));
    await api.idle();
  });

  it('changes the category, edits the note and removes the tag under the cursor', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    const key = editor.document.uri.toString();
    editor.selection = select(editor, 'Kessmouth');
    const [tag] = await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    const ref = { key, id: tag!.id };
    await vscode.commands.executeCommand('newsmark.changeCategory', ref, 'framing');
    await vscode.commands.executeCommand('newsmark.editNote', ref, 'Place name used as a metonym');
    await api.idle();
    let onDisk = (await sidecarOnDisk('harbor-gazette.txt')).tags.find((t) => t.id === tag!.id);
    assert.equal(onDisk?.category, 'framing');
    assert.equal(onDisk?.note, 'Place name used as a metonym');
    editor.selection = new vscode.Selection(editor.selection.start.translate(0, 2), editor.selection.start.translate(0, 2));
    await vscode.commands.executeCommand('newsmark.removeTag', ref);
    await api.idle();
    assert.equal(api.store.find(key, tag!.id), undefined, 'the tag is gone from the store');
    // On disk once the write is done (CI saw the tag still there right after idle() once, in ~60 runs).
    await eventually(async () => {
      onDisk = (await sidecarOnDisk('harbor-gazette.txt')).tags.find((t) => t.id === tag!.id);
      assert.equal(onDisk, undefined, `the tag is gone from the sidecar (the article is ${editor.document.isDirty ? 'dirty' : 'saved'}, the store ${api.store.isModified(key) ? 'has unsaved changes' : 'is saved'})`);
    }, 3000);
  });

  it('keeps tags on their text while typing, and writes them only when the article is saved', async () => {
    const api = await newsmark();
    const editor = await open('daily-clarion.txt');
    const key = editor.document.uri.toString();
    const sidecarBefore = await readTextFile(workspaceFile('daily-clarion.txt.tags.yaml'));
    const before = api.store.tags(key).map((t) => [t.id, t.text]);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'Inserted 🚨 paragraph.\n'));
    await api.idle();
    assert.equal(await readTextFile(workspaceFile('daily-clarion.txt.tags.yaml')), sidecarBefore, 'unsaved article: sidecar untouched');
    const lf = Array.from(toLf(editor.document.getText()));
    for (const t of api.store.tags(key)) assert.equal(lf.slice(t.start, t.end).join(''), t.text, `tag ${t.id} follows its text`);
    assert.deepEqual(api.store.tags(key).map((t) => [t.id, t.text]), before);
    await editor.document.save();
    await eventually(async () => assert.notEqual(await readTextFile(workspaceFile('daily-clarion.txt.tags.yaml')), sidecarBefore));
    await api.idle();
    assert.equal((await sidecarOnDisk('daily-clarion.txt')).tags.length, before.length);
  });

  it('reverting the article reverts its tags', async () => {
    const api = await newsmark();
    const editor = await open('varnia-wire.txt');
    const key = editor.document.uri.toString();
    const sidecarBefore = await readTextFile(workspaceFile('varnia-wire.txt.tags.yaml'));
    const tagsBefore = api.store.tags(key).map((t) => t.id);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'UPDATED: '));
    editor.selection = select(editor, 'UPDATED');
    await vscode.commands.executeCommand('newsmark.tagFraming');
    assert.equal(api.store.tags(key).length, tagsBefore.length + 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await eventually(() => assert.deepEqual(api.store.tags(key).map((t) => t.id), tagsBefore));
    await api.idle();
    assert.equal(await readTextFile(workspaceFile('varnia-wire.txt.tags.yaml')), sidecarBefore);
  });
});
