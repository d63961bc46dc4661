import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../src/core/tag';
import { closeAll, eventually, newsmark, open, remove, select, workspaceFile, writeTextFile } from './helpers';

// Two fictional outlets print one figure differently; the samples already hold one mismatch
// (2,471 evacuees in the Clarion, 2,417 elsewhere).
const NORTH = 'compare-northshore.txt';
const VALLEY = 'compare-valley.txt';
const NORTH_TEXT = 'By Ana Lind, Northshore Post •\n\nMayor Ilse Varn said on June 3 that 1,200 residents were evacuated from the valley.\n';
const RIDGE = 'compare-ridge.txt';
const RIDGE_TEXT = 'By Petra Holm, Ridge Herald •\n\nMayor Ilse Varn said on June 3 that 1,600 inhabitants were evacuated from the valley.\n';
const VALLEY_TEXT = 'By Tomas Berg, Valley Courier •\n\nOn June 3 Mayor Ilse Varn said 1,600 residents had been evacuated from the valley.\n';

async function tagFigure(name: string, phrase: string): Promise<Tag> {
  const editor = await open(name);
  editor.selection = select(editor, phrase);
  const created = await vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure');
  assert.equal(created.length, 1);
  return created[0]!;
}

function panelTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('newsmark.compareOutlets'));
}

describe('Compare Outlets', () => {
  before(async () => {
    await writeTextFile(workspaceFile(NORTH), NORTH_TEXT);
    await writeTextFile(workspaceFile(VALLEY), VALLEY_TEXT);
    await writeTextFile(workspaceFile(RIDGE), RIDGE_TEXT);
  });
  after(async () => {
    await closeAll();
    await vscode.workspace.getConfiguration('newsmark').update('figures.synonyms', undefined, vscode.ConfigurationTarget.Workspace);
    for (const name of [NORTH, VALLEY, RIDGE]) for (const file of [`${name}.tags.yaml`, name]) await remove(workspaceFile(file));
    await vscode.commands.executeCommand('newsmark.refreshTags');
  });

  it('counts mismatches for the status bar, opens the panel, follows the store, and reveals a figure beside the panel', async () => {
    const api = await newsmark();
    const { model, panel, status } = api.compare;
    await model.refresh();
    assert.equal(model.mismatches, 1, 'the samples’ evacuees');
    assert.equal(status.item.text, '$(warning) 1 figure mismatch');

    const north = await tagFigure(NORTH, '1,200 residents');
    const valley = await tagFigure(VALLEY, '1,600 residents');
    await api.idle();
    await model.refresh();
    assert.equal(model.mismatches, 2);
    assert.equal(status.item.text, '$(warning) 2 figure mismatches');

    await vscode.commands.executeCommand('newsmark.compareOutlets');
    assert.ok(panelTab(), 'the panel is open');
    const html = panel.html ?? '';
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; style-src [^;]+ 'nonce-([^']+)'; script-src 'nonce-\1'; img-src [^;]+$/);
    assert.match(html, /<script nonce="[^"]+" src="[^"]*\/media\/grid\.js"><\/script>/);
    const row = /<tr class="k-mismatch"><th scope="row"[^>]*>residents evacuated[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    assert.match(row, /1,200 \(Northshore Post\) vs 1,600 \(Valley Courier\)/, 'outlets named from their bylines');
    assert.match(row, new RegExp(`data-id="${north.id}"`));
    assert.match(row, new RegExp(`data-id="${valley.id}"`));

    // The analyst corrects the Valley Courier's figure by hand: the mismatch goes, in the panel too.
    api.store.update(workspaceFile(VALLEY).toString(), valley.id, { attributes: { value: 1200 } });
    await eventually(() => /residents evacuated/.test(panel.html ?? '') && !/<tr class="k-mismatch"><th scope="row"[^>]*>residents evacuated/.test(panel.html ?? ''), 5000);
    assert.equal(model.mismatches, 1);
    assert.equal(status.item.text, '$(warning) 1 figure mismatch');

    // Enter on a cell: the span selected in an editor beside the panel, the panel still shown.
    await panel.receive({ type: 'reveal', article: workspaceFile(NORTH).toString(), id: north.id });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === workspaceFile(NORTH).toString());
    assert.ok(editor, 'the article is visible');
    assert.equal(editor.document.getText(editor.selection), '1,200 residents');
    assert.notEqual(editor.viewColumn, panel.viewColumn);
    assert.ok(panelTab()?.group.activeTab === panelTab(), 'the panel is still the shown tab of its group');
    // The page is not trusted: a message naming no tag reveals nothing and throws nothing.
    await panel.receive({ type: 'reveal', article: 'file:///etc/passwd', id: 'x' });
    await panel.receive({ type: 'run', command: 'workbench.action.quit' });
  });

  it('counts a figure with the user’s synonyms from newsmark.figures.synonyms', async () => {
    const api = await newsmark();
    const { model } = api.compare;
    await tagFigure(RIDGE, '1,600 inhabitants');
    await api.idle();
    await model.refresh();
    // "inhabitants evacuated" is another thing than "residents evacuated" until the analyst says otherwise.
    assert.equal(model.mismatches, 1, 'only the samples’ evacuees');
    await vscode.workspace.getConfiguration('newsmark').update('figures.synonyms', { nouns: { residents: ['inhabitants'] } }, vscode.ConfigurationTarget.Workspace);
    await eventually(() => model.mismatches === 2, 5000);
    await vscode.workspace.getConfiguration('newsmark').update('figures.synonyms', undefined, vscode.ConfigurationTarget.Workspace);
    await eventually(() => model.mismatches === 1, 5000);
  });
});
