import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, makeFolder, newsmark, remove, workspaceFile, writeTextFile } from './helpers';

// Fictional: two outlets' pieces filed under one name, as monitoring tools name files by date.
const HARBOUR = 'The harbour board said the ferry would sail again on Friday.\nCritics called the plan reckless.\n';
const TRAM = 'The council said the tram line would open in March.\nOne councillor called it a money pit.\n';

/**
 * Runs Import Tags… answering like an analyst: the format whose id is FORMAT and FOLDER in the
 * open dialog. Returns the notification it ended with. The tests share the extension's vscode API object.
 */
async function importFrom(format: string, folder: vscode.Uri): Promise<string> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const replaced = ['showQuickPick', 'showOpenDialog', 'showInformationMessage', 'showWarningMessage'];
  const saved = Object.fromEntries(replaced.map((name) => [name, window[name]]));
  let done!: (message: string) => void;
  const notified = new Promise<string>((resolve) => (done = resolve));
  window['showQuickPick'] = async (items: { description?: string }[] | Thenable<{ description?: string }[]>) => (await items).find((i) => i.description === format);
  window['showOpenDialog'] = () => Promise.resolve([folder]);
  window['showInformationMessage'] = (message: string) => (done(message), Promise.resolve(undefined));
  window['showWarningMessage'] = (message: string) => (done(message), Promise.resolve(undefined));
  try {
    await vscode.commands.executeCommand('newsmark.importTags');
    return await Promise.race([notified, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no notification')), 15_000))]);
  } finally {
    Object.assign(window, saved);
  }
}

describe('Import Tags…: two articles of one name in different folders', () => {
  // A folder of its own per test: the store keeps the tags of an article whose file went away.
  let run = 0;
  let corpus: vscode.Uri;
  let input: vscode.Uri;

  beforeEach(async () => {
    run++;
    corpus = workspaceFile(`import-twins-${run}`);
    input = workspaceFile(`import-twins-${run}-brat`);
    await makeFolder(vscode.Uri.joinPath(corpus, 'harbour'));
    await makeFolder(vscode.Uri.joinPath(corpus, 'tram'));
    await makeFolder(input);
    await writeTextFile(vscode.Uri.joinPath(corpus, 'harbour', 'day.txt'), HARBOUR);
    await writeTextFile(vscode.Uri.joinPath(corpus, 'tram', 'day.txt'), TRAM);
  });

  afterEach(async () => {
    await closeAll();
    await remove(corpus);
    await remove(input);
  });

  it('puts each brat file\'s tags into the article articles.tsv names, not the first file of that name', async () => {
    const api = await newsmark();
    const at = (text: string, part: string): string => `${text.indexOf(part)} ${text.indexOf(part) + part.length}\t${part}`;
    await writeTextFile(vscode.Uri.joinPath(input, 'articles.tsv'), 'harbour__day.txt\tharbour/day.txt\ntram__day.txt\ttram/day.txt\n');
    await writeTextFile(vscode.Uri.joinPath(input, 'harbour__day.ann'), `T1\tframing ${at(HARBOUR, 'reckless')}\n`);
    await writeTextFile(vscode.Uri.joinPath(input, 'tram__day.ann'), `T1\tframing ${at(TRAM, 'a money pit')}\n`);
    const message = await importFrom('brat', input);
    assert.match(message, /Imported 2 tags into 2 articles\./);
    const tagsOf = (folder: string): string[] => api.store.tags(vscode.Uri.joinPath(corpus, folder, 'day.txt').toString()).map((t) => t.text);
    await eventually(() => {
      assert.deepEqual(tagsOf('harbour'), ['reckless']);
      assert.deepEqual(tagsOf('tram'), ['a money pit']);
    });
  });

  it('refuses records that name only "day.txt" when two articles have that name, and says why', async () => {
    const api = await newsmark();
    const part = 'reckless';
    await writeTextFile(vscode.Uri.joinPath(input, 'day.ann'), `T1\tframing ${HARBOUR.indexOf(part)} ${HARBOUR.indexOf(part) + part.length}\t${part}\n`);
    const message = await importFrom('brat', input);
    assert.match(message, /Imported 0 tags into 0 articles; 1 not imported/);
    for (const folder of ['harbour', 'tram']) assert.deepEqual(api.store.tags(vscode.Uri.joinPath(corpus, folder, 'day.txt').toString()), []);
  });
});
