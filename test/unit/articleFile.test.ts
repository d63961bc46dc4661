import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { articleHash, decodeArticle } from '../../src/core/articleFile';

describe('article files', () => {
  it('hashes the text after CRLF → LF, so both line endings give the same sha256', () => {
    const lf = 'Headline\nBody “quoted”\n';
    assert.equal(articleHash(lf.replace(/\n/g, '\r\n')), articleHash(lf));
    assert.equal(articleHash(lf), createHash('sha256').update(Buffer.from(lf, 'utf8')).digest('hex'));
  });

  it('refuses a file that is not UTF-8, with a message that names it', () => {
    const latin1 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]); // "Café" in Latin-1
    const result = decodeArticle(latin1, 'cafe.txt');
    assert.deepEqual(result, { ok: false, reason: 'cafe.txt is not UTF-8 text; Newsmark tags only UTF-8 text files.' });
  });

  it('refuses a binary file and a file over the size limit', () => {
    assert.equal(decodeArticle(Buffer.from([0x41, 0x00, 0x42]), 'x.bin').ok, false);
    // The editor's bytes are a plain Uint8Array, the command line's a Buffer: refused alike.
    assert.equal(decodeArticle(new Uint8Array([0x41, 0x42, 0x00]), 'y.bin').ok, false);
    assert.equal(decodeArticle(new Uint8Array([0x41, 0x42]), 'z.txt').ok, true);
    const big = decodeArticle(Buffer.alloc(2048, 0x41), 'big.txt', 1024);
    assert.equal(big.ok, false);
    if (!big.ok) assert.match(big.reason, /big\.txt is 2 KB, over the limit of 1 KB/);
  });

  it('accepts UTF-8 with a BOM and leaves the BOM out of the text', () => {
    const result = decodeArticle(Buffer.from('\ufeffHello 🚨', 'utf8'), 'a.txt');
    assert.deepEqual(result, { ok: true, text: 'Hello 🚨' });
  });
});
