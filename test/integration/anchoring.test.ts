import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';
import type { NewsmarkApi } from '../../src/extension/extension';
import { closeAll, eventually, labelOf, newsmark, open, readBytes, readTextFile, remove, select, workspaceFile, writeTextFile } from './helpers';

/** Each drawn highlight covers exactly its tag's text in the document. */
function assertDrawnOnText(editor: vscode.TextEditor, drawn: Record<string, vscode.Range[]>, tags: readonly Tag[]): void {
  const visible = tags.filter((t) => t.status !== 'orphaned' && t.end > t.start);
  assert.equal(Object.values(drawn).flat().length, visible.length);
  for (const tag of visible) {
    assert.ok(drawn[tag.category]!.some((r) => toLf(editor.document.getText(r)) === tag.text), `"${tag.text}" is highlighted`);
  }
}

async function sidecarTags(article: string): Promise<readonly Tag[]> {
  const parsed = SidecarFile.parse(await readTextFile(workspaceFile(`${article}.tags.yaml`)));
  assert.ok(parsed.ok);
  return parsed.sidecar.tags;
}

describe('Anchoring: tags stay on their text through edits in the editor and on disk', () => {
  afterEach(closeAll);

  it('follows typing before, beside and inside tags, and the undo of a deleted tag', async () => {
    const api = await newsmark();
    // This test saves its edits: the sample and its sidecar are put back after, as other suites expect them.
    const article = workspaceFile('harbor-gazette.txt');
    const sidecarFile = workspaceFile('harbor-gazette.txt.tags.yaml');
    const saved = { article: await readBytes(article), sidecar: await readBytes(sidecarFile) };
    try {
      await editsFollowed(api);
    } finally {
      await closeAll();
      await writeTextFile(article, saved.article);
      await writeTextFile(sidecarFile, saved.sidecar);
      const again = await open('harbor-gazette.txt');
      await eventually(() => assert.ok(api.store.tags(again.document.uri.toString()).some((t) => t.text === '2,417 people' && t.status !== 'fuzzy'), JSON.stringify(api.store.tags(again.document.uri.toString()).filter((t) => t.category === 'figure'))), 10_000);
      await closeAll();
    }
  });

  async function editsFollowed(api: NewsmarkApi): Promise<void> {
    const editor = await open('harbor-gazette.txt'); // CRLF line endings
    const key = editor.document.uri.toString();
    const figure = api.store.tags(key).find((t) => t.text === '2,417 people')!;
    const range = api.decorations.rangesIn(editor).figure.find((r) => editor.document.getText(r) === figure.text)!;

    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '🚨 '));
    await editor.edit((e) => e.insert(range.end.translate(0, 3), ' (provisional)')); // right after the tag
    await api.idle();
    let moved = api.store.find(key, figure.id)!;
    assert.equal(moved.text, '2,417 people');
    assert.equal(moved.start, figure.start + 2);
    assertDrawnOnText(editor, api.decorations.rangesIn(editor), api.store.tags(key));

    // Typing inside the figure changes its text: after the pause it is flagged for review.
    const inside = api.decorations.rangesIn(editor).figure.find((r) => editor.document.getText(r) === '2,417 people')!;
    await editor.edit((e) => e.replace(new vscode.Range(inside.start.translate(0, 3), inside.start.translate(0, 4)), '2'));
    await api.idle();
    moved = api.store.find(key, figure.id)!;
    assert.equal(moved.text, '2,427 people');
    assert.equal(moved.status, 'fuzzy');
    assert.equal(moved.previousText, '2,417 people');

    // Deleting the whole tagged text keeps the tag; undo puts it back where it was.
    const whole = api.decorations.rangesIn(editor).figure.find((r) => editor.document.getText(r) === '2,427 people')!;
    await editor.edit((e) => e.delete(whole));
    await api.idle();
    assert.ok(api.store.find(key, figure.id), 'a deleted tag is not dropped');
    assert.equal(api.decorations.rangesIn(editor).figure.some((r) => editor.document.getText(r).includes('people')), false);
    await vscode.commands.executeCommand('undo');
    await api.idle();
    assert.equal(api.store.find(key, figure.id)?.text, '2,427 people');
    assertDrawnOnText(editor, api.decorations.rangesIn(editor), api.store.tags(key));

    await editor.document.save();
    await api.idle();
    await eventually(async () => assert.equal((await sidecarTags('harbor-gazette.txt')).find((t) => t.id === figure.id)?.status, 'fuzzy'));
  }

  it('grows a tag as an analyst types inside it, key by key with pauses, and never moves it', async () => {
    // Fictional text: a denial inside a quotation, as the reproduction had it.
    const denial = 'We deny the harbour authority had anything to do with these closures';
    const name = 'typing-inside.txt';
    const file = workspaceFile(name);
    await writeTextFile(file, `Ministry answers\n\nThe ministry replied on Friday. “${denial},” said Ilse Marrow.\nAbout 1,240 people were moved inland.\n`);
    try {
      const api = await newsmark();
      const editor = await open(name);
      const key = editor.document.uri.toString();
      editor.selection = select(editor, denial);
      const [tag] = await api.commands.tagSelections('denial');
      assert.ok(tag, 'the denial was tagged');

      // The cursor right after "We", then typing at a normal speed: 40–110 ms between keys, and
      // now and then a pause long enough for the re-check to run mid-word.
      editor.selection = new vscode.Selection(select(editor, 'We deny').start.translate(0, 2), select(editor, 'We deny').start.translate(0, 2));
      const typed = ' categorically and absolutely';
      for (const [i, c] of Array.from(typed).entries()) {
        await vscode.commands.executeCommand('type', { text: c });
        await new Promise((r) => setTimeout(r, i % 9 === 8 ? 400 : 40 + ((i * 37) % 70)));
      }
      await api.idle();
      let now = api.store.find(key, tag.id)!;
      assert.equal(now.text, `We categorically and absolutely deny the harbour authority had anything to do with these closures`);
      assert.equal(now.status, 'fuzzy');
      assert.equal(now.previousText, denial);
      assert.equal(toLf(editor.document.getText(api.decorations.rangesIn(editor).denial[0])), now.text, 'the highlight covers the grown tag');

      // A stray 19-character paste inside "deny" stays inside the tag too.
      const deny = select(editor, 'deny the harbour');
      await editor.edit((e) => e.insert(deny.start.translate(0, 1), 'rast, in contrast\nd'));
      await api.idle();
      now = api.store.find(key, tag.id)!;
      assert.ok(now.text.startsWith('We categorically and absolutely drast, in contrast\nd'), now.text);
      assert.ok(now.text.endsWith('these closures'), now.text);

      await editor.document.save();
      await api.idle();
      await eventually(async () => assert.equal((await sidecarTags(name)).find((t) => t.id === tag.id)?.previousText, denial));
    } finally {
      await closeAll();
      await remove(file);
      await remove(workspaceFile(`${name}.tags.yaml`));
    }
  });

  it('saves a tag whose text was deleted as orphaned, keeping its last text', async () => {
    const api = await newsmark();
    const editor = await open('varnia-wire.txt');
    const key = editor.document.uri.toString();
    const victim = api.store.tags(key).find((t) => t.category === 'denial')!;
    const range = api.decorations.rangesIn(editor).denial.find((r) => toLf(editor.document.getText(r)) === victim.text)!;
    await editor.edit((e) => e.delete(range));
    await editor.document.save();
    await api.idle();
    await eventually(async () => assert.equal((await sidecarTags('varnia-wire.txt')).find((t) => t.id === victim.id)?.status, 'orphaned'));
    assert.equal((await sidecarTags('varnia-wire.txt')).find((t) => t.id === victim.id)?.text, victim.text);
    const provider = api.tagsView.provider;
    const orphans = provider.getChildren().find((n) => n.kind === 'attention' && n.group === 'orphaned');
    assert.ok(orphans, 'an Orphaned group in the Tags view');
    const orphanNode = provider.getChildren(orphans).find((n) => n.kind === 'tag' && n.id === victim.id)!;
    const orphanRow = provider.getTreeItem(orphanNode);
    assert.ok(victim.text.startsWith(labelOf(orphanRow).replace(/…$/, '')), labelOf(orphanRow));
    assert.equal(orphanRow.contextValue, 'newsmark.tag.orphaned');

    // Re-attach to Selection puts it on the text the analyst selects.
    editor.selection = select(editor, 'Kessmouth');
    await vscode.commands.executeCommand('newsmark.reattachToSelection', { key, id: victim.id });
    await api.idle();
    const back = (await sidecarTags('varnia-wire.txt')).find((t) => t.id === victim.id)!;
    assert.equal(back.status, undefined);
    assert.equal(back.text, 'Kessmouth');
  });

  it('re-attaches the tags when the article changes on disk while open', async () => {
    const api = await newsmark();
    const editor = await open('meridian-ledger.txt');
    const key = editor.document.uri.toString();
    const before = api.store.tags(key).map((t) => [t.id, t.text]);
    const file = workspaceFile('meridian-ledger.txt');
    await writeTextFile(file, `Correction appended at the top by the outlet.\n\n${await readTextFile(file)}`);
    await eventually(() => assert.ok(editor.document.getText().startsWith('Correction')), 10000);
    await eventually(async () => {
      await api.idle();
      const onDisk = await sidecarTags('meridian-ledger.txt');
      assert.deepEqual(onDisk.map((t) => [t.id, t.text]).sort(), before.sort());
      const lf = Array.from(toLf(await readTextFile(file)));
      for (const t of onDisk) assert.equal(lf.slice(t.start, t.end).join(''), t.text);
    }, 10000);
    assertDrawnOnText(editor, api.decorations.rangesIn(editor), api.store.tags(key));
  });
});
