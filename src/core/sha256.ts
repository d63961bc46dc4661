// SHA-256 (hex) of a text's UTF-8 bytes, synchronously: article hashes are taken wherever an
// article is read, and Web Crypto's digest is asynchronous only. Node's native hash is 5–7× faster
// than the audited pure-JS one for article-sized texts (4 kB–4 MB, measured for issue 15), so
// Node keeps it and the browser build swaps in sha256.browser.ts (scripts/build.mjs); the two
// give the same hex for every string, lone surrogates included (test/unit/sha256.test.ts).
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
