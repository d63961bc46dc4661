import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import { closeAll, makeSampleCopy, newsmark, readTextFile, remove } from './helpers';

async function sidecarOnDisk(uri: vscode.Uri): Promise<SidecarFile> {
  const parsed = SidecarFile.parse(await readTextFile(uri));
  assert.ok(parsed.ok, 'the sidecar still reads');
  return parsed.sidecar;
}

// Answers are passed to the command instead of typed into its input boxes; a detail left out
// is what the analyst gets by pressing Enter on the prefilled box.
describe('Edit Article Details…', () => {
  const copies: vscode.Uri[] = [];
  afterEach(async () => {
    await closeAll();
    for (const uri of copies.splice(0)) await remove(uri);
    await vscode.commands.executeCommand('newsmark.refreshTags');
  });

  it('writes the details from an article row, the guessed outlet kept by Enter, tags and comments untouched', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = await makeSampleCopy('details-wire.txt');
    copies.push(sidecar, article); // the sidecar first: the article is never seen missing
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    const before = await sidecarOnDisk(sidecar);
    assert.deepEqual(before.details, {});
    await vscode.commands.executeCommand('newsmark.editArticleDetails', { kind: 'article', key }, { published: '2026-03-05', headline: 'Port authority admits losses' });
    await api.idle();
    const after = await sidecarOnDisk(sidecar);
    // The sample's dateline names its wire: that guess is what Enter keeps.
    assert.deepEqual(after.details, { outlet: 'Varnia Wire', published: '2026-03-05', headline: 'Port authority admits losses' });
    assert.deepEqual(after.tags.map((t) => [t.id, t.start, t.end]), before.tags.map((t) => [t.id, t.start, t.end]));
    assert.equal(api.store.isModified(key), false);
    assert.equal(api.store.details(key).outlet, 'Varnia Wire');
  });

  it('changes and removes details, and a bad date changes nothing', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = await makeSampleCopy('details-gazette.txt', 'harbor-gazette.txt');
    copies.push(sidecar, article); // the sidecar first: the article is never seen missing
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();
    await vscode.commands.executeCommand('newsmark.editArticleDetails', { kind: 'article', key }, { outlet: 'The Harbor Gazette', url: 'https://gazette.example/dam' });
    await api.idle();
    assert.deepEqual((await sidecarOnDisk(sidecar)).details, { outlet: 'The Harbor Gazette', url: 'https://gazette.example/dam' });
    const written = await readTextFile(sidecar);
    await vscode.commands.executeCommand('newsmark.editArticleDetails', { kind: 'article', key }, { published: 'last Thursday' });
    await api.idle();
    assert.equal(await readTextFile(sidecar), written, 'a bad date is refused before anything is written');
    await vscode.commands.executeCommand('newsmark.editArticleDetails', vscode.Uri.parse(key), { url: '' });
    await api.idle();
    assert.deepEqual((await sidecarOnDisk(sidecar)).details, { outlet: 'The Harbor Gazette' });
  });
});
