// Pieces of the corpus commands' fast paths that must give exactly what the plain ways give:
// the cache file read through windows, JSON printed at a depth, and a check sent back by a parse
// worker with only the tags that `check` prints.
import { strict as assert } from 'node:assert';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { windowedReader } from '../../src/cli/cache';
import { atDepth } from '../../src/cli/output';
import { reattach } from '../../src/core/anchor/reattach';
import { articleHash } from '../../src/core/articleFile';
import { factsFromTexts, someFactsOf } from '../../src/core/cache/facts';
import { SidecarFile } from '../../src/core/sidecar';
import { sidecarText, tagOn, tempDir, TRAM } from './cliCorpus';

describe('the cache file read through windows', () => {
  it('gives the very bytes asked for, in any order and across window edges, and bytes given earlier stay as they were', () => {
    const bytes = new Uint8Array(700_000).map((_, i) => (i * 7919) % 251);
    const path = join(tempDir('newsmark-window-'), 'cache.bin');
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r');
    try {
      const read = windowedReader(fd, bytes.length);
      const given: { from: number; to: number; got: Uint8Array }[] = [];
      let seed = 12345;
      const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
      for (let i = 0; i < 2000; i++) {
        // Mostly short reads near the last ones (heads and tags), now and then a long one or a jump.
        const from = i % 50 === 0 ? next(bytes.length) : Math.min(bytes.length, (given.at(-1)?.to ?? 0) + next(3000));
        const to = Math.min(bytes.length + 10, from + (i % 97 === 0 ? 100_000 + next(200_000) : next(9000)));
        const got = read(from, to);
        assert.ok(same(got, bytes.subarray(from, Math.min(to, bytes.length))), `[${from}, ${to})`);
        given.push({ from, to, got });
      }
      for (const { from, to, got } of given) assert.ok(same(got, bytes.subarray(from, Math.min(to, bytes.length))), `[${from}, ${to}) later`);
    } finally {
      closeSync(fd);
    }
  });
});

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

describe('atDepth', () => {
  it('prints what JSON.stringify(value, null, 2) with its lines indented by depth prints', () => {
    const values: unknown[] = [{}, [], { a: [] }, { a: {} }, 0, 'line\nbreak', { article: 'x', nested: { list: [1, { deep: [true, null] }], empty: {} }, perThousandWords: 49.06771344455348 }, [[['three']]]];
    for (const value of values) {
      for (const depth of [0, 1, 2, 5]) {
        const plain = '  '.repeat(depth) + JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
        assert.equal(atDepth(value, depth), plain, `${JSON.stringify(value)} at ${depth}`);
      }
    }
  });
});

describe('a check sent back by a parse worker', () => {
  const moved = TRAM.replace('The', 'This week the');
  const tags = [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a1b2c3d4'), tagOn(TRAM, 'a reckless gamble', 'framing', 'c3d4e5f6')];
  const parsed = SidecarFile.parse(sidecarText('tram.txt', TRAM, tags));
  assert.ok(parsed.ok);

  it('keeps only the tags not anchored when that is all the command prints, and every count', () => {
    const all = someFactsOf(factsFromTexts(parsed.sidecar, moved, 'tram.txt'), ['check']).check!;
    const notable = someFactsOf(factsFromTexts(parsed.sidecar, moved, 'tram.txt'), ['check'], true).check!;
    assert.ok(all.tags.some((t) => t.status === 'anchored') && all.tags.some((t) => t.status !== 'anchored'), 'some tags anchored, some not');
    assert.deepEqual(notable, { ...all, tags: all.tags.filter((t) => t.status !== 'anchored') });
  });

  it('re-attaches the same whether the article\'s hash is given or worked out', () => {
    for (const text of [TRAM, moved]) {
      assert.deepEqual(reattach(text, articleHash(TRAM), parsed.sidecar.tags, articleHash(text)), reattach(text, articleHash(TRAM), parsed.sidecar.tags));
    }
  });
});
