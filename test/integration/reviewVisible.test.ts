import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { toLf } from '../../src/core/textIndex';
import { closeAll, eventually, makeSampleCopy, newsmark, open, remove } from './helpers';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('newsmark');

/** The hover's text at the middle of a tag's highlight. */
async function hoverText(editor: vscode.TextEditor, range: vscode.Range): Promise<string> {
  const at = editor.document.positionAt((editor.document.offsetAt(range.start) + editor.document.offsetAt(range.end)) >> 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1').replace(/\*\*/g, '');
}

describe('Review you can see: hover, status bar answer and the confirmed mark', () => {
  let copy: Awaited<ReturnType<typeof makeSampleCopy>>;
  let name = '';
  let round = 0;
  beforeEach(async () => {
    name = `review-visible-${++round}.txt`; // a fresh article each time: the store never mixes two tests' copies
    copy = await makeSampleCopy(name, 'harbor-gazette.txt');
  });
  afterEach(async () => {
    await config().update('author', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('review.confirmedMark', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
    await (await newsmark()).idle();
    await remove(copy.sidecar);
    await remove(copy.article);
  });

  it('hovers a tag with its review status, reviewer and author, and answers Mark Confirmed / Disputed with a status bar message', async () => {
    const api = await newsmark();
    await config().update('author', 'Ilse Marrow', vscode.ConfigurationTarget.Workspace);
    const editor = await open(name);
    await eventually(() => assert.ok(api.store.tags(copy.key).length >= 2, 'the copy\'s tags are loaded'));
    const [first, second] = api.store.tags(copy.key).filter((t) => t.status === undefined && t.review === undefined);
    assert.ok(first && second, 'two unreviewed sample tags');
    const rangeOf = (text: string): vscode.Range => api.decorations.rangesIn(editor)[first.category].concat(api.decorations.rangesIn(editor)[second.category]).find((r) => toLf(editor.document.getText(r)) === text)!;

    const before = await hoverText(editor, rangeOf(first.text));
    assert.match(before, /Not reviewed/, before);
    assert.ok(before.includes(`tagged by ${first.author!}`), before);
    assert.ok(before.includes('command:newsmark.markConfirmed'), 'the hover offers the verdicts');

    const confirmed = await vscode.commands.executeCommand<string>('newsmark.markConfirmed', { key: copy.key, id: first.id });
    assert.match(confirmed, /confirmed$/, 'the answer says what happened');
    assert.ok(confirmed.includes(first.text.slice(0, 20)), `the answer names the tag: ${confirmed}`);
    const disputed = await vscode.commands.executeCommand<string>('newsmark.markDisputed', { key: copy.key, id: second.id });
    assert.match(disputed, /disputed$/);
    await api.idle();

    const after = await hoverText(editor, rangeOf(first.text));
    assert.ok(after.includes('Confirmed by Ilse Marrow'), after);
    assert.ok(after.includes(`tagged by ${first.author!}`), after);
    const other = await hoverText(editor, rangeOf(second.text));
    assert.ok(other.includes('Disputed by Ilse Marrow'), other);
  });

  it('offers Accept Re-attachment in the hover of a tag re-attached to changed text, and only there', async () => {
    const api = await newsmark();
    const editor = await open(name);
    await eventually(() => assert.ok(api.store.tags(copy.key).length >= 2, 'the copy\'s tags are loaded'));
    const [moved, steady] = api.store.tags(copy.key).filter((t) => t.status === undefined);
    assert.ok(moved && steady, 'two anchored sample tags');
    api.store.update(copy.key, moved.id, { status: 'fuzzy', previousText: `${moved.text} (as it was)` });
    const rangeOf = (text: string): vscode.Range => Object.values(api.decorations.rangesIn(editor)).flat().find((r) => toLf(editor.document.getText(r)) === text)!;
    await eventually(async () => assert.ok((await hoverText(editor, rangeOf(moved.text))).includes('command:newsmark.acceptReattachment?'), 'the fuzzy tag\'s hover links Accept Re-attachment'));
    assert.ok(!(await hoverText(editor, rangeOf(steady.text))).includes('command:newsmark.acceptReattachment'), 'an anchored tag\'s does not');
  });

  it('marks confirmed tags as the setting says (off takes the mark away) and keeps the wavy underline for disputed ones', async () => {
    const api = await newsmark();
    const editor = await open(name);
    await eventually(() => assert.ok(api.store.tags(copy.key).length >= 2, 'the copy\'s tags are loaded'));
    const [first, second] = api.store.tags(copy.key).filter((t) => t.status === undefined && t.review === undefined);
    await vscode.commands.executeCommand('newsmark.markConfirmed', { key: copy.key, id: first!.id });
    await vscode.commands.executeCommand('newsmark.markDisputed', { key: copy.key, id: second!.id });
    const texts = (ranges: vscode.Range[]): string[] => ranges.map((r) => toLf(editor.document.getText(r)));
    await eventually(() => assert.deepEqual(texts(api.decorations.rangesIn(editor).confirmed), [first!.text]));
    assert.deepEqual(texts(api.decorations.rangesIn(editor).disputed), [second!.text], 'a disputed tag keeps its underline, and is not marked confirmed');

    await config().update('review.confirmedMark', 'off', vscode.ConfigurationTarget.Workspace);
    await eventually(() => assert.deepEqual(api.decorations.rangesIn(editor).confirmed, []));
    await config().update('review.confirmedMark', 'ruler', vscode.ConfigurationTarget.Workspace);
    await eventually(() => assert.deepEqual(texts(api.decorations.rangesIn(editor).confirmed), [first!.text]));

    await vscode.commands.executeCommand('newsmark.markUnreviewed', { key: copy.key, id: first!.id });
    await eventually(() => assert.deepEqual(api.decorations.rangesIn(editor).confirmed, []));
  });
});
