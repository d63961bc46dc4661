// Pieces of the corpus commands' fast paths that must give exactly what the plain ways give:
// the cache file read through windows and written through one buffer, the export spool written
// through one buffer, files read into a shared buffer, JSON printed at a depth, and a check sent
// back by a parse worker with only the tags that `check` prints, a message translated once and
// filled in per line.
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DiskNextFile, windowedReader } from '../../src/cli/cache';
import { FileSpool } from '../../src/cli/exportSpool';
import { readRegularFileSync, readRegularFileTransient } from '../../src/cli/inputFile';
import { inOrder, portPathOf } from '../../src/cli/sidecars';
import { articlePathOf, childPath } from '../../src/cli/corpusFiles';
import * as l10n from '@vscode/l10n';
import { atDepth, consoleOutput, inBlocks, OutputFailed, repeatedMessage, type Output } from '../../src/cli/output';
import { reattach } from '../../src/core/anchor/reattach';
import { articleHash } from '../../src/core/articleFile';
import { factsFromTexts, someFactsOf } from '../../src/core/cache/facts';
import { fromNativePath } from '../../src/core/fs/nodeFileSystem';
import { articleNameFor, isSidecarName, SidecarFile } from '../../src/core/sidecar';
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

describe('writing through one buffer', () => {
  const sizes = [0, 1, 700, 5000, 300_000, 1 << 20, (1 << 20) + 3, 2_500_000, 17, 900_000];

  it('the next cache file holds every byte appended, in order, whatever the sizes', async () => {
    const dir = tempDir('newsmark-next-');
    const file = new DiskNextFile(join(dir, 'cache.jsonl'), join(dir, 'cache.tmp'));
    const parts = sizes.map((n, i) => new Uint8Array(n).map((_, j) => (i * 31 + j) % 256));
    let size = 0;
    for (const part of parts) {
      file.append(part);
      assert.ok(same(file.read(size, size + part.length), part), `${part.length} bytes read back before the commit`);
      size += part.length;
      assert.equal(file.size, size);
    }
    await file.commit(() => Promise.resolve());
    assert.ok(same(readFileSync(join(dir, 'cache.jsonl')), Buffer.concat(parts)));
  });

  it('an export spool holds every text written, as UTF-8, at the marks it gave', () => {
    const spool = new FileSpool(join(tempDir('newsmark-spool-'), 'spool'));
    const texts = sizes.map((n, i) => 'aé東😀\ud800'[i % 5]!.repeat(Math.floor(n / 3)) + `#${i}`);
    const marks = texts.map((text) => {
      const from = spool.mark();
      spool.write(text);
      return [from, spool.mark()] as const;
    });
    try {
      texts.forEach((text, i) => assert.equal(spool.read(marks[i]![0], marks[i]![1]).toString('utf8'), Buffer.from(text, 'utf8').toString('utf8'), `text ${i}`));
      assert.equal(spool.mark(), texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0));
    } finally {
      spool.close();
    }
  });
});

describe('files read into a shared buffer', () => {
  it('give the bytes readFileSync gives, for an empty, a small and a large file, until the next read', () => {
    const dir = tempDir('newsmark-transient-');
    for (const size of [0, 1, 6000, 3_000_000]) {
      const path = join(dir, `f${size}`);
      writeFileSync(path, new Uint8Array(size).map((_, i) => (i * 13 + size) % 256));
      const read = readRegularFileTransient(path);
      const plain = readRegularFileSync(path);
      assert.ok(read.ok && plain.ok);
      assert.ok(same(read.bytes, plain.bytes), `${size} bytes`);
    }
  });
});

describe('paths taken as they are when already normal', () => {
  it('are what join and resolve make of every path, normal or not', () => {
    const parts = ['a', '.', '..', '', 'x.txt.tags.yaml', '.tags.yaml', '..tags.yaml', '...tags.yaml', 'b.c'];
    let checked = 0;
    const each = (depth: number, before: string): void => {
      if (depth === 0) return;
      for (const part of parts) {
        for (const path of [`${before}/${part}`, `${before}${part}`]) {
          if (path.endsWith('.tags.yaml') && isSidecarName(basename(path))) {
            checked++;
            assert.equal(articlePathOf(path), join(dirname(path), articleNameFor(basename(path))), path);
          }
          assert.equal(portPathOf(path), fromNativePath(resolve(path)), path);
          each(depth - 1, path);
        }
      }
    };
    each(3, '');
    each(3, '/');
    assert.ok(checked > 1000);
  });

  it('a folder scan\'s child path is what join makes of the normalized folder and a name read from it', () => {
    const folders = ['.', './', './/', './/.', '..', '../', '/', 'a', 'a/', './a', 'a/./b/', 'a/../b', '/a/b', '//a', 'a//b/', '../a/.'];
    const names = ['x', 'x.txt.tags.yaml', '.hidden', '..x', 'a b', 'ü'];
    for (const folder of folders) {
      for (const name of names) assert.equal(childPath(normalize(folder), name), join(normalize(folder), name), `${folder} + ${name}`);
    }
  });
});

describe('a corpus read in order', () => {
  it('gives the event loop a turn now and then even when every item loads at once (the collector runs its tasks there)', async () => {
    let turns = 0;
    const tick = (): void => void setImmediate(() => (turns++, turns < 1000 && tick()));
    tick();
    const seen: number[] = [];
    await inOrder(Array.from({ length: 2000 }, (_, i) => i), (i) => Promise.resolve(i), (i) => void seen.push(i));
    assert.deepEqual(seen, Array.from({ length: 2000 }, (_, i) => i));
    assert.ok(turns >= 5, `${turns} turns of the event loop during the read`);
  });
});

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

describe('lines printed in blocks', () => {
  const lines = ['', 'plain', 'curly “quotes” and a\u00a0no-break space', '😀 an astral letter', 'x'.repeat(100_000), 'é'.repeat(40_000), ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${'·'.repeat(i % 97)}`)];

  /** An output that takes bytes the way standard output does: each chunk decoded at once, the writes completing later. */
  function byteOutput(): { out: Output; printed: () => string; order: string[]; inFlight: Set<Uint8Array> } {
    const chunks: string[] = [];
    const order: string[] = [];
    const inFlight = new Set<Uint8Array>();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const out: Output = {
      line: () => assert.fail('an output that takes bytes is given bytes'),
      error: (text) => void order.push(`error: ${text}`),
      write: (chunk) => {
        assert.ok(typeof chunk !== 'string' && !inFlight.has(chunk), 'no buffer is handed over again before its write is done');
        chunks.push(decoder.decode(chunk, { stream: true }));
        order.push('out');
        const copy = Buffer.from(chunk);
        inFlight.add(chunk);
        return new Promise((resolve) => setTimeout(() => {
          if (Buffer.compare(copy, chunk) !== 0) order.push('a buffer was written into while it was being written');
          inFlight.delete(chunk);
          resolve();
        }, 1));
      },
    };
    return { out, printed: () => chunks.join(''), order, inFlight };
  }

  it('prints every line, as UTF-8 bytes where the output takes them, and has written them all when it returns', async () => {
    const bytes = byteOutput();
    await inBlocks(bytes.out, async (block) => {
      for (const [i, line] of lines.entries()) {
        block.line(line);
        if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    });
    assert.equal(bytes.printed(), lines.map((l) => `${l}\n`).join(''));
    assert.equal(bytes.inFlight.size, 0);
    assert.ok(bytes.order.every((o) => o === 'out'), bytes.order.find((o) => o !== 'out'));
    const joined: string[] = [];
    await inBlocks({ line: (text) => void joined.push(`${text}\n`), error: () => assert.fail() }, (block) => Promise.resolve(lines.forEach((l) => block.line(l))));
    assert.equal(joined.join(''), bytes.printed(), 'the same as an output that takes lines');
  });

  it('standard output that takes the bytes at once gets the same buffer again; one that queues them, never while they wait', async () => {
    // What consoleOutput hands process.stdout: a file's stream writes before write returns; a
    // pipe's may keep the bytes queued, and then their buffer must not be filled again.
    const blockLines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'·'.repeat(i % 97)}`);
    const expected = blockLines.map((l) => `${l}\n`).join('');
    for (const queued of [false, true]) {
      const received: Buffer[] = [];
      const buffers = new Set<ArrayBufferLike>();
      const stdout = new Writable({
        write(chunk: Buffer, _encoding, done) {
          received.push(Buffer.from(chunk)); // a copy: what was written then
          buffers.add(chunk.buffer);
          if (queued) setTimeout(done, 1);
          else done();
        },
      });
      const real = Object.getOwnPropertyDescriptor(process, 'stdout')!;
      Object.defineProperty(process, 'stdout', { configurable: true, get: () => stdout });
      try {
        // One synchronous loop, as stats prints its outlets.
        await inBlocks(consoleOutput, (block) => Promise.resolve(blockLines.forEach((l) => block.line(l))));
      } finally {
        Object.defineProperty(process, 'stdout', real);
      }
      assert.equal(Buffer.concat(received).toString('utf8'), expected, queued ? 'queued' : 'taken at once');
      assert.ok(received.length > 4, 'several blocks');
      if (!queued) assert.equal(buffers.size, 1, 'one buffer, filled again each time');
      else assert.equal(buffers.size, received.length, 'a buffer of its own for each block still queued');
    }
  });

  it('prints the lines before an error line first', async () => {
    const bytes = byteOutput();
    await inBlocks(bytes.out, (block) => {
      block.line('before');
      block.error('a problem');
      block.line('after');
      return Promise.resolve();
    });
    assert.deepEqual(bytes.order, ['out', 'error: a problem', 'out']);
    assert.equal(bytes.printed(), 'before\nafter\n');
  });

  it('stops the command at its next line once the output has failed, and says so once', async () => {
    let writes = 0;
    const failing: Output = { line: () => assert.fail(), error: () => assert.fail(), write: () => (++writes, Promise.reject(new OutputFailed('standard output failed'))) };
    let printedAfter = 0;
    await assert.rejects(inBlocks(failing, async (block) => {
      for (let i = 0; i < 100_000; i++) {
        block.line(`line ${i} `.repeat(20));
        printedAfter += writes > 0 ? 1 : 0;
        if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }), OutputFailed);
    assert.ok(writes <= 2 && printedAfter < 1000, `${writes} writes, ${printedAfter} lines after the first`);
  });
});

describe('repeatedMessage', () => {
  const messages: [string, (string | number)[]][] = [
    ['{0} anchored, {1} moved, {2} fuzzy, {3} orphaned', [50, 0, 2, 1]],
    ['{1} before {0}, {1} again', ['a', 'b']],
    ['no placeholders', []],
    ['{0}{1}', ['', 7]],
    ['{2} left as it is', ['x']],
  ];
  it('says what l10n.t says, in English and in a translation loaded before its first call', () => {
    const translated = (text: string): string => `«${text.replace('anchored', 'verankert').replace('before', 'vor')}»`;
    try {
      for (const bundle of [{}, Object.fromEntries(messages.map(([m]) => [m, translated(m)]))]) {
        l10n.config({ contents: bundle });
        for (const [message, args] of messages) {
          const say = repeatedMessage(message);
          assert.equal(say(...args), l10n.t(message, ...args), message);
          assert.equal(say(...args), l10n.t(message, ...args), `${message}, said again`);
        }
      }
      assert.equal(repeatedMessage(messages[0]![0])(1, 2, 3, 4), '«1 verankert, 2 moved, 3 fuzzy, 4 orphaned»');
    } finally {
      l10n.config({ contents: {} });
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
