import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import { closeAll, eventually, newsmark, readText, workspaceFile } from './helpers';

describe('Files move around the tags', () => {
  afterEach(closeAll);

  it('renaming an article takes its sidecar along and updates its article field', async () => {
    const api = await newsmark();
    // A copy of a sample, so the other suites keep theirs.
    copyFileSync(workspaceFile('varnia-wire.txt').fsPath, workspaceFile('to-rename.txt').fsPath);
    copyFileSync(workspaceFile('varnia-wire.txt.tags.yaml').fsPath, workspaceFile('to-rename.txt.tags.yaml').fsPath);
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const tagsBefore = api.store.tags(workspaceFile('to-rename.txt').toString()).map((t) => t.id);
    assert.ok(tagsBefore.length > 0);

    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('to-rename.txt'), workspaceFile('renamed.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(() => assert.ok(existsSync(workspaceFile('renamed.txt.tags.yaml').fsPath), 'the sidecar moved with the article'), 10000);
    assert.equal(existsSync(workspaceFile('to-rename.txt.tags.yaml').fsPath), false);
    await eventually(async () => {
      await api.idle();
      const parsed = SidecarFile.parse(readText(workspaceFile('renamed.txt.tags.yaml')));
      assert.ok(parsed.ok);
      assert.equal(parsed.sidecar.article, 'renamed.txt');
      assert.deepEqual(api.store.tags(workspaceFile('renamed.txt').toString()).map((t) => t.id), tagsBefore);
      assert.equal(api.store.get(workspaceFile('to-rename.txt').toString()), undefined);
    }, 10000);
  });
});
