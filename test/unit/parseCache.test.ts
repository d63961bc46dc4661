// The parse cache's file on the in-memory file system: entries are trusted only for the exact
// stamps they were made from, never when made too close to a change, and a damaged file — torn,
// cut short, foreign, of another version — is ignored, never fatal.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { entryFrom, factsFromEntry, factsFromTexts } from '../../src/core/cache/facts';
import { storedTags, tagsFromStored, type CacheEntry, type FileStamp } from '../../src/core/cache/entry';
import { ParseCache, RACY_MS } from '../../src/core/cache/parseCache';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { SidecarFile } from '../../src/core/sidecar';
import { sidecarText, tagOn, TRAM } from './cliCorpus';

const FILE = '/corpus/.newsmark-cache/parse.jsonl';
const SIDECAR = '/corpus/tram.txt.tags.yaml';
const LONG_AGO = 1_700_000_000_000;
const NOW = LONG_AGO + 3_600_000;

const TAGS = [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a1b2c3d4'), tagOn(TRAM, 'a reckless gamble', 'framing', 'NOT-SPEC')];

function parsed(text: string): SidecarFile {
  const result = SidecarFile.parse(text);
  assert.ok(result.ok);
  return result.sidecar;
}

const SIDECAR_FILE = parsed(sidecarText('tram.txt', TRAM, TAGS));

function entryOf(sidecar: FileStamp, article: FileStamp, articleText = TRAM): CacheEntry {
  return entryFrom(factsFromTexts(SIDECAR_FILE, articleText, 'tram.txt'), SIDECAR_FILE, sidecar, article);
}

/** What the cache gives back for these stamps: the entry and its tags, or undefined. */
function found(cache: ParseCache, sidecar: FileStamp, article: FileStamp, path = SIDECAR): { entry: CacheEntry; tags: unknown } | undefined {
  const hit = cache.get(path, sidecar, article);
  return hit && { entry: hit.entry, tags: hit.tags() };
}

/** The file with its line `fromEnd` lines before the trailer changed. */
function inLine(text: string, fromEnd: number, change: (line: string) => string): string {
  const lines = text.split('\n'); // the last is the empty one after the trailer's line break
  lines[lines.length - 2 - fromEnd] = change(lines[lines.length - 2 - fromEnd]!);
  return lines.join('\n');
}

/** The file with its directory line (before the counts line and the trailer) changed. */
function inDirectory(text: string, change: (line: string) => string): string {
  return inLine(text, 2, change);
}

/** The file with its counts line (just before the trailer) changed. */
function inCounts(text: string, change: (line: string) => string): string {
  return inLine(text, 1, change);
}

function inDirectoryRows(text: string, change: (rows: unknown[][]) => void): string {
  return inDirectory(text, (line) => {
    const rows = JSON.parse(line) as unknown[][];
    change(rows);
    return JSON.stringify(rows);
  });
}

const WHOLE = { entry: entryOf({ size: 900, mtime: LONG_AGO }, { size: 200, mtime: LONG_AGO }), tags: JSON.parse(JSON.stringify(SIDECAR_FILE.tags)) as unknown };

const S = { size: 900, mtime: LONG_AGO };
const A = { size: 200, mtime: LONG_AGO };

async function saved(fs: MemoryFileSystem): Promise<ParseCache> {
  await fs.createDirectory('/corpus/.newsmark-cache');
  const cache = await ParseCache.open(fs, FILE, '1.2.3');
  assert.equal(cache.put(SIDECAR, entryOf(S, A), TAGS, NOW), true);
  assert.equal(await cache.save(), true);
  return ParseCache.open(fs, FILE, '1.2.3');
}

describe('ParseCache', () => {
  it('gives an entry back only for the very size and mtime of both files', async () => {
    const cache = await saved(new MemoryFileSystem());
    assert.deepEqual(found(cache, S, A), WHOLE);
    assert.equal(cache.get(SIDECAR, { ...S, size: S.size + 1 }, A), undefined);
    assert.equal(cache.get(SIDECAR, { ...S, mtime: S.mtime + 1 }, A), undefined);
    assert.equal(cache.get(SIDECAR, { ...S, mtime: S.mtime - 1000 }, A), undefined, 'an older mtime is a different file too');
    assert.equal(cache.get(SIDECAR, S, { ...A, size: A.size - 1 }), undefined);
    assert.equal(cache.get(SIDECAR, S, { ...A, mtime: A.mtime + 0.5 }), undefined);
    assert.equal(cache.get('/corpus/other.txt.tags.yaml', S, A), undefined);
  });

  it('keeps no entry for a file changed within the racy window before it was read', async () => {
    const cache = await ParseCache.open(new MemoryFileSystem(), FILE, '1.2.3');
    assert.equal(cache.put(SIDECAR, entryOf({ ...S, mtime: NOW - RACY_MS + 1 }, A), TAGS, NOW), false);
    assert.equal(cache.put(SIDECAR, entryOf(S, { ...A, mtime: NOW - 10 }), TAGS, NOW), false);
    assert.equal(cache.put(SIDECAR, entryOf(S, { ...A, mtime: NOW + 5000 }), TAGS, NOW), false, 'an mtime in the future');
    assert.equal(cache.size, 0);
  });

  it('facts read back from an entry are the facts worked out from the texts', () => {
    const facts = factsFromTexts(parsed(sidecarText('tram.txt', TRAM, TAGS)), `${TRAM}More.\n`, 'tram.txt');
    const back = factsFromEntry(JSON.parse(JSON.stringify(entryFrom(facts, SIDECAR_FILE, S, A))) as CacheEntry);
    assert.deepEqual(back.stats(), facts.stats());
    assert.equal(back.stats().tags, 2);
    assert.equal(back.words(), facts.words());
    assert.equal(back.articleSha256(), articleHash(`${TRAM}More.\n`));
    assert.deepEqual(back.outlet(), facts.outlet());
    assert.deepEqual(back.verification(), facts.verification());
    assert.deepEqual(back.oddIds(), facts.oddIds());
    assert.equal(back.oddIds()[0]?.id, 'NOT-SPEC');
  });

  it('an entry comes back whole through the index, key order included: problems, odd ids, mismatches, a guessed outlet, another article hash, sub-labels', async () => {
    const facts = factsFromTexts(parsed(sidecarText('tram.txt', TRAM, TAGS)), `${TRAM}More.\n`, 'tram.txt');
    const base = entryFrom(facts, SIDECAR_FILE, S, A);
    const entry: CacheEntry = {
      ...base,
      header: { ...base.header, rejected: [{ category: 'claim', start: 1, end: 4, text: 'new' }], details: { outlet: 'Tram Weekly', published: '2026-03-01' } },
      tally: { ...base.tally, bySubLabel: { 'framing:loaded-language': 1 } },
      problems: [{ kind: 'invalid', message: 'a tag without an id', line: 12, column: 5 }, { kind: 'detail', message: 'a date that is not one', line: 3, column: 7 }],
      outlet: { name: 'Tram Weekly', guessed: true, source: 'text', evidence: 'By Kim Lee | Tram Weekly' },
      verification: { mismatches: [{ id: 'a1b2c3d4', start: 4, end: 9, text: 'the n', found: 'he ne' }], outOfRange: [{ id: 'NOT-SPEC', start: 900, end: 910 }] },
    };
    assert.notEqual(entry.articleSha256, entry.header.sha256, 'the article changed since the sidecar was written');
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus/.newsmark-cache');
    const cache = await ParseCache.open(fs, FILE, '1.2.3');
    assert.equal(cache.put(SIDECAR, entry, TAGS, NOW), true);
    assert.equal(await cache.save(), true);
    const back = (await ParseCache.open(fs, FILE, '1.2.3')).get(SIDECAR, S, A)?.entry;
    assert.equal(JSON.stringify(back), JSON.stringify(entry));
    assert.equal(back?.oddIds[0]?.id, 'NOT-SPEC');
  });

  it('stored tags come back whole, every optional field and the key order included', () => {
    const text = sidecarText('tram.txt', TRAM, TAGS).replace(/^(\s*)- id: a1b2c3d4$/m, (line, indent: string) => `${line}\n${indent}  note: "check the date"\n${indent}  attributes: { source: mayor, quote: true }\n${indent}  status: fuzzy\n${indent}  previous_text: "the tram line"\n${indent}  review: disputed\n${indent}  reviewer: kim\n${indent}  created: "2026-03-25T08:30:00Z"`);
    const tags = parsed(text).tags;
    assert.ok(tags.some((t) => t.note && t.attributes && t.status && t.previousText && t.review && t.reviewer && t.created), 'a tag with every optional field');
    assert.equal(JSON.stringify(tagsFromStored(JSON.parse(JSON.stringify(storedTags(tags))))), JSON.stringify(tags));
  });

  for (const [what, damage] of [
    ['garbage', () => 'not a cache at all\n'],
    ['cut short', (text: string) => text.slice(0, text.length - 40)],
    ['a line missing', (text: string) => text.split('\n').slice(0, 1).join('\n') + '\n'],
    ['another version', (text: string) => text.replace('"newsmark":"1.2.3"', '"newsmark":"1.2.4"')],
    ['another format', (text: string) => text.replace(/"newsmarkParseCache":\d+/, '"newsmarkParseCache":99')],
    ['foreign JSON', () => '{"name":"some other tool"}\n'],
    ['an entry of the wrong shape', (text: string) => text.replace(/\t.*$/m, '\t{"sidecar":{"size":900,"mtime":1700000000000}}')],
    ['an entry whose head has a damaged field', (text: string) => text.replace('[["NOT-SPEC",', '[["NOT-SPEC","x",')],
    ['an entry whose tags are damaged', (text: string) => text.replace('[["a1b2c3d4"', '[{"a1b2c3d4"')],
    ['empty', () => ''],
    ['a directory that is not JSON', (text: string) => inDirectory(text, (line) => line.replace('[[', '[{'))],
    ['a directory place beyond its part of the file', (text: string) => inDirectoryRows(text, (rows) => void (rows[0]![1] = 10 ** 9))],
    ['a directory place that is not a whole number', (text: string) => inDirectoryRows(text, (rows) => void (rows[0]![2] = (rows[0]![2] as number) + 0.5))],
    ['a directory entry missing a number', (text: string) => inDirectoryRows(text, (rows) => void rows[0]!.pop())],
    ['a directory path that is not a string', (text: string) => inDirectoryRows(text, (rows) => void (rows[0]![0] = 7))],
    ['a directory verdict of unknown flags', (text: string) => inDirectoryRows(text, (rows) => void (rows[0]![12] = 9))],
    ['a directory naming a path twice', (text: string) => inDirectoryRows(text, (rows) => void rows.push(rows[0]!)).replace('"entries":1', '"entries":2')],
    ['a trailer whose directory starts elsewhere', (text: string) => text.replace(/"directory":(\d+)/, (_, at: string) => `"directory":${Number(at) + 1}`)],
    ['a trailer whose counts line starts elsewhere', (text: string) => text.replace(/"counts":(\d+)/, (_, at: string) => `"counts":${Number(at) - 5}`)],
    ['a trailer without a counts line', (text: string) => text.replace(/,"counts":\d+/, '')],
  ] as const) {
    it(`a cache file that is ${what} is ignored, never fatal, and rewritten`, async () => {
      const fs = new MemoryFileSystem();
      await saved(fs);
      fs.writeRaw(FILE, damage(new TextDecoder().decode(await fs.readFile(FILE))));
      const cache = await ParseCache.open(fs, FILE, '1.2.3');
      assert.equal(found(cache, S, A)?.tags, undefined, 'no tags are given back');
      assert.equal(await cache.save(), true);
      const again = await ParseCache.open(fs, FILE, '1.2.3');
      assert.equal(again.get(SIDECAR, S, A), undefined);
      assert.equal(again.put(SIDECAR, entryOf(S, A), TAGS, NOW), true);
      assert.equal(await again.save(), true);
      assert.deepEqual(found(await ParseCache.open(fs, FILE, '1.2.3'), S, A), WHOLE);
    });
  }

  it('a verdict says what validate and check would print of a pair, only for the stamps it was made for, and comes back after a save', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus/.newsmark-cache');
    const clean = parsed(sidecarText('tram.txt', TRAM, [TAGS[0]!]));
    const checked = (): CacheEntry => {
      const facts = factsFromTexts(clean, TRAM, 'tram.txt');
      facts.check();
      return entryFrom(facts, clean, S, A);
    };
    const cache = await ParseCache.open(fs, FILE, '1.2.3');
    assert.equal(cache.put(SIDECAR, checked(), clean.tags, NOW), true);
    assert.equal(cache.put('/corpus/odd.txt.tags.yaml', entryOf(S, A), TAGS, NOW), true); // an id the format does not allow, and `article:` names tram.txt
    assert.equal(cache.put('/corpus/unchecked.txt.tags.yaml', entryFrom(factsFromTexts(clean, TRAM, 'tram.txt'), { ...clean, article: 'unchecked.txt' }, S, A), clean.tags, NOW), true);
    const expect = (c: ParseCache): void => {
      assert.deepEqual(c.verdict(SIDECAR, S, A), { loadsCleanly: true, valid: true, allAnchored: { anchored: 1, moved: 0, fuzzy: 0, orphaned: 0 } });
      assert.deepEqual(c.verdict('/corpus/odd.txt.tags.yaml', S, A), { loadsCleanly: true, valid: false });
      assert.deepEqual(c.verdict('/corpus/unchecked.txt.tags.yaml', S, A), { loadsCleanly: true, valid: true });
      assert.equal(c.verdict(SIDECAR, { ...S, mtime: S.mtime + 1 }, A), undefined);
      assert.equal(c.verdict(SIDECAR, S, { ...A, size: A.size + 1 }), undefined);
      assert.equal(c.verdict('/corpus/none.txt.tags.yaml', S, A), undefined);
    };
    expect(cache);
    assert.equal(await cache.save(), true);
    const again = await ParseCache.open(fs, FILE, '1.2.3');
    expect(again);
    again.forget(SIDECAR);
    assert.equal(again.verdict(SIDECAR, S, A), undefined);
  });

  it('counts say what stats reads of an entry (tags, words, outlet) without its head, for entries with nothing to report, only for their stamps, and come back after saves', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus/.newsmark-cache');
    const clean = parsed(sidecarText('tram.txt', TRAM, [TAGS[0]!]));
    const cleanEntry = entryFrom(factsFromTexts(clean, TRAM, 'tram.txt'), clean, S, A);
    // A sidecar whose loader reported a problem: its head says which, so it has no counts.
    const faulty = { ...cleanEntry, problems: [{ kind: 'invalid' as const, message: 'an entry left out', line: 9, column: 5 }] };
    const first = await ParseCache.open(fs, FILE, '1.2.3');
    assert.equal(first.put(SIDECAR, cleanEntry, clean.tags, NOW), true);
    assert.equal(first.put('/corpus/faulty.txt.tags.yaml', faulty, clean.tags, NOW), true);
    assert.equal(first.counts(SIDECAR, S, A), undefined, 'an entry of this run: its head answers');
    assert.equal(await first.save(), true);
    const wanted = { tally: cleanEntry.tally, words: cleanEntry.words, outlet: cleanEntry.outlet };
    const second = await ParseCache.open(fs, FILE, '1.2.3');
    assert.deepEqual(second.counts(SIDECAR, S, A), wanted);
    assert.equal(second.counts('/corpus/faulty.txt.tags.yaml', S, A), undefined);
    assert.ok(second.get('/corpus/faulty.txt.tags.yaml', S, A), 'its head is there');
    assert.equal(second.counts(SIDECAR, { ...S, mtime: S.mtime + 1 }, A), undefined);
    assert.equal(second.counts(SIDECAR, S, { ...A, size: A.size + 1 }), undefined);
    assert.equal(second.counts('/corpus/none.txt.tags.yaml', S, A), undefined);
    // Another run adds an entry: the old ones are copied into the next file with their counts.
    assert.equal(second.put('/corpus/more.txt.tags.yaml', cleanEntry, clean.tags, NOW), true);
    assert.equal(await second.save(), true);
    const third = await ParseCache.open(fs, FILE, '1.2.3');
    assert.deepEqual(third.counts(SIDECAR, S, A), wanted);
    assert.deepEqual(third.counts('/corpus/more.txt.tags.yaml', S, A), wanted);
    assert.equal(third.counts('/corpus/faulty.txt.tags.yaml', S, A), undefined);
    third.forget(SIDECAR);
    assert.equal(third.counts(SIDECAR, S, A), undefined, 'forgotten');
    // An entry dropped (or made anew) before the line is first read leaves the rest of it whole.
    const fourth = await ParseCache.open(fs, FILE, '1.2.3');
    fourth.forget(SIDECAR);
    assert.deepEqual(fourth.counts('/corpus/more.txt.tags.yaml', S, A), wanted);
  });

  for (const [what, damage] of [
    ['not JSON', (line: string) => line.slice(0, -1)],
    ['of another length', (line: string) => line.replace(/^\[/, '[0,')],
    ['with an entry of the wrong shape', (line: string) => line.replace(/^\[\[\d+/, '[["many"')],
  ] as const) {
    it(`a counts line ${what} is not used, the heads answer, and it is written anew`, async () => {
      const fs = new MemoryFileSystem();
      await saved(fs);
      fs.writeRaw(FILE, inCounts(new TextDecoder().decode(await fs.readFile(FILE)), damage));
      const cache = await ParseCache.open(fs, FILE, '1.2.3');
      assert.equal(cache.counts(SIDECAR, S, A), undefined);
      assert.deepEqual(found(cache, S, A), WHOLE, 'the entry itself is whole');
      assert.equal(await cache.save(), true);
      const again = await ParseCache.open(fs, FILE, '1.2.3');
      const entry = entryOf(S, A);
      assert.deepEqual(again.counts(SIDECAR, S, A), { tally: entry.tally, words: entry.words, outlet: entry.outlet });
    });
  }

  it('paths with quotes, backslashes, control characters and non-ASCII letters are indexed as they are', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus/.newsmark-cache');
    const paths = ['/corpus/"quoted".txt.tags.yaml', '/corpus/back\\slash.txt.tags.yaml', '/corpus/tab\there.txt.tags.yaml', '/corpus/Zürich – 東京.txt.tags.yaml', '/corpus/plain.txt.tags.yaml'];
    const first = await ParseCache.open(fs, FILE, '1.2.3');
    for (const path of paths) assert.equal(first.put(path, entryOf(S, A), TAGS, NOW), true);
    assert.equal(await first.save(), true);
    const again = await ParseCache.open(fs, FILE, '1.2.3');
    assert.equal(again.size, paths.length);
    for (const path of paths) assert.deepEqual(found(again, S, A, path), WHOLE, path);
  });

  it('a write that dies part way leaves the previous cache whole', async () => {
    const fs = new MemoryFileSystem();
    const cache = await saved(fs);
    cache.put('/corpus/b.txt.tags.yaml', entryOf(S, A), TAGS, NOW);
    fs.faults.tearNextWrite(FILE, 100);
    assert.equal(await cache.save(), false);
    const after = await ParseCache.open(fs, FILE, '1.2.3');
    assert.deepEqual(found(after, S, A), WHOLE);
    assert.equal(after.size, 1);
  });

  it('a folder that cannot be made is not an error: the cache is simply not kept', async () => {
    const fs = new MemoryFileSystem();
    fs.writeRaw('/corpus/.newsmark-cache', 'a file in the way');
    const cache = await ParseCache.open(fs, FILE, '1.2.3');
    cache.put(SIDECAR, entryOf(S, A), TAGS, NOW);
    assert.equal(await cache.save((port) => port.createDirectory('/corpus/.newsmark-cache')), false);
  });

  it('writes nothing when nothing changed, and forgets an entry on request', async () => {
    const fs = new MemoryFileSystem();
    const cache = await saved(fs);
    const before = await fs.stat(FILE);
    assert.equal(await cache.save(), true);
    assert.deepEqual(await fs.stat(FILE), before);
    cache.forget(SIDECAR);
    await cache.save();
    assert.equal((await ParseCache.open(fs, FILE, '1.2.3')).get(SIDECAR, S, A), undefined);
  });

  it('a stored check gives its tags not anchored alone, or every tag, whatever the summary\'s length', async () => {
    for (const movedText of ['a reckless gamble', `a reckless gamble ${'and more '.repeat(400)}`]) {
      const fs = new MemoryFileSystem();
      await fs.createDirectory('/corpus/.newsmark-cache');
      const tags = [
        { id: 'a1b2c3d4', category: 'claim', status: 'anchored' as const, stage: 'hint', start: 4, end: 40, text: 'the new tram line would open in March' },
        { id: 'NOT-SPEC', category: 'framing', status: 'moved' as const, stage: 'unique', start: 60, end: 77, text: movedText },
      ];
      const check = { counts: { anchored: 1, moved: 1, fuzzy: 0, orphaned: 0 }, tags, stale: true };
      const first = await ParseCache.open(fs, FILE, '1.2.3');
      assert.equal(first.put(SIDECAR, { ...entryOf(S, A), check }, TAGS, NOW), true);
      assert.equal(await first.save(), true);
      const hit = (await ParseCache.open(fs, FILE, '1.2.3')).get(SIDECAR, S, A);
      assert.deepEqual(hit?.check(false), { counts: check.counts, stale: true, tags: [tags[1]] }, `summary of ${movedText.length} characters`);
      assert.deepEqual(hit?.check(), check);
      // Placements without their summary (or the other way round) are not a line the writer writes.
      fs.writeRaw(FILE, new TextDecoder().decode(await fs.readFile(FILE)).replace(/\t\[\d+,\d+,\d+,\d+,(true|false),[^\t]*\t/, '\t'));
      assert.equal((await ParseCache.open(fs, FILE, '1.2.3')).get(SIDECAR, S, A), undefined, 'an index line with placements and no summary is not taken');
    }
  });
});
