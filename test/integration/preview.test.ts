import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../src/core/tag';
import { closeAll, eventually, newsmark, open, select, workspaceFile, writeTextFile } from './helpers';

// A fictional article whose text is markup that would run if the preview did not escape it.
const ARTICLE = 'quenford-notice.txt';
const TEXT = [
  'Quenford Courier — Council notice',
  '',
  'Mayor Ilse Dravik said <script>alert(1)</script> appeared on the council website overnight.',
  'A clerk typed "quotes" & <img src=x onerror=alert(1)> into the minutes, the council said.',
  'Officials counted 14 altered pages.',
  '',
].join('\n');
const NOTE = 'Check <b onmouseover="alert(3)">this</b> & "that"';

/** The CSP's text and the nonce it allows for styles. */
function policy(html: string): { csp: string; nonce: string } {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  return { csp, nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? '' };
}

function previewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('newsmark.reportPreview'));
}

async function tagged(editor: vscode.TextEditor, text: string, command: string): Promise<Tag> {
  editor.selection = select(editor, text);
  const created = await vscode.commands.executeCommand<Tag[]>(command);
  assert.equal(created.length, 1, `${command} "${text}"`);
  return created[0]!;
}

describe('Preview Report', () => {
  let key: string;
  afterEach(closeAll);

  before(async () => {
    await writeTextFile(workspaceFile(ARTICLE), TEXT);
    key = workspaceFile(ARTICLE).toString();
  });

  it('shows the active article beside it, escaped, under a strict CSP, in a webview without scripts', async () => {
    const api = await newsmark();
    const editor = await open(ARTICLE);
    const claim = await tagged(editor, 'said <script>alert(1)</script> appeared', 'newsmark.tagClaim');
    await tagged(editor, '"quotes" & <img src=x onerror=alert(1)>', 'newsmark.tagFraming');
    api.store.update(key, claim.id, { note: NOTE });
    await vscode.commands.executeCommand('newsmark.previewReport');

    const html = api.preview.html;
    assert.ok(html, 'the panel has HTML');
    const { csp, nonce } = policy(html);
    assert.match(csp, /^default-src 'none'; style-src \S[^;]* 'nonce-[A-Za-z0-9+/]{24}'; img-src [^;]+$/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline|unsafe-eval/);
    assert.ok(html.includes(`<style nonce="${nonce}">`), 'the inline style carries the nonce');
    assert.match(html, /<link rel="stylesheet" href="[^"]*\/media\/preview\.css"/);
    assert.doesNotMatch(html, /<script|<img|<b /i);
    for (const escaped of [
      'said &#60;script&#62;alert(1)&#60;/script&#62; appeared',
      '&#34;quotes&#34; &#38; &#60;img src=x onerror=alert(1)&#62;',
      'Check &#60;b onmouseover=&#34;alert(3)&#34;&#62;this&#60;/b&#62; &#38; &#34;that&#34;',
    ]) assert.ok(html.includes(escaped), escaped);
    assert.equal(html.match(/<mark [^>]*data-tag="/g)?.length, 2, 'one highlight per tag');
    assert.match(html, new RegExp(`<h2>${ARTICLE}</h2>`));
    assert.ok(!html.includes('varnia-wire.txt'), 'only the active article');

    const options = api.preview.panelOptions;
    assert.ok(options);
    assert.equal(options.enableScripts, false);
    assert.equal(options.enableCommandUris ?? false, false);
    const extension = vscode.extensions.getExtension('newsmark.newsmark')!;
    assert.deepEqual(options.localResourceRoots?.map((u) => u.toString()), [vscode.Uri.joinPath(extension.extensionUri, 'media').toString()]);
    // The tab model is updated asynchronously from the window.
    await eventually(() => assert.equal(previewTab()?.label, `Report: ${ARTICLE}`));
    assert.notEqual(previewTab()!.group.viewColumn, editor.viewColumn, 'beside the editor');
  });

  it('re-renders, with a fresh nonce, after the tags change (once they settle)', async () => {
    const api = await newsmark();
    const editor = await open(ARTICLE);
    await vscode.commands.executeCommand('newsmark.previewReport');
    const before = api.preview.html!;
    const figure = await tagged(editor, '14', 'newsmark.tagFigure');
    await eventually(() => assert.ok(api.preview.html?.includes(`data-tag="${figure.id}"`)));
    assert.notEqual(policy(api.preview.html!).nonce, policy(before).nonce);

    api.store.update(key, figure.id, { note: '<i>tally</i> from the clerk' });
    await eventually(() => assert.ok(api.preview.html?.includes('&#60;i&#62;tally&#60;/i&#62; from the clerk')));
    api.store.remove(key, [figure.id]);
    await eventually(() => assert.ok(!api.preview.html?.includes(`data-tag="${figure.id}"`)));

    // An edit after every tag moves none (no store change), yet the text shown changes.
    await editor.edit((e) => e.insert(editor.document.positionAt(editor.document.getText().length), 'A late line from the <u>desk</u>.\n'));
    await eventually(() => assert.ok(api.preview.html?.includes('A late line from the &#60;u&#62;desk&#60;/u&#62;.')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the whole workspace from the Tags view title, or with no article open', async () => {
    const api = await newsmark();
    await open(ARTICLE);
    // The Tags view's title bar passes the view's focused element, or null when none is focused.
    await vscode.commands.executeCommand('newsmark.previewReport', null);
    // Other suites leave articles behind (some moved or unreadable): check membership, not a count.
    const tagged = api.store.keys().filter((k) => api.store.tags(k).length > 0).map((k) => vscode.workspace.asRelativePath(vscode.Uri.parse(k)));
    const names = [...(api.preview.html ?? '').matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]!);
    for (const name of names) assert.ok(tagged.includes(name), `${name} is a tagged article`);
    for (const name of [ARTICLE, 'daily-clarion.txt', 'harbor-gazette.txt', 'meridian-ledger.txt', 'varnia-wire.txt']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    await eventually(() => assert.equal(previewTab()?.label, 'Report: Workspace'));

    await closeAll();
    await eventually(() => assert.equal(api.preview.html, undefined, 'closing the panel forgets its page'));
    await vscode.commands.executeCommand('newsmark.previewReport');
    assert.equal([...(api.preview.html ?? '').matchAll(/<h2>/g)].length, names.length);
  });

  it('shows the article an editor or Explorer menu passes, loading its sidecar if need be', async () => {
    const api = await newsmark();
    await vscode.commands.executeCommand('newsmark.previewReport', workspaceFile('varnia-wire.txt'));
    assert.deepEqual([...(api.preview.html ?? '').matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]), ['varnia-wire.txt']);
    await eventually(() => assert.equal(previewTab()?.label, 'Report: varnia-wire.txt'));
  });
});
