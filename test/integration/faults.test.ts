// Faults in the files around the tags, inside VS Code. `npm run test:faults` runs these (the
// title starts with "Faults") and sums what each records in the fault ledger.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';
import { missingIds, recordFaults, tagIdLines } from '../faults/ledger';
import { closeAll, copySample, eventually, labelOf, newsmark, open, readText, select, workspaceFile } from './helpers';

const WAIT = 10000;

function onDisk(sidecar: vscode.Uri): SidecarFile {
  const parsed = SidecarFile.parse(readText(sidecar));
  assert.ok(parsed.ok, 'the sidecar on disk parses');
  return parsed.sidecar;
}

/** Every tag on disk cuts its own text out of the article on disk. */
function assertExact(article: vscode.Uri, tags: readonly Tag[]): void {
  const text = Array.from(toLf(readText(article)));
  for (const t of tags.filter((t) => t.status !== 'orphaned')) assert.equal(text.slice(t.start, t.end).join(''), t.text, `tag ${t.id}`);
}

/**
 * The ids in a sidecar on disk by the ledger's second reader, no YAML parser; none when it is gone
 * or is not a file. Read as Latin-1, where every byte is a character, so a file that is not UTF-8
 * reads too: the id lines are ASCII either way.
 */
function idsOnDisk(sidecar: vscode.Uri): string[] {
  return existsSync(sidecar.fsPath) && statSync(sidecar.fsPath).isFile() ? tagIdLines(readFileSync(sidecar.fsPath, 'latin1')) : [];
}

/** Ids a test expects to survive (from what it wrote or created itself) and the ids found after the fault. */
interface Survival {
  expected: readonly string[];
  found: readonly string[];
}

/**
 * Writes the test's line in the fault ledger and returns the ids lost. Call it before asserting
 * on them, so a failing run still leaves its counts.
 */
function recordLoss(suite: string, faults: number, ...checks: readonly Survival[]): string[] {
  const lost = checks.flatMap((c) => missingIds(c.expected, c.found));
  const count = (key: keyof Survival): number => checks.reduce((n, c) => n + c[key].length, 0);
  recordFaults({ suite, faults, tagsBefore: count('expected'), tagsAfter: count('found'), tagsLost: lost.length });
  return lost;
}

/** A colleague's edit of the sidecar, made outside VS Code (another window, a git pull). */
function theirEdit(sidecar: vscode.Uri, change: (tags: Tag[]) => Tag[]): void {
  const file = onDisk(sidecar);
  writeFileSync(sidecar.fsPath, file.serialize(change([...file.tags]), file.sha256));
}

async function refresh(api: Awaited<ReturnType<typeof newsmark>>): Promise<void> {
  await vscode.commands.executeCommand('newsmark.refreshTags');
  await api.idle();
}

describe('Faults: files move, change and break around the tags', () => {
  afterEach(async () => {
    // Unsaved articles would make closing them ask; revert them first.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAll();
  });

  it('deleting an article keeps its sidecar and lists the article as missing until it is back', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = copySample('to-delete.txt');
    const before = readText(sidecar);
    const written = tagIdLines(before);
    assert.ok(written.length > 0);
    await refresh(api);
    const ids = api.store.tags(key).map((t) => t.id);
    assert.deepEqual([...ids].sort(), [...written].sort(), 'every tag in the file is loaded');

    await vscode.workspace.fs.delete(article);
    await eventually(() => assert.equal(api.store.get(key)?.missing, true), WAIT);
    await refresh(api);
    const textWhileMissing = existsSync(sidecar.fsPath) ? readText(sidecar) : '(deleted)';
    const whileMissing = idsOnDisk(sidecar);
    assert.equal(api.store.get(key)?.missing, true, 'still missing after a rescan');
    assert.deepEqual(api.store.tags(key).map((t) => t.id), ids, 'the tags stay listed');
    const provider = api.tagsView.provider;
    api.tagsView.group('article');
    const row = provider.getChildren().find((n) => n.kind === 'article' && n.key === key);
    assert.ok(row, 'the article stays in the Tags view');
    const item = provider.getTreeItem(row);
    assert.match(String(item.description), /article missing/);
    assert.equal(item.contextValue, 'newsmark.article.missing', 'which offers Locate Article… and Delete Tags Too');

    copyFileSync(workspaceFile('varnia-wire.txt').fsPath, article.fsPath);
    await eventually(() => assert.equal(api.store.get(key)?.missing, undefined), WAIT);
    // Two faults: the article gone (counted while it was missing) and back.
    const lost = recordLoss('lifecycle: article deleted and restored', 2, { expected: written, found: whileMissing }, { expected: written, found: idsOnDisk(sidecar) });
    assert.deepEqual(lost, [], 'no tag lost');
    assert.equal(textWhileMissing, before, 'the sidecar is kept, byte for byte, while the article is missing');
  });

  it('copying an article does not share its tags', async () => {
    const api = await newsmark();
    const { article, sidecar } = copySample('original.txt');
    await refresh(api);
    const before = readText(sidecar);
    const copy = workspaceFile('original copy.txt');
    await vscode.workspace.fs.copy(article, copy);
    const editor = await open('original copy.txt');
    await api.idle();
    assert.deepEqual(api.store.tags(copy.toString()), [], 'the copy starts with no tags');
    editor.selection = select(editor, 'Varnia');
    await vscode.commands.executeCommand('newsmark.tagClaim');
    await api.idle();
    assert.equal(onDisk(workspaceFile('original copy.txt.tags.yaml')).tags.length, 1, 'the copy gets a sidecar of its own');
    assert.equal(readText(sidecar), before, "the original's sidecar is untouched");
  });

  it('a sidecar changed on disk under unsaved tag changes is merged by tag id, never overwritten with a stale copy', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = copySample('merge.txt');
    const written = tagIdLines(readText(sidecar));
    await refresh(api);
    const [kept, noted, deleted] = api.store.tags(key);
    assert.ok(kept && noted && deleted);
    const editor = await open('merge.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'UPDATED 09:40 — ')); // unsaved: tags wait for the save
    editor.selection = select(editor, 'Varnia');
    const [mine] = (await vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure')) ?? [];
    assert.ok(mine && api.store.isModified(key));

    const lfOnDisk = Array.from(toLf(readText(article)));
    const theirs: Tag = { ...deleted, id: 'feed0001', category: 'framing', note: 'added in the other window' };
    theirEdit(sidecar, (tags) => [...tags.filter((t) => t.id !== deleted.id).map((t) => (t.id === noted.id ? { ...t, note: 'their note' } : t)), theirs]);
    assert.equal(lfOnDisk.slice(theirs.start, theirs.end).join(''), theirs.text);

    await eventually(() => assert.ok(api.store.find(key, 'feed0001'), 'their new tag arrives'), WAIT);
    assert.equal(api.store.find(key, noted.id)?.note, 'their note');
    assert.equal(api.store.find(key, deleted.id), undefined, 'their deletion of a tag we did not change applies');
    assert.ok(api.store.find(key, mine.id), 'our unsaved tag stays');
    assert.deepEqual(api.store.get(key)?.conflicts, []);

    await editor.document.save();
    await api.idle();
    // Every tag of the file as copied but the one they deleted, ours and theirs.
    const expected = [...written.filter((id) => id !== deleted.id), mine.id, theirs.id];
    const lost = recordLoss('concurrency: sidecar changed under unsaved changes', 1, { expected, found: idsOnDisk(sidecar) });
    assert.deepEqual(lost, [], 'no tag lost');
    const saved = onDisk(sidecar);
    assert.equal(saved.tags.find((t) => t.id === noted.id)?.note, 'their note');
    assertExact(article, saved.tags);
  });

  it('the same tag changed on both sides is a conflict: the file keeps theirs until Keep Mine or Keep Theirs', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = copySample('conflict.txt');
    const written = tagIdLines(readText(sidecar));
    await refresh(api);
    const [first, second] = api.store.tags(key);
    assert.ok(first && second);
    const editor = await open('conflict.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Correction: ')); // unsaved
    api.store.update(key, first.id, { note: 'mine' });
    api.store.update(key, second.id, { note: 'mine too' });
    theirEdit(sidecar, (tags) => tags.map((t) => (t.id === first.id || t.id === second.id ? { ...t, note: 'theirs' } : t)));

    await eventually(() => assert.equal(api.store.get(key)?.conflicts.length, 2), WAIT);
    const provider = api.tagsView.provider;
    const group = provider.getChildren().find((n) => n.kind === 'attention' && n.group === 'conflicts');
    assert.ok(group, 'a Conflicts group in the Tags view');
    const rows = provider.getChildren(group).map((n) => provider.getTreeItem(n));
    assert.deepEqual(rows.map((r) => r.contextValue), ['newsmark.tag.conflict', 'newsmark.tag.conflict']);
    assert.match(String(rows[0]!.description), /changed here and on disk/);
    assert.ok(labelOf(rows[0]!).length > 0);

    await editor.document.save();
    await api.idle();
    const undecided = idsOnDisk(sidecar);
    assert.deepEqual(onDisk(sidecar).tags.filter((t) => t.id === first.id || t.id === second.id).map((t) => t.note), ['theirs', 'theirs'], 'the file keeps their version while undecided');

    await vscode.commands.executeCommand('newsmark.keepMine', { key, id: first.id });
    await vscode.commands.executeCommand('newsmark.keepTheirs', { key, id: second.id });
    await api.idle();
    // Counted at both saves: while the two conflicts were undecided, and once decided.
    const lost = recordLoss('concurrency: same tag changed on both sides', 2, { expected: written, found: undecided }, { expected: written, found: idsOnDisk(sidecar) });
    assert.deepEqual(lost, [], 'no tag lost');
    const saved = onDisk(sidecar);
    assert.equal(saved.tags.find((t) => t.id === first.id)?.note, 'mine');
    assert.equal(saved.tags.find((t) => t.id === second.id)?.note, 'theirs');
    assert.deepEqual(api.store.get(key)?.conflicts, []);
    assertExact(article, saved.tags);
  });

  it('a broken sidecar arriving under unsaved changes is never overwritten; the unsaved tags wait and merge once it is fixed', async () => {
    const api = await newsmark();
    const { sidecar, key } = copySample('bad-pull.txt');
    await refresh(api);
    const good = readText(sidecar);
    const editor = await open('bad-pull.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Live: '));
    editor.selection = select(editor, 'Varnia');
    const [mine] = (await vscode.commands.executeCommand<Tag[]>('newsmark.tagDenial')) ?? [];
    assert.ok(mine);
    const lines = good.split('\n');
    const conflicted = [...lines.slice(0, 8), '<<<<<<< HEAD', lines[8], '=======', `${lines[8]} # theirs`, '>>>>>>> origin/main', ...lines.slice(9)].join('\n');
    writeFileSync(sidecar.fsPath, conflicted);
    await eventually(() => assert.ok(api.store.get(key)?.problem), WAIT);
    assert.deepEqual(vscode.languages.getDiagnostics(sidecar).map((d) => d.range.start.line), [8, 10, 12]);
    await editor.document.save();
    await api.idle();
    const whileBroken = readText(sidecar);
    const brokenFound = idsOnDisk(sidecar);
    assert.ok(api.store.find(key, mine.id), 'our unsaved tag waits in memory');

    writeFileSync(sidecar.fsPath, good); // the analyst resolves the merge
    await eventually(() => assert.equal(api.store.get(key)?.problem, undefined), WAIT);
    await editor.document.save();
    await api.idle();
    // Counted at both saves: over the broken file, which must keep what it holds, and once it is
    // fixed, when it must hold every tag of the file as copied and ours.
    const lost = recordLoss(
      'bad input: conflict markers under unsaved changes',
      1,
      { expected: tagIdLines(conflicted), found: brokenFound },
      { expected: [...tagIdLines(good), mine.id], found: idsOnDisk(sidecar) },
    );
    assert.equal(whileBroken, conflicted, 'never written while it cannot be read');
    assert.deepEqual(lost, [], 'no tag lost; ours is written once the file is readable');
  });

  it('a bad tag entry gets a diagnostic on its line, the rest loads, and the entry survives the next save', async () => {
    const api = await newsmark();
    const { article, sidecar, key } = copySample('hand-edited.txt');
    const lines = readText(sidecar).split('\n');
    /** The line index of the n-th (1-based) line starting with `key:` (after white space and "- "). */
    const nth = (key: string, n: number): number => {
      const hits = lines.flatMap((l, i) => (new RegExp(`^\\s*(- )?${key}: `).test(l) ? [i] : []));
      assert.ok(hits.length >= n, `${n} × ${key}`);
      return hits[n - 1]!;
    };
    const ids = lines.filter((l) => /^\s*- id: /.test(l)).map((l) => l.replace(/^\s*- id: /, '').trim());
    assert.ok(ids.length >= 6, 'the sample has enough tags');
    // The first three entries go bad; the fifth takes the fourth's id; the sixth points past the end.
    const [badCategory, badStart, thirdEnd, duplicate] = [nth('category', 1), nth('start', 2), nth('end', 3), nth('id', 5)];
    lines[badCategory] = lines[badCategory]!.replace(/category: \w+/, 'category: rumour');
    lines[badStart] = lines[badStart]!.replace(/start: \d+/, 'start: -4');
    lines[thirdEnd] = lines[thirdEnd]!.replace(/end: \d+/, lines[nth('start', 3)]!.replace(/.*start: (\d+).*/, 'end: $1'));
    lines[duplicate] = lines[duplicate]!.replace(/id: .*/, `id: ${ids[3]!}`);
    lines[nth('end', 6)] = lines[nth('end', 6)]!.replace(/end: \d+/, 'end: 999999');
    const edited = lines.join('\n');
    // The article open with an unsaved edit: nothing is written back until it is saved.
    const editor = await open('hand-edited.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Updated: '));
    writeFileSync(sidecar.fsPath, edited);
    await refresh(api);

    const entry = api.store.get(key);
    assert.equal(entry?.problem, undefined, 'the file is not read-only');
    assert.equal(entry?.tags.length, ids.length - 4, 'every readable tag is loaded');
    const diagnostics = vscode.languages.getDiagnostics(sidecar);
    const lineOf = (pattern: RegExp): number | undefined => diagnostics.find((d) => pattern.test(d.message))?.range.start.line;
    assert.equal(lineOf(/unknown category "rumour"/), badCategory);
    assert.equal(lineOf(/"start" must be a whole number/), badStart);
    assert.equal(lineOf(/must be greater than "start"/), thirdEnd);
    assert.equal(lineOf(/Duplicate tag id/), duplicate);
    assert.ok(diagnostics.some((d) => /past the end of the article/.test(d.message) && d.severity === vscode.DiagnosticSeverity.Warning), 'out of range: a warning, found by its text');

    editor.selection = select(editor, 'Varnia');
    const [mine] = (await vscode.commands.executeCommand<Tag[]>('newsmark.tagClaim')) ?? [];
    assert.ok(mine);
    await editor.document.save();
    await api.idle();
    // The id lines of the file as the test edited it (the duplicate twice) against the file saved, besides ours.
    const lost = recordLoss('bad input: bad tag entries', 5, { expected: tagIdLines(edited), found: idsOnDisk(sidecar).filter((id) => id !== mine.id) });
    assert.deepEqual(lost, [], 'every entry, readable or not, is still in the file');
    const written = readText(sidecar);
    for (const bad of ['category: rumour', 'start: -4', `id: ${ids[3]!}`]) assert.equal(written.split(bad).length - 1, bad.startsWith('id') ? 2 : 1, `${bad} kept as written`);
    const reread = onDisk(sidecar);
    assert.equal(reread.tags.length, ids.length - 4 + 1);
    assert.equal(reread.invalidTags.length, 4);
    assertExact(article, reread.tags); // the one past the end was found by its text and written where it is
    const after = vscode.languages.getDiagnostics(sidecar);
    assert.equal(after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 4, 'the unreadable entries are still reported');
    assert.ok(!after.some((d) => /past the end/.test(d.message)), 'the offsets are fixed, so no longer reported');
  });

  it('a sidecar larger than newsmark.maxFileSizeMB is refused and left alone', async () => {
    const api = await newsmark();
    const config = vscode.workspace.getConfiguration('newsmark');
    await config.update('maxFileSizeMB', 0.001, vscode.ConfigurationTarget.Workspace);
    try {
      const { sidecar, key } = copySample('oversized.txt');
      const big = readText(sidecar);
      assert.ok(Buffer.byteLength(big) > 1100);
      await refresh(api);
      const lost = recordLoss('bad input: sidecar over the size limit', 1, { expected: tagIdLines(big), found: idsOnDisk(sidecar) });
      assert.match(api.store.get(key)?.problem ?? '', /over the limit/);
      assert.deepEqual(lost, []);
      assert.equal(readText(sidecar), big);
    } finally {
      await config.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a sidecar that is there but cannot be read is a problem, never "no tags yet", and is left as it is', async () => {
    const api = await newsmark();
    // A folder in the sidecar's place stands for one locked or without permission (which do not
    // stop root, who runs these tests in containers); it holds no tags.
    const article = workspaceFile('locked.txt');
    copyFileSync(workspaceFile('varnia-wire.txt').fsPath, article.fsPath);
    mkdirSync(workspaceFile('locked.txt.tags.yaml').fsPath);
    // A colleague's editor saved a comment in Latin-1: the file holds all its tags but is not UTF-8.
    const { sidecar: latin, key: latinKey } = copySample('latin1.txt');
    const tagged = readText(latin);
    const at = tagged.indexOf('tags:\n');
    const latinBytes = Buffer.concat([Buffer.from(tagged.slice(0, at), 'utf8'), Buffer.from('# relu par Andr\u00e9\n', 'latin1'), Buffer.from(tagged.slice(at), 'utf8')]);
    writeFileSync(latin.fsPath, latinBytes);
    const held = tagIdLines(tagged);
    assert.ok(held.length > 0);

    for (const [name, key, problem] of [['locked.txt', article.toString(), /cannot be read/], ['latin1.txt', latinKey, /not UTF-8/]] as const) {
      const editor = await open(name);
      await api.idle();
      await eventually(() => assert.match(api.store.get(key)?.problem ?? '', problem));
      editor.selection = select(editor, 'Varnia');
      const created = await vscode.commands.executeCommand<Tag[] | undefined>('newsmark.tagClaim');
      assert.ok(!created || created.length === 0, `${name}: read-only, nothing tagged, nothing written over it`);
      await api.idle();
    }
    const lost = recordLoss('bad input: sidecar there but unreadable', 2, { expected: [], found: idsOnDisk(workspaceFile('locked.txt.tags.yaml')) }, { expected: held, found: idsOnDisk(latin) });
    assert.deepEqual(lost, [], 'the tags the unreadable file holds are still there');
    assert.ok(statSync(workspaceFile('locked.txt.tags.yaml').fsPath).isDirectory());
    assert.ok(readFileSync(latin.fsPath).equals(latinBytes), 'the file that is not UTF-8 is left byte for byte');
  });

  it('renaming an article with unsaved tag changes takes them along', async () => {
    const api = await newsmark();
    const { sidecar, key } = copySample('draft.txt');
    const written = tagIdLines(readText(sidecar));
    await refresh(api);
    const editor = await open('draft.txt');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'DRAFT ')); // unsaved
    editor.selection = select(editor, 'Varnia');
    const [mine] = (await vscode.commands.executeCommand<Tag[]>('newsmark.tagFigure')) ?? [];
    assert.ok(mine && api.store.isModified(key));
    const before = api.store.tags(key).map((t) => t.id).sort();
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('draft.txt'), workspaceFile('final.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const renamed = workspaceFile('final.txt').toString();
    await eventually(() => assert.deepEqual(api.store.tags(renamed).map((t) => t.id).sort(), before), WAIT);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === renamed);
    assert.ok(document);
    await document.save();
    await api.idle();
    const lost = recordLoss('lifecycle: dirty article renamed', 1, { expected: [...written, mine.id], found: idsOnDisk(workspaceFile('final.txt.tags.yaml')) });
    assert.deepEqual(lost, [], 'every tag, the unsaved one too, reaches the renamed sidecar');
    const saved = onDisk(workspaceFile('final.txt.tags.yaml'));
    assertExact(workspaceFile('final.txt'), saved.tags);
  });

  it('never deletes a sidecar whose article is missing, whatever else happens', async () => {
    const api = await newsmark();
    const orphanSidecar = workspaceFile('never-existed.txt.tags.yaml');
    copyFileSync(workspaceFile('daily-clarion.txt.tags.yaml').fsPath, orphanSidecar.fsPath);
    const written = tagIdLines(readText(orphanSidecar));
    await refresh(api);
    const key = workspaceFile('never-existed.txt').toString();
    assert.equal(api.store.get(key)?.missing, true);
    await refresh(api);
    const lost = recordLoss('lifecycle: sidecar whose article never existed', 1, { expected: written, found: idsOnDisk(orphanSidecar) });
    assert.ok(existsSync(orphanSidecar.fsPath));
    assert.deepEqual(lost, []);
  });
});
