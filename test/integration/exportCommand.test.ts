import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, copyFile, eventually, exists, makeFolder, newsmark, readTextFile, remove, workspaceFile, writeTextFile } from './helpers';

type Pick = { label: string; description?: string; detail?: string };

/** What the export command showed, and how this "user" answers it. */
interface Session {
  picks: { title: string; items: Pick[] }[];
  saveDefaults: (vscode.Uri | undefined)[];
  folderDefaults: (vscode.Uri | undefined)[];
  messages: { message: string; actions: string[] }[];
  errors: string[];
  revealed: unknown[][];
}

/**
 * Runs Export Tags… answering like an analyst: the format whose id is FORMAT, the whole workspace,
 * SAVE_AS (or the dialog's own default) as the file, and ACTION on the done notification. The
 * tests are loaded from the extension's own folder, so they share its vscode API object.
 */
async function exportAs(format: string, answers: { saveAs?: (offered: vscode.Uri | undefined) => vscode.Uri | undefined; folder?: vscode.Uri; action?: string }, args: unknown[] = []): Promise<Session> {
  const seen: Session = { picks: [], saveDefaults: [], folderDefaults: [], messages: [], errors: [], revealed: [] };
  const window = vscode.window as unknown as Record<string, unknown>;
  const commands = vscode.commands as unknown as Record<string, unknown>;
  const replaced = ['showQuickPick', 'showSaveDialog', 'showOpenDialog', 'showInformationMessage', 'showErrorMessage'];
  const saved = Object.fromEntries(replaced.map((name) => [name, window[name]]));
  const executeCommand = vscode.commands.executeCommand;
  let done!: () => void;
  const notified = new Promise<void>((resolve) => (done = resolve));
  window['showQuickPick'] = async (items: Pick[] | Thenable<Pick[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    seen.picks.push({ title: options?.title ?? '', items: list });
    return list.find((i) => i.description === format) ?? list.find((i) => i.label === 'Whole workspace');
  };
  window['showSaveDialog'] = (options?: vscode.SaveDialogOptions) => {
    seen.saveDefaults.push(options?.defaultUri);
    return Promise.resolve(answers.saveAs ? answers.saveAs(options?.defaultUri) : options?.defaultUri);
  };
  window['showOpenDialog'] = (options?: vscode.OpenDialogOptions) => {
    seen.folderDefaults.push(options?.defaultUri);
    const folder = answers.folder ?? options?.defaultUri;
    return Promise.resolve(folder ? [folder] : undefined);
  };
  window['showErrorMessage'] = (message: string) => {
    seen.errors.push(message);
    done();
    return Promise.resolve(undefined);
  };
  window['showInformationMessage'] = (message: string, ...actions: string[]) => {
    seen.messages.push({ message, actions });
    done();
    return Promise.resolve(answers.action);
  };
  commands['executeCommand'] = (command: string, ...args: unknown[]) => {
    if (command === 'revealInExplorer' || command === 'revealFileInOS') seen.revealed.push([command, ...args]);
    return executeCommand(command, ...args);
  };
  try {
    await executeCommand('newsmark.exportTags', ...args);
    await Promise.race([notified, new Promise((_, reject) => setTimeout(() => reject(new Error(`no notification; saw ${JSON.stringify(seen)}`)), 15_000))]);
    // The action runs once the notification's answer is back.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    Object.assign(window, saved);
    commands['executeCommand'] = executeCommand;
  }
  return seen;
}

describe('Export Tags… (the command)', () => {
  const exportsFolder = (): vscode.Uri => workspaceFile('exports');
  const elsewhere = (): vscode.Uri => workspaceFile('elsewhere-out');
  after(async () => {
    await closeAll();
    await remove(exportsFolder());
    await remove(elsewhere());
  });

  it('offers a new exports folder beside the articles, and opens the file from the done notification', async () => {
    await newsmark();
    await remove(exportsFolder());
    const seen = await exportAs('csv', { action: 'Open' });
    const offered = seen.saveDefaults[0];
    assert.equal(offered?.toString(), vscode.Uri.joinPath(exportsFolder(), 'tags.csv').toString(), 'the save dialog starts in exports/, not among the articles');
    assert.equal(seen.messages.length, 1);
    assert.match(seen.messages[0]!.message, /^Exported \d+ articles as CSV \(offsets in code points\)\./);
    assert.deepEqual(seen.messages[0]!.actions, ['Open', 'Reveal in Explorer']);
    assert.match(await readTextFile(vscode.Uri.joinPath(exportsFolder(), 'tags.csv')), /^article,id,category,/);
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), offered?.toString(), 'Open shows the export'));
  });

  it('says nothing about offsets for a format made for reading, in the pick or the notification', async () => {
    await newsmark();
    const seen = await exportAs('md', { action: 'Reveal in Explorer' });
    const formats = seen.picks.find((p) => p.title === 'Export Tags: Format')!.items;
    for (const item of formats) assert.doesNotMatch(`${item.label} ${item.detail ?? ''}`, /none/, `the pick's ${item.description}`);
    assert.match(formats.find((i) => i.description === 'csv')!.detail ?? '', /^Offsets in code points/);
    assert.doesNotMatch(seen.messages[0]!.message, /offsets|none/);
    assert.match(seen.messages[0]!.message, /^Exported \d+ articles as Markdown summary\./);
    const summary = vscode.Uri.joinPath(exportsFolder(), 'summary.md');
    assert.ok(await exists(summary));
    assert.equal(seen.revealed.length, 1, 'Reveal in Explorer reveals the export');
    assert.equal(String(seen.revealed[0]![1]), summary.toString());
  });

  it('remembers the last folder used, in this workspace, and offers exports/ again when it is gone', async () => {
    await newsmark();
    const chosen = vscode.Uri.joinPath(elsewhere(), 'mine.jsonl');
    await vscode.workspace.fs.createDirectory(elsewhere());
    await exportAs('jsonl', { saveAs: () => chosen });
    assert.ok(await exists(chosen));
    const next = await exportAs('csv', {});
    assert.equal(next.saveDefaults[0]?.toString(), vscode.Uri.joinPath(elsewhere(), 'tags.csv').toString());
    const folderFormat = await exportAs('brat', {});
    assert.equal(folderFormat.folderDefaults[0]?.toString(), vscode.Uri.joinPath(elsewhere(), 'brat').toString(), 'a format of many files: a folder of its own there');
    await remove(elsewhere());
    const gone = await exportAs('csv', {});
    assert.equal(gone.saveDefaults[0]?.toString(), vscode.Uri.joinPath(exportsFolder(), 'tags.csv').toString());
  });

  it('refuses to write a brat export into a folder that holds tagged articles, and writes nothing there', async () => {
    await newsmark();
    const desk = vscode.Uri.joinPath(elsewhere(), 'desk');
    await makeFolder(desk);
    await writeTextFile(vscode.Uri.joinPath(desk, 'memo.txt'), 'The ferry sails on Friday, the council said.\n');
    await writeTextFile(vscode.Uri.joinPath(desk, 'memo.txt.tags.yaml'), 'newsmark: 1\narticle: memo.txt\ntags: []\n');
    const seen = await exportAs('brat', { folder: elsewhere() });
    assert.equal(seen.messages.length, 0, 'no export reported done');
    assert.match(seen.errors[0] ?? '', /^Export not written: elsewhere-out holds tagged articles \(desk\/memo\.txt\.tags\.yaml\), and a brat .* export writes copies of the articles/);
    assert.deepEqual((await vscode.workspace.fs.readDirectory(elsewhere())).map(([name]) => name), ['desk'], 'nothing written beside it');
    await remove(elsewhere());
  });
});

describe('Export Tags… from the Explorer', () => {
  const folder = (): vscode.Uri => workspaceFile('explorer-export');
  const out = (): vscode.Uri => workspaceFile('explorer-export-out.csv');
  after(async () => {
    await closeAll();
    await remove(folder());
    await remove(out());
  });

  it('on a file without tags says so before asking anything', async () => {
    await newsmark();
    const note = vscode.Uri.joinPath(folder(), 'note.txt');
    await writeTextFile(note, 'Nothing tagged here.\n');
    const seen = await exportAs('csv', {}, [note, [note]]);
    assert.deepEqual(seen.picks, [], 'no format asked for');
    assert.match(seen.messages[0]?.message ?? '', /note\.txt has no tags to export/);
  });

  it('on a folder exports the tagged articles under it, and on a sidecar its article', async () => {
    const api = await newsmark();
    const copy = vscode.Uri.joinPath(folder(), 'desk', 'copy.txt');
    await makeFolder(vscode.Uri.joinPath(folder(), 'desk'));
    await copyFile(workspaceFile('varnia-wire.txt'), copy);
    await copyFile(workspaceFile('varnia-wire.txt.tags.yaml'), vscode.Uri.joinPath(folder(), 'desk', 'copy.txt.tags.yaml'));
    await eventually(() => assert.ok(api.store.tags(copy.toString()).length > 0, 'the copy is loaded'), 10_000);
    const articlesIn = async (): Promise<string[]> => [...new Set((await readTextFile(out())).trim().split('\n').slice(1).map((row) => row.split(',')[0] ?? ''))];
    await exportAs('csv', { saveAs: () => out() }, [folder(), [folder()]]);
    assert.deepEqual(await articlesIn(), ['copy.txt'], 'only the folder\'s tagged article');
    const sidecar = vscode.Uri.joinPath(folder(), 'desk', 'copy.txt.tags.yaml');
    await exportAs('csv', { saveAs: () => out() }, [sidecar, [sidecar]]);
    assert.deepEqual(await articlesIn(), ['copy.txt'], 'a sidecar stands for its article');
  });
});
