import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, newsmark, open, readTextFile, select, workspaceFile, writeTextFile } from './helpers';

const ARTICLE = 'harbor-gazette.txt';
const SIDECAR = workspaceFile(`${ARTICLE}.tags.yaml`);

describe('Commands where they apply: newsmark.onTag follows the cursor, newsmark.articleHasTags the article', () => {
  let sidecarBefore: string;
  before(async () => {
    sidecarBefore = await readTextFile(SIDECAR);
  });
  after(async () => {
    await closeAll();
    const api = await newsmark();
    await writeTextFile(SIDECAR, sidecarBefore);
    await api.idle();
  });

  it('is true with the caret in a tag, false off it and in another editor, and follows a tag removed or made under a still caret', async () => {
    const api = await newsmark();
    const editor = await open(ARTICLE);
    const key = editor.document.uri.toString();
    const caret = (text: string, into = 2): void => {
      const at = select(editor, text).start.translate(0, into);
      editor.selection = new vscode.Selection(at, at);
    };
    caret('2,417 people');
    await eventually(() => assert.deepEqual(api.caret.keys, { onTag: true, onFuzzyTag: false, articleHasTags: true }));
    caret('preliminary estimate');
    await eventually(() => assert.deepEqual(api.caret.keys, { onTag: false, onFuzzyTag: false, articleHasTags: true }));
    // A tag no other overlaps, so that removing it leaves no tag at the caret.
    caret('two dozen vessels', 6);
    await eventually(() => assert.equal(api.caret.keys.onTag, true));

    // Another document in front: the commands would find no tag there.
    const other = await vscode.workspace.openTextDocument({ content: 'scratch' });
    await vscode.window.showTextDocument(other);
    await eventually(() => assert.deepEqual(api.caret.keys, { onTag: false, onFuzzyTag: false, articleHasTags: false }));
    await vscode.window.showTextDocument(editor.document);
    await eventually(() => assert.equal(api.caret.keys.onTag, true, 'back on the article, the caret is still in the tag'));

    // The tag goes while the caret stays, then one is made there.
    const tag = api.store.tags(key).find((t) => t.text === 'two dozen vessels')!;
    await vscode.commands.executeCommand('newsmark.removeTag', { key, id: tag.id });
    await eventually(() => assert.equal(api.caret.keys.onTag, false, `tags left at the caret: ${JSON.stringify(api.store.tags(key).filter((t) => t.start <= tag.start + 6 && tag.start + 6 <= t.end).map((t) => t.text))}`));
    api.store.add(key, [tag]);
    await eventually(() => assert.equal(api.caret.keys.onTag, true));

    // A fuzzy re-attachment under the caret: Accept Re-attachment applies.
    api.store.update(key, tag.id, { status: 'fuzzy', previousText: 'two dozen boats' });
    await eventually(() => assert.deepEqual(api.caret.keys, { onTag: true, onFuzzyTag: true, articleHasTags: true }));
    await api.idle();
  });
});
