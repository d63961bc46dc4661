// Article hashes are recorded in every sidecar: the browser build's SHA-256 must give the very
// hex the Node build gives, or opening a corpus on vscode.dev would flag every article as changed.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sha256Hex as nodeSha256 } from '../../src/core/sha256';
import { sha256Hex as browserSha256 } from '../../src/core/sha256.browser';

const TEXTS = [
  '',
  'abc',
  'Officials said 40 jobs would go.\n',
  'Ministry: “no comment” — 1 200 € 🚨 Ωμέγα\n',
  'a lone high surrogate \ud83d here, and a lone low one \udea8',
  'Harbour board minutes, line after line.\n'.repeat(50_000),
];

describe('SHA-256 of article text', () => {
  it('is the published digest of "abc" in both builds', () => {
    const digest = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    assert.equal(nodeSha256('abc'), digest);
    assert.equal(browserSha256('abc'), digest);
  });

  it('is the same hex in the browser build as in the Node build, for any text', () => {
    for (const text of TEXTS) assert.equal(browserSha256(text), nodeSha256(text), JSON.stringify(text.slice(0, 40)));
  });
});
