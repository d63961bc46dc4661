// Pages that are not what they claim, or are built to hurt: each gets a clear answer, fast, and
// nothing in them ever runs.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractArticle, type ExtractResult } from '../../src/core/ingest/index';

const MB = 1024 * 1024;
const encode = (html: string): Uint8Array => new TextEncoder().encode(html);
const STORY = [
  'The river board said on Monday that the flood barrier at Kessel Bridge would stay closed until the inspection report is published.',
  'Residents on the east bank have asked for the report since January, when cracks were found in two of the barrier gates.',
  'A spokesperson said the board expected to publish it within a fortnight.',
];

function page(body: string, head = '<meta charset="utf-8"><title>Barrier stays shut</title>'): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

const article = (extra = ''): string => `<article><h1>Barrier stays shut</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}${extra}</article>`;

function read(html: string | Uint8Array, maxBytes = 10 * MB): ExtractResult {
  return extractArticle(typeof html === 'string' ? encode(html) : html, { maxBytes, sourceName: 'page.html' });
}

function ok(result: ExtractResult): Extract<ExtractResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result;
}

function refused(result: ExtractResult, pattern: RegExp): void {
  assert.equal(result.ok, false, 'should be refused');
  assert.match((result as { message: string }).message, pattern);
  assert.match((result as { message: string }).message, /^page\.html: /);
}

/** Runs `body`, failing if it takes longer than `ms`. */
function within<T>(ms: number, body: () => T): T {
  const start = performance.now();
  const result = body();
  const took = performance.now() - start;
  assert.ok(took < ms, `took ${Math.round(took)} ms, more than ${ms} ms`);
  return result;
}

describe('pages Newsmark refuses', () => {
  it('a page over the size limit, before reading it', () => {
    refused(read(page(article()), 100), /the page is 1 KB, over the limit of 1 KB; nothing was made from it\./);
  });
  it('a PDF, a zip, a binary file, plain text and JSON', () => {
    refused(read(encode('%PDF-1.7\n1 0 obj')), /a PDF, not an HTML page/);
    refused(read(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0)), /zip archive/);
    refused(read(Uint8Array.of(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 1)), /binary/);
    refused(read(STORY.join('\n\n')), /not an HTML page/);
    refused(read('{"headline": "Barrier stays shut"}'), /not an HTML page/);
  });
  it('a page with no article in it: an empty shell, a login wall, a page of links', () => {
    refused(read(page('')), /no article text found/);
    refused(read(page('<form><p>Sign in to continue reading.</p><input name="user"></form>')), /no article text found/);
    refused(read(page(`<nav><ul>${'<li><a href="/x">Another headline about the river</a></li>'.repeat(40)}</ul></nav>`)), /no article text found/);
  });
  it('a page with more elements than any news page, quickly', () => {
    refused(within(5_000, () => read(page(`${article()}${'<span>x</span>'.repeat(70_000)}`))), /elements, more than the 60,000/);
  });
});

describe('hostile pages, read safely', () => {
  it('scripts, event handlers and javascript: links: no text of theirs, nothing run', () => {
    const sneaky = '<script>globalThis.__ingestRan = true; document.write("<p>SCRIPT-TEXT</p>")</script>'
      + '<p onclick="globalThis.__ingestRan = true">Read the <a href="javascript:globalThis.__ingestRan=true">report</a> and the <a href=" JaVa&#x09;script:alert(1)">summary</a>.</p>'
      + '<img src="x" onerror="globalThis.__ingestRan = true"><svg onload="globalThis.__ingestRan = true"><text>SVG-TEXT</text></svg>'
      + '<iframe srcdoc="<p>FRAME-TEXT</p>"></iframe><noscript>NOSCRIPT-TEXT</noscript>';
    const result = ok(read(page(article(sneaky))));
    assert.equal((globalThis as { __ingestRan?: boolean }).__ingestRan, undefined);
    assert.ok(result.text.includes('Read the report and the summary.'));
    for (const planted of ['SCRIPT-TEXT', 'SVG-TEXT', 'FRAME-TEXT', 'NOSCRIPT-TEXT', 'javascript', 'alert']) assert.ok(!result.text.includes(planted), planted);
    assert.ok(result.warnings.some((w) => /2 javascript: links were removed/.test(w)), result.warnings.join('\n'));
  });

  it('gigantic attribute values are cut, and the page is read quickly', () => {
    const huge = 'x'.repeat(3 * MB);
    const result = ok(within(5_000, () => read(page(`<div class="${huge}" data-blob="${huge}">${article()}</div>`))));
    assert.equal(result.text, `${['Barrier stays shut', ...STORY].join('\n\n')}\n`);
    assert.ok(result.warnings.some((w) => /2 very long attribute values were cut/.test(w)), result.warnings.join('\n'));
  });

  it('markup nested 5,000 deep is read as text, quickly, its scripts still dropped', () => {
    const deep = `${'<div>'.repeat(5_000)}<p>Deep inside, a note.</p><script>DEEP-SCRIPT</script>${'</div>'.repeat(5_000)}`;
    const result = ok(within(5_000, () => read(page(article(deep)))));
    assert.ok(result.text.startsWith(`${['Barrier stays shut', ...STORY].join('\n\n')}\n\n`), result.text);
    assert.ok(result.text.includes('Deep inside, a note.'));
    assert.ok(!result.text.includes('DEEP-SCRIPT'));
    assert.ok(result.warnings.some((w) => /nested more than 200 levels/.test(w)));
  });

  it('an unknown declared encoding is named in a warning and the page still read', () => {
    const result = ok(read(page(article(), '<meta charset="x-klingon"><title>Barrier stays shut</title>')));
    assert.ok(result.warnings.some((w) => /"x-klingon", which is not known/.test(w)));
  });

  it('undeclared Windows-1252 bytes are read as Windows-1252, with a warning', () => {
    const bytes = Uint8Array.from(Array.from(page(article('<p>\u0093Closed\u0094 \u0096 for now.</p>'), '<title>x</title>'), (c) => c.charCodeAt(0)));
    const result = ok(read(bytes));
    assert.ok(result.text.includes('“Closed” – for now.'), result.text);
    assert.ok(result.warnings.some((w) => /declares no encoding and is not UTF-8/.test(w)));
  });

  it('a UTF-8 BOM outranks a wrong declaration', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(page(article('<p>Café “open”.</p>'), '<meta charset="windows-1252"><title>x</title>'))]);
    assert.ok(ok(read(bytes)).text.includes('Café “open”.'));
  });
});

describe('what is inside <script>, <style> or <nav>', () => {
  const word = fc.stringMatching(/^[A-Za-z]{3,10}$/);
  const sentence = fc.array(word, { minLength: 6, maxLength: 20 }).map((w) => `${w.join(' ')}.`);
  it('never reaches the text, wherever it sits in the page', () => {
    fc.assert(fc.property(
      fc.array(sentence, { minLength: 3, maxLength: 8 }),
      fc.array(fc.record({ where: fc.integer({ min: 0, max: 10 }), tag: fc.constantFrom('script', 'style', 'nav'), wrap: fc.constantFrom('', 'p', 'div', 'blockquote', 'li') }), { minLength: 1, maxLength: 5 }),
      (story, hidden) => {
        const parts = story.map((s) => `<p>${s}</p>`);
        hidden.forEach(({ where, tag, wrap }, i) => {
          const inner = `<${tag}>HIDDEN${i}MARK ${tag === 'nav' ? '<a href="/">Home</a>' : ''}</${tag}>`;
          parts.splice(Math.min(where, parts.length), 0, wrap ? `<${wrap}>${inner}</${wrap}>` : inner);
        });
        const result = read(page(`<article><h1>A headline</h1>${parts.join('')}</article>`));
        if (result.ok) assert.ok(!/HIDDEN\d+MARK/.test(result.text), result.text);
      },
    ), { numRuns: 150 });
  });
});
