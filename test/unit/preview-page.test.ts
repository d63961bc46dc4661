import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES, type CategoryId } from '../../src/core/codebook';
import { htmlExporter } from '../../src/core/export/html';
import { newNonce, previewPage, type PreviewSources } from '../../src/core/export/previewPage';
import type { ExportArticle } from '../../src/core/export/types';
import type { Tag } from '../../src/core/tag';

// Fictional hostile text: markup that would run if it were not escaped.
const TEXT = [
  'Mayor Ilse Dravik of Quenford said <script>alert(1)</script> appeared on the council site.',
  'A clerk wrote "quotes" & <img src=x onerror=alert(1)> into the minutes, officials said.',
  '',
].join('\n');

const tag = (id: string, category: CategoryId, needle: string, extra: Partial<Tag> = {}): Tag => {
  const start = TEXT.indexOf(needle); // ASCII only: UTF-16 and code-point offsets agree
  assert.ok(start >= 0, needle);
  return { id, category, start, end: start + needle.length, text: needle, prefix: '', suffix: '', ...extra };
};

const ARTICLES: ExportArticle[] = [{
  name: 'quenford<svg onload=alert(2)>.txt',
  uri: 'file:///w/quenford.txt',
  text: TEXT,
  tags: [
    tag('t-script', 'claim', 'said <script>alert(1)</script> appeared', { note: 'See <b onmouseover="alert(3)">this</b> & "that"' }),
    tag('t-img', 'framing', '"quotes" & <img src=x onerror=alert(1)>', { review: 'disputed', attributes: { 'x"><script>': '<iframe src=//evil>' } }),
  ],
}];

const SOURCES: PreviewSources = {
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: newNonce(),
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css?a=1&b=2',
};

/** Every start tag in the page: its element name and attribute names. */
function startTags(html: string): { name: string; attributes: string[] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/\s*([^\s="'/]+)(?:="[^"]*"|='[^']*'|=[^\s"'=<>`]+)?/g)].map((a) => a[1]!.toLowerCase()),
  }));
}

const csp = (html: string): string => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

describe('report preview page', () => {
  const html = previewPage(ARTICLES, SOURCES);

  it('has a CSP that blocks every script and allows only the webview source and this nonce for styles', () => {
    const policy = csp(html);
    assert.equal(policy, `default-src 'none'; style-src 'self' https://*.vscode-cdn.net 'nonce-${SOURCES.nonce}'; img-src 'self' https://*.vscode-cdn.net`);
    assert.doesNotMatch(policy, /script-src|unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn)/);
    assert.equal(html.match(/http-equiv="Content-Security-Policy"/g)?.length, 1, 'one CSP');
    assert.ok(html.indexOf('http-equiv="Content-Security-Policy"') < html.indexOf('<style'), 'the CSP comes before any style');
  });

  it('gives the one inline style the nonce and links the theme stylesheet after it', () => {
    const styles = startTags(html).filter((t) => t.name === 'style');
    assert.equal(styles.length, 1);
    assert.ok(html.includes(`<style nonce="${SOURCES.nonce}">`));
    assert.ok(html.includes('<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css?a=1&#38;b=2">'));
    assert.ok(html.indexOf('<link rel="stylesheet"') > html.indexOf('</style>'));
  });

  it('uses a fresh random nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{24}$/);
    const again = previewPage(ARTICLES, { ...SOURCES, nonce: newNonce() });
    assert.notEqual(csp(again), csp(html));
  });

  it('contains no script, no event handler attribute and no element from the article or the tags', () => {
    assert.doesNotMatch(html, /<script/i);
    const tags = startTags(html);
    const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'link', 'body', 'header', 'main', 'section', 'h1', 'h2', 'h3', 'p', 'ul', 'ol', 'li', 'span', 'div', 'mark', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'code']);
    assert.deepEqual([...new Set(tags.map((t) => t.name))].filter((n) => !allowed.has(n)), []);
    const attributes = new Set(tags.flatMap((t) => t.attributes));
    assert.deepEqual([...attributes].filter((a) => !['lang', 'charset', 'http-equiv', 'content', 'name', 'nonce', 'rel', 'href', 'id', 'class', 'data-tag', 'data-row', 'data-orphan', 'title', 'role'].includes(a)), []);
  });

  it('puts its counts in a status region, which a screen reader reads out when a redraw changes them', () => {
    assert.match(html, /<p class="muted" id="summary" role="status">\d+ articles?, \d+ tags/);
  });

  it('shows the hostile text, the note, the attributes and the file name escaped', () => {
    for (const escaped of [
      '&#60;script&#62;alert(1)&#60;/script&#62;',
      '&#34;quotes&#34; &#38; &#60;img src=x onerror=alert(1)&#62;',
      'See &#60;b onmouseover=&#34;alert(3)&#34;&#62;this&#60;/b&#62; &#38; &#34;that&#34;',
      'x&#34;&#62;&#60;script&#62;: &#60;iframe src=//evil&#62;',
      'quenford&#60;svg onload=alert(2)&#62;.txt',
    ]) assert.ok(html.includes(escaped), escaped);
    // Every "onerror=" is inside escaped text: never preceded by a raw tag opening on its line.
    for (const line of html.split('\n').filter((l) => l.includes('onerror='))) assert.doesNotMatch(line, /<img/i, line);
  });

  it('refuses a CSP source or nonce that could break out of the policy', () => {
    assert.throws(() => previewPage(ARTICLES, { ...SOURCES, cspSource: "'self'; script-src *" }));
    assert.throws(() => previewPage(ARTICLES, { ...SOURCES, cspSource: 'x" onload="alert(1)' }));
    assert.throws(() => previewPage(ARTICLES, { ...SOURCES, nonce: 'short' }));
    assert.throws(() => previewPage(ARTICLES, { ...SOURCES, nonce: `${newNonce()}' 'unsafe-inline` }));
  });

  it('leaves the file export as it was: its own CSP, a style without nonce, no stylesheet', () => {
    const [file] = htmlExporter.export(ARTICLES, { includeOrphans: false, bom: false }).files;
    assert.equal(csp(file!.content), "default-src 'none'; style-src 'unsafe-inline'");
    assert.ok(file!.content.includes('<style>'));
    assert.doesNotMatch(file!.content, /<link|nonce/);
  });

  it('has a theme stylesheet that maps every category to its contributed colours', () => {
    const css = readFileSync(join(__dirname, '..', '..', 'media', 'preview.css'), 'utf8');
    for (const c of CATEGORIES) {
      assert.ok(css.includes(`--${c.id}: var(--vscode-${c.colorId.replace('.', '-')})`), c.colorId);
      assert.ok(css.includes(`var(--vscode-${c.rulerColorId.replace('.', '-')})`), c.rulerColorId);
    }
  });
});
