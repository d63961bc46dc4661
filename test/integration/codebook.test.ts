import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CODEBOOK_PRESETS, codebookToYaml } from '../../src/core/codebook/index';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { closeAll, eventually, exists, newsmark, onceItShows, open, readTextFile, remove, select, workspaceFile, writeTextFile } from './helpers';

const CODEBOOK = workspaceFile('newsmark.codebook.yaml');

async function labelsOnDisk(article: string): Promise<Map<string, string | undefined>> {
  const parsed = SidecarFile.parse(await readTextFile(workspaceFile(`${article}.tags.yaml`)));
  assert.ok(parsed.ok);
  return new Map(parsed.sidecar.tags.map((t) => [t.id, t.label]));
}

describe('Codebook: sub-labels in tagging and review', () => {
  let sidecarBefore: string;

  before(async () => {
    sidecarBefore = await readTextFile(workspaceFile('harbor-gazette.txt.tags.yaml'));
    if (await exists(CODEBOOK)) await remove(CODEBOOK);
  });

  after(async () => {
    await closeAll();
    const api = await newsmark();
    if (await exists(CODEBOOK)) await remove(CODEBOOK);
    await api.codebook.service.reload();
    await writeTextFile(workspaceFile('harbor-gazette.txt.tags.yaml'), sidecarBefore);
    await api.idle();
  });

  it('Create Codebook writes the SemEval-2020 preset at the folder root and opens it; a second run leaves it unchanged', async () => {
    const api = await newsmark();
    await api.codebook.create.run('semeval2020');
    const text = await readTextFile(CODEBOOK);
    assert.match(text, /id: Loaded_Language/);
    assert.equal(api.codebook.service.codebook.categories.framing.labels.length, 14);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), CODEBOOK.toString());
    await api.codebook.create.run('semeval2023');
    assert.equal(await readTextFile(CODEBOOK), text, 'an existing codebook is never replaced');
    assert.equal(api.codebook.service.codebook.categories.framing.labels.length, 14);
  });

  it('tagging as framing offers the sub-labels at once; Enter on the first stores label: on the tag in the sidecar', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    editor.selection = select(editor, 'rare admission');
    await api.idle(); // the editor settled: a late focus change would close the pick (as Escape does)
    const [tag] = await onceItShows(vscode.commands.executeCommand<Tag[]>('newsmark.tagFraming'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(tag?.label, 'Appeal_to_Authority');
    await api.idle();
    assert.equal((await labelsOnDisk('harbor-gazette.txt')).get(tag.id), 'Appeal_to_Authority');
  });

  it('Escape in the pick keeps the plain category: the tag is stored without a label', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    editor.selection = select(editor, 'swept through');
    const [tag] = await onceItShows(vscode.commands.executeCommand<Tag[]>('newsmark.tagFraming'), 'workbench.action.closeQuickOpen');
    assert.ok(tag);
    await api.idle();
    const labels = await labelsOnDisk('harbor-gazette.txt');
    assert.ok(labels.has(tag.id) && labels.get(tag.id) === undefined);
  });

  it('Change Sub-label sets and clears the label; a claim has no sub-labels in this codebook and no pick opens', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    const key = editor.document.uri.toString();
    const framing = api.store.tags(key).find((t) => t.category === 'framing' && t.label === undefined)!;
    await vscode.commands.executeCommand('newsmark.changeSubLabel', { key, id: framing.id }, 'Name_Calling,Labeling');
    await api.idle();
    assert.equal((await labelsOnDisk('harbor-gazette.txt')).get(framing.id), 'Name_Calling,Labeling');
    await vscode.commands.executeCommand('newsmark.changeSubLabel', { key, id: framing.id }, null);
    await api.idle();
    assert.equal((await labelsOnDisk('harbor-gazette.txt')).get(framing.id), undefined);
    editor.selection = select(editor, 'harbour office');
    const [claim] = await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim');
    assert.equal(claim?.label, undefined, 'no pick for a category without sub-labels');
  });

  it('a codebook edited on disk reaches tagging at once; one that is not YAML is a problem on its line and tagging goes on', async () => {
    const api = await newsmark();
    await writeTextFile(CODEBOOK, 'categories:\n  framing:\n    labels: [oops\n');
    await eventually(() => vscode.languages.getDiagnostics(CODEBOOK).length > 0, 5000);
    const [problem] = vscode.languages.getDiagnostics(CODEBOOK);
    assert.match(problem!.message, /Not valid YAML/);
    assert.equal(api.codebook.service.codebook.categories.framing.labels.length, 0);
    const editor = await open('harbor-gazette.txt');
    editor.selection = select(editor, 'lower docks');
    const [tag] = await vscode.commands.executeCommand<Tag[]>('newsmark.tagFraming');
    assert.equal(tag?.category, 'framing', 'tagging does not wait for a pick that has nothing to offer');
  });
});

describe('Codebook: article codes and values it does not list', () => {
  const SIDECAR = workspaceFile('harbor-gazette.txt.tags.yaml');
  let sidecarBefore: string;

  before(async () => {
    sidecarBefore = await readTextFile(SIDECAR);
    const api = await newsmark();
    const semeval = CODEBOOK_PRESETS.find((p) => p.id === 'semeval2020')!.codebook;
    const frames = CODEBOOK_PRESETS.find((p) => p.id === 'mediaFrames')!.codebook;
    await writeTextFile(CODEBOOK, codebookToYaml({ ...semeval, codes: frames.codes }));
    await api.codebook.service.reload();
  });

  after(async () => {
    await closeAll();
    const api = await newsmark();
    if (await exists(CODEBOOK)) await remove(CODEBOOK);
    await api.codebook.service.reload();
    await writeTextFile(SIDECAR, sidecarBefore);
    await api.idle();
  });

  it('Set Article Codes writes codes: into the sidecar header; Edit Article Details afterwards keeps them', async () => {
    const api = await newsmark();
    const editor = await open('harbor-gazette.txt');
    const key = editor.document.uri.toString();
    await vscode.commands.executeCommand('newsmark.setArticleCodes', { key }, { primary_frame: 'Security and defense' });
    await api.idle();
    const parsed = SidecarFile.parse(await readTextFile(SIDECAR));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.details.codes, { primary_frame: 'Security and defense' });
    await vscode.commands.executeCommand('newsmark.editArticleDetails', { key }, { outlet: 'The Harbor Gazette' });
    await api.idle();
    const again = SidecarFile.parse(await readTextFile(SIDECAR));
    assert.ok(again.ok);
    assert.equal(again.sidecar.details.outlet, 'The Harbor Gazette');
    assert.deepEqual(again.sidecar.details.codes, { primary_frame: 'Security and defense' }, 'editing the details leaves the codes alone');
  });

  it('a sub-label and a code value the codebook does not list are warnings on their lines of the sidecar, and stay in it', async () => {
    const api = await newsmark();
    const text = (await readTextFile(SIDECAR)).replace('primary_frame: Security and defense', 'primary_frame: Sports').replace(/(\n {4}category: framing\n)/, '$1    label: Loaded_language\n');
    await writeTextFile(SIDECAR, text);
    await eventually(() => vscode.languages.getDiagnostics(SIDECAR).filter((d) => d.source === 'Newsmark codebook').length === 2, 5000);
    const lines = text.split('\n');
    const found = vscode.languages.getDiagnostics(SIDECAR).filter((d) => d.source === 'Newsmark codebook').map((d) => lines[d.range.start.line]!.trim()).sort();
    assert.deepEqual(found, ['label: Loaded_language', 'primary_frame: Sports']);
    await api.idle();
    const tags = api.store.tags(workspaceFile('harbor-gazette.txt').toString());
    assert.ok(tags.some((t) => t.label === 'Loaded_language'), 'the unknown sub-label is kept on its tag');
  });
});
