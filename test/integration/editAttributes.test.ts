import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codebookToYaml, EMPTY_CODEBOOK } from '../../src/core/codebook/index';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import type { NewsmarkApi } from '../../src/extension/extension';
import type { ShownStep } from '../../src/extension/review/stepsInput';
import { closeAll, eventually, exists, loadedTag, newsmark, open, readTextFile, remove, workspaceFile, writeTextFile } from './helpers';

const ARTICLE = 'harbor-gazette.txt';
const SIDECAR = workspaceFile(`${ARTICLE}.tags.yaml`);
const CODEBOOK = workspaceFile('newsmark.codebook.yaml');

async function savedTag(id: string): Promise<Tag> {
  const parsed = SidecarFile.parse(await readTextFile(SIDECAR));
  assert.ok(parsed.ok);
  return parsed.sidecar.tags.find((t) => t.id === id)!;
}

/** Waits for the input to show the step asking for `key`, as a person waits for the next question. */
async function step(api: NewsmarkApi, key: string): Promise<ShownStep> {
  let shown: ShownStep | undefined;
  await eventually(() => {
    shown = api.review.attributesInput.shown;
    assert.equal(shown?.key, key, `the input asks for ${key} (it asks for ${shown?.key ?? 'nothing'})`);
  });
  // The input is on screen once VS Code has it; a key pressed earlier would reach the one before.
  await new Promise((r) => setTimeout(r, 150));
  return shown!;
}

const enter = (): Thenable<unknown> => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
const back = (): Thenable<unknown> => vscode.commands.executeCommand('workbench.action.quickInputBack');
const escape = (): Thenable<unknown> => vscode.commands.executeCommand('workbench.action.closeQuickOpen');

describe('Edit Attributes: one multi-step input, pre-filled', () => {
  let sidecarBefore: string;
  let key: string;

  before(async () => {
    sidecarBefore = await readTextFile(SIDECAR);
    if (await exists(CODEBOOK)) await remove(CODEBOOK);
  });

  beforeEach(async () => {
    await newsmark();
    key = (await open(ARTICLE)).document.uri.toString();
  });

  after(async () => {
    await closeAll();
    const api = await newsmark();
    if (await exists(CODEBOOK)) await remove(CODEBOOK);
    await api.codebook.service.reload();
    await writeTextFile(SIDECAR, sidecarBefore);
    await api.idle();
  });

  /** A figure of the sample with its attributes cleared, as a freshly made tag has none. */
  async function bareFigure(api: NewsmarkApi, text: string): Promise<Tag> {
    const tag = await loadedTag(api, key, (t) => t.category === 'figure' && t.text === text, `the figure “${text}”`);
    api.store.update(key, tag.id, { attributes: undefined });
    await api.idle();
    return tag;
  }

  it('asks a figure’s value, unit and counts as steps 1–3 of 3, pre-filled from its text; Back keeps answers; Enter through saves them', async () => {
    const api = await newsmark();
    const tag = await bareFigure(api, 'two dozen vessels');
    const editing = vscode.commands.executeCommand('newsmark.editAttributes', { key, id: tag.id });
    let shown = await step(api, 'value');
    assert.equal(shown.input.value, '24', 'the value read from “two dozen vessels”');
    assert.deepEqual([shown.input.step, shown.input.totalSteps], [1, 3]);
    assert.equal(shown.input.buttons.length, 0, 'no Back on the first step');
    await enter();
    shown = await step(api, 'unit');
    assert.equal(shown.input.value, 'vessels');
    assert.deepEqual([shown.input.step, shown.input.totalSteps], [2, 3]);
    assert.deepEqual(shown.input.buttons, [vscode.QuickInputButtons.Back]);
    assert.match(shown.input.title ?? '', /Figure “two dozen vessels”: unit/);
    shown.input.value = 'ships';
    await back();
    shown = await step(api, 'value');
    assert.equal(shown.input.value, '24', 'Back shows the answer given');
    await enter();
    shown = await step(api, 'unit');
    assert.equal(shown.input.value, 'vessels', 'a step left by Back keeps what it was shown with');
    shown.input.value = 'ships';
    await enter();
    shown = await step(api, 'counts');
    assert.equal(shown.input.value, '');
    await enter();
    await editing;
    await api.idle();
    assert.deepEqual((await savedTag(tag.id)).attributes, { value: 24, unit: 'ships' });
  });

  it('Escape on any step saves nothing', async () => {
    const api = await newsmark();
    const tag = await loadedTag(api, key, (t) => t.category === 'figure' && t.text === '2,417 people', 'the figure “2,417 people”');
    const before = (await savedTag(tag.id)).attributes;
    const editing = vscode.commands.executeCommand('newsmark.editAttributes', { key, id: tag.id });
    (await step(api, 'value')).input.value = '9999';
    await enter();
    await step(api, 'unit');
    await escape();
    await editing;
    await api.idle();
    assert.deepEqual((await savedTag(tag.id)).attributes, before);
  });

  it('a hedged figure (“roughly 38%”) gets a comparator pick, pre-selected; a non-number is refused on its step', async () => {
    const api = await newsmark();
    const tag = await bareFigure(api, 'roughly 38% of container capacity');
    const editing = vscode.commands.executeCommand('newsmark.editAttributes', { key, id: tag.id });
    let shown = await step(api, 'value');
    assert.equal(shown.input.value, '38');
    assert.equal(shown.input.totalSteps, 4, 'value, comparator, unit, counts');
    shown.input.value = 'lots';
    await enter();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api.review.attributesInput.shown?.key, 'value', 'a value that is no number stays on its step');
    const problem = (shown.input as vscode.InputBox).validationMessage;
    assert.match(typeof problem === 'string' ? problem : problem?.message ?? '', /A number/);
    shown.input.value = '38';
    await enter();
    shown = await step(api, 'comparator');
    const pick = shown.input as vscode.QuickPick<vscode.QuickPickItem & { value: string }>;
    assert.deepEqual(pick.activeItems.map((i) => i.value), ['~']);
    await enter();
    assert.equal((await step(api, 'unit')).input.value, 'percent');
    await enter();
    await step(api, 'counts');
    await enter();
    await editing;
    await api.idle();
    assert.deepEqual((await savedTag(tag.id)).attributes, { value: 38, comparator: '~', unit: 'percent' });
  });

  it('a codebook attribute with allowed values is a pick step among the others, its current value active', async () => {
    const api = await newsmark();
    const book = { ...EMPTY_CODEBOOK, categories: { ...EMPTY_CODEBOOK.categories, figure: { labels: [], attributes: [{ name: 'precision', definition: 'How exact the source is', values: ['exact', 'estimate'] }] } } };
    await writeTextFile(CODEBOOK, codebookToYaml(book));
    await api.codebook.service.reload();
    const tag = await loadedTag(api, key, (t) => t.category === 'figure' && t.text === '2,417 people', 'the figure “2,417 people”');
    api.store.update(key, tag.id, { attributes: { ...(tag.attributes ?? {}), precision: 'exact' } });
    const editing = vscode.commands.executeCommand('newsmark.editAttributes', { key, id: tag.id });
    assert.equal((await step(api, 'value')).input.totalSteps, 4, 'value, unit, counts, precision');
    await enter();
    await step(api, 'unit');
    await enter();
    await step(api, 'counts');
    await enter();
    const shown = await step(api, 'precision');
    const pick = shown.input as vscode.QuickPick<vscode.QuickPickItem & { value: string }>;
    assert.deepEqual(pick.items.map((i) => i.label), ['exact', 'estimate', 'Not set']);
    assert.deepEqual(pick.activeItems.map((i) => i.value), ['exact']);
    assert.equal(shown.input.step, 4);
    pick.activeItems = [pick.items.find((i) => i.value === 'estimate')!];
    await new Promise((r) => setTimeout(r, 300)); // the move reaches the workbench, as an arrow key would
    await enter();
    await editing;
    await api.idle();
    const saved = await savedTag(tag.id);
    assert.equal(saved.attributes?.['precision'], 'estimate');
    assert.equal(saved.attributes?.['value'], tag.attributes?.['value'], 'the other answers, left as shown, are kept as they were');
  });
});
