import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../src/core/tag';
import { closeAll, copyFile, eventually, newsmark, open, readTextFile, select, workspaceFile, writeTextFile } from './helpers';

describe('Bad input never costs the user data', () => {
  afterEach(closeAll);

  it('reports a malformed sidecar with its line, keeps its tags read-only and leaves it byte-for-byte untouched', async () => {
    const api = await newsmark();
    // A copy of a sample, so the other suites keep a readable one.
    await copyFile(workspaceFile('meridian-ledger.txt'), workspaceFile('broken.txt'));
    const sidecar = workspaceFile('broken.txt.tags.yaml');
    const lines = (await readTextFile(workspaceFile('meridian-ledger.txt.tags.yaml'))).split('\n');
    const badLine = lines.findIndex((l) => l.trimStart().startsWith('end:'));
    lines[badLine] = lines[badLine]!.replace(/end: (\d+)/, 'end: [$1'); // an unclosed flow sequence
    const broken = lines.join('\n');
    await writeTextFile(sidecar, broken);
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const key = workspaceFile('broken.txt').toString();
    await eventually(() => assert.ok(api.store.get(key)?.problem));
    assert.match(api.store.get(key)!.problem!, /broken\.txt\.tags\.yaml:\d+:\d+/);

    const diagnostics = vscode.languages.getDiagnostics(sidecar);
    assert.equal(diagnostics.length > 0, true, 'a Problems entry');
    assert.ok(Math.abs(diagnostics[0]!.range.start.line - badLine) <= 2, `reported at line ${diagnostics[0]!.range.start.line + 1}, broken line ${badLine + 1}`);

    const editor = await open('broken.txt');
    editor.selection = select(editor, 'Kessmouth');
    const created = await vscode.commands.executeCommand<Tag[] | undefined>('newsmark.tagFigure');
    assert.ok(!created || created.length === 0);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'x'));
    await editor.document.save();
    await api.idle();
    assert.equal(await readTextFile(sidecar), broken, 'the unreadable sidecar is never overwritten');
  });

  it('refuses to tag an article that is not UTF-8', async () => {
    const api = await newsmark();
    const latin1 = workspaceFile('latin1.txt');
    await writeTextFile(latin1, Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72, 0x0a]));
    const editor = await open('latin1.txt');
    editor.selection = new vscode.Selection(0, 0, 0, 4);
    const created = await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    assert.deepEqual(created, []);
    await api.idle();
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceFile("latin1.txt.tags.yaml"))));
  });
});
