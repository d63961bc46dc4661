import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';
import { verifyTags } from '../../src/core/verify';
import type { NewsmarkApi } from '../../src/extension/extension';
import type { TagsNode } from '../../src/extension/review/tagsTree';
import { closeAll, copyFile, labelOf, makeFolder, makeSampleCopy, newsmark, open, readBytes, readTextFile, remove, workspaceFile, writeTextFile } from './helpers';

const NAME = 'adjudicate-wire.txt';
const OTHER = 'coder-b';

/** What `newsmark validate` checks, through the same core functions: parses, every tag cuts out its text, spec ids. */
async function validSidecar(sidecar: vscode.Uri, article: vscode.Uri): Promise<SidecarFile> {
  const parsed = SidecarFile.parse(await readTextFile(sidecar));
  assert.ok(parsed.ok, 'the sidecar parses');
  const file = parsed.sidecar;
  assert.deepEqual(file.invalidTags, []);
  const text = toLf(await readTextFile(article));
  assert.equal(file.sha256, articleHash(text));
  const result = verifyTags(text, file.sha256, file.tags);
  assert.deepEqual([result.mismatches, result.outOfRange], [[], []], 'every tag cuts out its text');
  for (const t of file.tags) assert.match(t.id, /^[0-9a-f]{8}$/);
  assert.equal(new Set(file.tags.map((t) => t.id)).size, file.tags.length, 'ids are unique');
  return file;
}

/** Coder B's version of the sample: one boundary shortened, one widened less, a category changed, a tag missing, a tag added. */
function coderB(text: string, ours: readonly Tag[]): Tag[] {
  const lf = new ArticleText(text);
  const at = (t: Tag, start: number, end: number): Tag => ({ ...t, start, end, text: lf.slice(start, end), ...lf.contextOf(start, end), author: 'coder-b' });
  const spanOf = (s: string): [number, number] => {
    const i = Array.from(text.slice(0, text.indexOf(s))).length;
    return [i, i + Array.from(s).length];
  };
  const out: Tag[] = [];
  for (const t of ours) {
    if (t.id === 'd8a07e35') continue; // only mine
    if (t.id === 'e8514a12') out.push(at(t, ...spanOf('We have lost equipment and cargo')));
    else if (t.id === '1fd83f43') out.push(at(t, t.start, t.end - 1));
    else if (t.id === 'c04de667') out.push({ ...t, category: 'claim', author: 'coder-b' });
    else out.push(t);
  }
  const [s, e] = spanOf('denied it had been warned about defects in the structure');
  out.push({ id: 'bbbb0001', category: 'denial', start: s, end: e, text: lf.slice(s, e), ...lf.contextOf(s, e), author: 'coder-b', note: 'lead paragraph' });
  return out;
}

function differenceNodes(api: NewsmarkApi): TagsNode[] {
  const provider = api.tagsView.provider;
  const group = provider.getChildren().find((n) => n.kind === 'differences');
  assert.ok(group, 'the Tags view has a Differences group');
  return provider.getChildren(group).flatMap((article) => provider.getChildren(article));
}

describe('Adjudication: compare with another annotation set', () => {
  const made: vscode.Uri[] = [];
  after(async () => {
    await vscode.commands.executeCommand('newsmark.stopComparing');
    await closeAll();
    for (const uri of made.splice(0)) await remove(uri);
    await vscode.commands.executeCommand('newsmark.refreshTags');
  });

  it('lists the differences, draws theirs, and settles them with each action and Accept All; the curated sidecar validates and their set is untouched', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = await makeSampleCopy(NAME);
    made.push(sidecar, article);
    const otherDir = workspaceFile(OTHER);
    made.push(otherDir);
    await makeFolder(otherDir);
    const theirArticle = vscode.Uri.joinPath(otherDir, NAME);
    const theirSidecar = vscode.Uri.joinPath(otherDir, `${NAME}.tags.yaml`);
    await copyFile(article, theirArticle);
    const text = toLf(await readTextFile(article));
    const ours = (await validSidecar(sidecar, article)).tags;
    await writeTextFile(theirSidecar, SidecarFile.create(NAME, '').serialize(coderB(text, ours), articleHash(text), NAME));
    const theirBytes = await readBytes(theirSidecar);
    await vscode.commands.executeCommand('newsmark.refreshTags');
    await api.idle();

    // The set itself (or a folder holding it) is refused.
    assert.equal(await vscode.commands.executeCommand('newsmark.compareWithAnnotationSet', workspaceFile('')), undefined);
    assert.equal(api.adjudication.comparison, undefined);

    const summary = await vscode.commands.executeCommand<{ articles: number; differences: number }>('newsmark.compareWithAnnotationSet', otherDir);
    assert.equal(summary?.articles, 1, 'the copy is paired with coder B\'s by path; the other samples have no counterpart');
    assert.equal(summary?.differences, 5);
    const comparison = api.adjudication.comparison!;
    const byKind = (): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      for (const d of comparison.differences(key)) (out[d.kind] ??= []).push(d.a?.id ?? d.b!.id!);
      return out;
    };
    assert.deepEqual(byKind(), { 'only-in-b': ['bbbb0001'], 'boundaries-differ': ['e8514a12', '1fd83f43'], 'category-differs': ['c04de667'], 'only-in-a': ['d8a07e35'] });

    // The tree: one row per difference, its kind and both texts.
    await vscode.commands.executeCommand('newsmark.showTagsView');
    const rows = differenceNodes(api);
    assert.equal(rows.length, 5);
    const items = rows.map((n) => api.tagsView.provider.getTreeItem(n));
    const category = items.find((i) => labelOf(i) === 'Category differs');
    assert.ok(category, `rows: ${items.map(labelOf).join(', ')}`);
    assert.match(String(category.description), /mine: Denial “She said reports.*theirs: Claim “She said reports/);
    assert.equal(category.contextValue, 'newsmark.difference');

    // The editor: their spans outlined; a hover with the four resolutions.
    const editor = await open(NAME);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(api.adjudication.editor!.theirRangesIn(editor).length, 4, 'every difference with a span of theirs is outlined');
    const hoverAt = editor.document.positionAt(editor.document.getText().indexOf('We have lost') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, hoverAt);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    for (const id of ['takeTheirsDifference', 'keepMineDifference', 'keepBothDifference', 'dropBothDifference']) assert.ok(hoverText.includes(`command:newsmark.${id}?`), `the hover links ${id}:\n${hoverText}`);
    assert.match(hoverText, /Boundaries differ/);

    const onDisk = async (): Promise<Map<string, Tag>> => new Map((await validSidecar(sidecar, article)).tags.map((t) => [t.id, t]));
    const settle = async (command: string, ...args: unknown[]): Promise<void> => {
      assert.equal(await vscode.commands.executeCommand(command, ...args), true, `${command} settled something`);
      await api.idle();
    };
    const idOf = (kind: string, tagId: string): string => comparison.differences(key).find((d) => d.kind === kind && (d.a?.id ?? d.b?.id) === tagId)!.id;

    // Take Theirs (from the hover's link argument): our claim gets coder B's shorter span, confirmed.
    await settle('newsmark.takeTheirsDifference', { key, id: idOf('boundaries-differ', 'e8514a12') });
    let tags = await onDisk();
    assert.deepEqual([tags.get('e8514a12')?.text, tags.get('e8514a12')?.review, tags.get('e8514a12')?.reviewer], ['We have lost equipment and cargo', 'confirmed', 'adjudicator']);
    assert.equal(comparison.differences(key).length, 4, `left: ${JSON.stringify(byKind())}; our tags: ${api.store.tags(key).map((t) => `${t.id} ${t.start}-${t.end}`).join(', ')}; editor text ${editor.document.getText().length} chars, dirty ${editor.document.isDirty}`);

    // Keep Mine from the keyboard's way in: Next Difference from the claim before it, then the command with no argument.
    const before = editor.document.positionAt(editor.document.getText().indexOf('We have lost'));
    editor.selection = new vscode.Selection(before, before);
    assert.equal(await vscode.commands.executeCommand('newsmark.nextDifference'), true);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.getText(active.selection), ours.find((t) => t.id === 'c04de667')!.text, 'Next Difference selects the denial coder B called a claim');
    await settle('newsmark.keepMineDifference');
    tags = await onDisk();
    assert.deepEqual([tags.get('c04de667')?.category, tags.get('c04de667')?.review], ['denial', 'confirmed']);

    // Keep Both from a tree row: ours stays, theirs is added beside it under a new id.
    const row = differenceNodes(api).find((n) => n.kind === 'difference' && n.id === idOf('boundaries-differ', '1fd83f43'));
    assert.ok(row);
    await settle('newsmark.keepBothDifference', row);
    tags = await onDisk();
    const statement = [...tags.values()].filter((t) => t.text.startsWith('the structure was inspected'));
    assert.equal(statement.length, 2);
    assert.ok(statement.every((t) => t.review === 'confirmed' && t.reviewer === 'adjudicator'));
    assert.ok(statement.some((t) => t.id === '1fd83f43' && t.text.endsWith('standards.')));

    // Drop Both: the figure only we had goes.
    await settle('newsmark.dropBothDifference', { key, id: idOf('only-in-a', 'd8a07e35') });
    assert.equal((await onDisk()).has('d8a07e35'), false);

    // Keep Both on a tag only they have: it is copied, with their id, note and author.
    await settle('newsmark.keepBothDifference', { key, id: idOf('only-in-b', 'bbbb0001') });
    const copied = (await onDisk()).get('bbbb0001');
    assert.deepEqual([copied?.category, copied?.note, copied?.author, copied?.review], ['denial', 'lead paragraph', 'coder-b', 'confirmed']);
    assert.equal(comparison.total(), 0);
    assert.equal(differenceNodes(api).length, 0);

    // Accept All Agreements confirms the five tags both coders made alike.
    assert.equal(await vscode.commands.executeCommand('newsmark.acceptAllAgreements'), 5);
    await api.idle();
    const final = [...(await onDisk()).values()];
    assert.ok(final.every((t) => t.review === 'confirmed' && t.reviewer === 'adjudicator'), 'every tag of the curated sidecar is confirmed');
    assert.equal(final.length, 10, '9 sample tags, one dropped, two of theirs added');
    assert.equal(api.store.isModified(key), false);

    assert.deepEqual(await readBytes(theirSidecar), theirBytes, 'the other set is never written');
    await vscode.commands.executeCommand('newsmark.stopComparing');
    assert.equal(api.adjudication.comparison, undefined);
  });
});
