import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CATEGORIES } from '../../src/core/codebook';
import { toLf } from '../../src/core/textIndex';
import { closeAll, eventually, labelOf, makeSampleCopy, newsmark, open, readTextFile, remove, writeTextFile } from './helpers';

const SAMPLES = ['harbor-gazette.txt', 'daily-clarion.txt', 'varnia-wire.txt', 'meridian-ledger.txt'];

describe('Display: decorations, hovers and the Tags view follow the sidecars', () => {
  after(closeAll);

  for (const name of SAMPLES) {
    it(`draws every tag of ${name} over exactly its text`, async () => {
      const api = await newsmark();
      const editor = await open(name);
      const tags = api.store.tags(editor.document.uri.toString()).filter((t) => t.status !== 'orphaned');
      assert.ok(tags.length > 5, `${name} has its sample tags loaded`);
      await eventually(() => {
        const drawn = api.decorations.rangesIn(editor);
        assert.equal(Object.values(drawn).flat().length, tags.length);
      });
      const drawn = api.decorations.rangesIn(editor);
      for (const category of CATEGORIES) {
        const texts = drawn[category.id].map((range) => toLf(editor.document.getText(range)));
        const expected = tags.filter((t) => t.category === category.id).map((t) => t.text);
        assert.deepEqual(texts, expected, `${name}: ${category.id}`);
      }
    });
  }

  it('shows CRLF articles with the same spans as LF ones (harbor-gazette uses CRLF)', async () => {
    const api = await newsmark();
    const crlf = await open('harbor-gazette.txt');
    assert.equal(crlf.document.eol, vscode.EndOfLine.CRLF, 'the sample keeps its CRLF line ends');
    // The same article and tags with LF line ends, beside it.
    const name = 'harbor-gazette-lf.txt';
    const { article, sidecar } = await makeSampleCopy(name, 'harbor-gazette.txt');
    try {
      await writeTextFile(article, (await readTextFile(article)).replace(/\r\n/g, '\n'));
      await writeTextFile(sidecar, (await readTextFile(sidecar)).replace(/^article: harbor-gazette\.txt$/m, `article: ${name}`));
      const lf = await open(name);
      assert.equal(lf.document.eol, vscode.EndOfLine.LF, 'the copy has LF line ends');
      const tags = api.store.tags(crlf.document.uri.toString()).filter((t) => t.status !== 'orphaned');
      assert.ok(tags.length > 5, 'harbor-gazette has its sample tags loaded');
      /** Every highlight as line:character positions (the same for CRLF and LF) and the text it covers. */
      const spans = (editor: vscode.TextEditor): Record<string, string[]> => Object.fromEntries(CATEGORIES.map((c) => [c.id,
        api.decorations.rangesIn(editor)[c.id].map((r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${toLf(editor.document.getText(r))}`)]));
      await eventually(() => {
        for (const editor of [crlf, lf]) assert.equal(Object.values(spans(editor)).flat().length, tags.length, `${editor.document.fileName}: one highlight per tag`);
      });
      const inCrlf = spans(crlf);
      assert.ok(Object.values(inCrlf).flat().some((s) => !s.startsWith('0:')), 'a tag after the first line break, where CRLF offsets differ from LF ones');
      for (const category of CATEGORIES) {
        const texts = inCrlf[category.id]!.map((s) => s.slice(s.indexOf(' ') + 1));
        assert.deepEqual(texts, tags.filter((t) => t.category === category.id).map((t) => t.text), `CRLF ${category.id} highlights cover exactly the tag texts`);
      }
      assert.deepEqual(inCrlf, spans(lf), 'the CRLF article is highlighted at the same lines and columns as its LF copy');
    } finally {
      await closeAll();
      await remove(sidecar);
      await remove(article);
    }
  });

  it('hovers a tag with its category, definition, note and actions', async () => {
    const api = await newsmark();
    const editor = await open('daily-clarion.txt');
    const tag = api.store.tags(editor.document.uri.toString()).find((t) => t.note);
    assert.ok(tag, 'a sample tag with a note');
    const range = api.decorations.rangesIn(editor)[tag.category].find((r) => toLf(editor.document.getText(r)) === tag.text);
    assert.ok(range);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, range.start.translate(0, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');
    const category = CATEGORIES.find((c) => c.id === tag.category)!;
    assert.ok(text.includes(category.label), text);
    assert.ok(text.includes(category.definition.slice(0, 20)), text);
    assert.ok(text.includes(tag.note!), text);
    assert.ok(text.includes('command:newsmark.removeTag'), text);
  });

  it('lists every sample article with its tags in the Tags view, by category', async () => {
    const api = await newsmark();
    const provider = api.tagsView.provider;
    api.tagsView.group('article');
    const roots = provider.getChildren();
    assert.equal(labelOf(provider.getTreeItem(roots[0]!)), 'Summary');
    const articles = roots.filter((n) => n.kind === 'article');
    const labels = articles.map((a) => labelOf(provider.getTreeItem(a)));
    for (const name of SAMPLES) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    for (const article of articles.filter((a) => SAMPLES.includes(labelOf(provider.getTreeItem(a))))) {
      const item = provider.getTreeItem(article);
      const categories = provider.getChildren(article);
      const rows = categories.flatMap((c) => provider.getChildren(c));
      assert.equal(String(item.description).split(' ')[0], String(rows.length));
      const first = provider.getTreeItem(rows[0]!);
      assert.equal(first.command?.command, 'newsmark.revealTag');
      assert.ok(labelOf(first).length > 0);
    }
  });

  it('opens the article and selects the span when a tag row is clicked', async () => {
    const api = await newsmark();
    const provider = api.tagsView.provider;
    const article = provider.getChildren().find((a) => a.kind === 'article' && labelOf(provider.getTreeItem(a)) === 'meridian-ledger.txt')!;
    const figures = provider.getChildren(article).find((c) => c.kind === 'category' && c.category === 'figure')!;
    const row = provider.getChildren(figures)[1]!;
    const command = provider.getTreeItem(row).command!;
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('meridian-ledger.txt'));
    const tag = api.store.tags(editor.document.uri.toString()).filter((t) => t.category === 'figure')[1]!;
    assert.equal(editor.document.getText(editor.selection), tag.text);
  });
});
