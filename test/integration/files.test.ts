import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import { closeAll, eventually, exists, makeFolder, makeSampleCopy, newsmark, readTextFile, workspaceFile } from './helpers';

describe('Files move around the tags', () => {
  afterEach(closeAll);

  it('renaming an article takes its sidecar along and updates its article field', async () => {
    const api = await newsmark();
    await makeSampleCopy('to-rename.txt');
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const tagsBefore = api.store.tags(workspaceFile('to-rename.txt').toString()).map((t) => t.id);
    assert.ok(tagsBefore.length > 0);

    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('to-rename.txt'), workspaceFile('renamed.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(async () => assert.ok(await exists(workspaceFile('renamed.txt.tags.yaml')), 'the sidecar moved with the article'), 10000);
    assert.equal(await exists(workspaceFile('to-rename.txt.tags.yaml')), false);
    await eventually(async () => {
      await api.idle();
      const parsed = SidecarFile.parse(await readTextFile(workspaceFile('renamed.txt.tags.yaml')));
      assert.ok(parsed.ok);
      assert.equal(parsed.sidecar.article, 'renamed.txt');
      assert.deepEqual(api.store.tags(workspaceFile('renamed.txt').toString()).map((t) => t.id), tagsBefore);
      assert.equal(api.store.get(workspaceFile('to-rename.txt').toString()), undefined);
    }, 10000);
  });

  it('moving an article to another folder takes its sidecar along', async () => {
    const api = await newsmark();
    await makeSampleCopy('to-move.txt', 'daily-clarion.txt');
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const before = api.store.tags(workspaceFile('to-move.txt').toString()).map((t) => t.id);
    assert.ok(before.length > 0);
    await makeFolder(workspaceFile('moved'));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('to-move.txt'), workspaceFile('moved/to-move.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(async () => {
      await api.idle();
      assert.ok(await exists(workspaceFile('moved/to-move.txt.tags.yaml')));
      assert.equal(await exists(workspaceFile('to-move.txt.tags.yaml')), false);
      assert.deepEqual(api.store.tags(workspaceFile('moved/to-move.txt').toString()).map((t) => t.id), before);
    }, 10000);
  });

  it('renaming a folder takes the sidecars of its articles along', async () => {
    const api = await newsmark();
    await makeFolder(workspaceFile('desk'));
    for (const [sample, name] of [['harbor-gazette.txt', 'desk-one.txt'], ['meridian-ledger.txt', 'desk-two.txt']] as const) {
      await makeSampleCopy(`desk/${name}`, sample);
    }
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const before = ['desk-one.txt', 'desk-two.txt'].map((n) => api.store.tags(workspaceFile(`desk/${n}`).toString()).map((t) => t.id));
    assert.ok(before.every((ids) => ids.length > 0));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('desk'), workspaceFile('desk-2026'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(async () => {
      await api.idle();
      for (const [i, n] of ['desk-one.txt', 'desk-two.txt'].entries()) {
        assert.ok(await exists(workspaceFile(`desk-2026/${n}.tags.yaml`)));
        assert.deepEqual(api.store.tags(workspaceFile(`desk-2026/${n}`).toString()).map((t) => t.id), before[i]);
        assert.equal(api.store.get(workspaceFile(`desk/${n}`).toString()), undefined);
      }
    }, 10000);
  });
});
