import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, makeSampleCopy, newsmark, readTextFile, remove, writeTextFile } from './helpers';

type Notify = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Runs `act` while noting the warnings and errors shown. The tests are loaded from the extension's
 * own folder, so they share its vscode API object and see what its commands show.
 */
async function notifications(act: () => Promise<void>): Promise<{ warnings: string[]; errors: string[] }> {
  const seen = { warnings: [] as string[], errors: [] as string[] };
  const window = vscode.window as unknown as { showWarningMessage: Notify; showErrorMessage: Notify };
  const { showWarningMessage, showErrorMessage } = window;
  window.showWarningMessage = (message) => (seen.warnings.push(message), Promise.resolve(undefined));
  window.showErrorMessage = (message) => (seen.errors.push(message), Promise.resolve(undefined));
  try {
    await act();
  } finally {
    Object.assign(window, { showWarningMessage, showErrorMessage });
  }
  return seen;
}

describe('Commands on read-only tags', () => {
  const copies: vscode.Uri[] = [];
  afterEach(async () => {
    await closeAll();
    for (const uri of copies.splice(0)) await remove(uri);
    await vscode.commands.executeCommand('newsmark.refreshTags');
  });

  it('say why in a warning, change nothing, and do not fail', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = await makeSampleCopy('readonly-commands.txt');
    copies.push(sidecar, article); // the sidecar first: the article is never seen missing
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const tag = api.store.tags(key)[0];
    assert.ok(tag, 'the sample has tags');
    // The sidecar breaks on disk (a bad merge): the tags stay listed, read-only.
    await writeTextFile(sidecar, (await readTextFile(sidecar)).replace(/end: (\d+)/, 'end: [$1'));
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    await eventually(() => assert.ok(api.store.get(key)?.problem));
    const broken = await readTextFile(sidecar);

    const seen = await notifications(async () => {
      await vscode.commands.executeCommand('newsmark.markConfirmed', { key, id: tag.id });
      await vscode.commands.executeCommand('newsmark.editNote', { key, id: tag.id }, 'a note that cannot be kept');
      await vscode.commands.executeCommand('newsmark.editArticleDetails', { kind: 'article', key }, {});
    });

    assert.equal(seen.warnings.filter((w) => w.includes('read-only until its sidecar is fixed')).length, 3, seen.warnings.join('\n'));
    assert.deepEqual(seen.errors, [], 'no command failed');
    assert.equal(api.store.find(key, tag.id)?.review, tag.review);
    assert.equal(api.store.find(key, tag.id)?.note, tag.note);
    await api.idle();
    assert.equal(await readTextFile(sidecar), broken, 'the unreadable sidecar is never written over');
  });
});
