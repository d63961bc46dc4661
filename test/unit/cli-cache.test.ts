// The command line's parse cache can only make a run faster, never different: after each change
// to a sidecar, an article or the cache file itself, every reading command prints what an
// uncached run prints. Files are dated a minute back (whole seconds, so a later utimes can set
// the very same mtime again), outside the window in which the cache refuses to trust an mtime.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { DiskNextFile } from '../../src/cli/cache';
import { ParseCache } from '../../src/core/cache/parseCache';
import { FERRY, run, sidecarText, tagged, tagOn, tempDir, TRAM, write } from './cliCorpus';

// These tests are about the cache's own place in the corpus: not the temporary one cliRun.ts sets for the others.
delete process.env['NEWSMARK_CACHE_DIR'];

const COMMANDS: readonly (readonly string[])[] = [['stats', '--json'], ['stats'], ['validate'], ['check'], ['check', '--json'], ['export', '--format', 'csv'], ['export', '--format', 'jsonl'], ['figures', '--json'], ['quotes', '--json']];

const TRAM_TAGS = [
  tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a1b2c3d4'),
  tagOn(TRAM, 'costs had doubled to 48 million crowns', 'denial', 'b2c3d4e5'),
  tagOn(TRAM, 'a reckless gamble', 'framing', 'c3d4e5f6'),
];
const FERRY_TAGS = [tagOn(FERRY, '300 passengers had been stranded', 'denial', 'd4e5f6a7'), tagOn(FERRY, 'a stunning failure', 'framing', 'e5f6a7b8')];

/** What validate and the loader report, so warm runs must give the same messages: an id the format does not allow, a tag that no longer cuts out its text, a bad header detail. */
const ODD = 'Harbour officials said 12 cranes were idle on Monday.\n';
const ODD_SIDECAR = sidecarText('odd.txt', ODD, [tagOn(ODD, '12 cranes were idle', 'figure', 'Odd-1'), { ...tagOn(ODD, 'on Monday', 'claim', 'f6a7b8c9'), text: 'on Sunday' }])
  .replace(/^sha256: .*$/m, (line) => `${line}\npublished: last week`);

/** A minute ago, in whole seconds. */
const PAST = Math.floor(Date.now() / 1000) - 60;

function corpus(): string {
  const dir = tempDir('cache');
  tagged(dir, 'tram.txt', TRAM, TRAM_TAGS);
  tagged(dir, 'sub/ferry.txt', FERRY, FERRY_TAGS);
  write(dir, 'odd.txt', ODD);
  write(dir, 'odd.txt.tags.yaml', ODD_SIDECAR);
  for (const name of ['tram.txt', 'tram.txt.tags.yaml', 'sub/ferry.txt', 'sub/ferry.txt.tags.yaml', 'odd.txt', 'odd.txt.tags.yaml']) setMtime(dir, name, PAST);
  return dir;
}

function setMtime(dir: string, name: string, seconds: number): void {
  utimesSync(join(dir, name), seconds, seconds);
}

function cacheFiles(dir: string): string[] {
  const folder = join(dir, '.newsmark-cache');
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.jsonl')).map((f) => join(folder, f)) : [];
}

/** The stored outputs of the commands run on the corpus (see "the stored output of an unchanged corpus"). */
function outputFiles(dir: string): string[] {
  const folder = join(dir, '.newsmark-cache');
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.out')).map((f) => join(folder, f)) : [];
}

/** corpus() without odd.txt: nothing for any command to say on standard error. */
function cleanCorpus(): string {
  const dir = corpus();
  for (const name of ['odd.txt', 'odd.txt.tags.yaml']) rmSync(join(dir, name));
  return dir;
}

/** Commands a run of which may be printed again, word for word, while the corpus is unchanged. */
const REPRINTED: readonly (readonly string[])[] = [['stats', '--json'], ['stats'], ['validate'], ['check'], ['check', '--json']];

/** Every command, run twice through the cache (the second reads what the first wrote), prints what --no-cache prints. */
async function assertSameAsUncached(dir: string): Promise<void> {
  for (const command of COMMANDS) {
    const uncached = await run([...command, dir, '--no-cache']);
    for (const pass of ['first', 'second']) {
      const cached = await run([...command, dir]);
      assert.deepEqual(cached, uncached, `newsmark ${command.join(' ')} (${pass} cached run) differs from an uncached run`);
    }
  }
}

/** Fills the cache and returns what the commands printed before the change. */
async function warm(dir: string): Promise<Map<string, string>> {
  const before = new Map<string, string>();
  for (const command of COMMANDS) before.set(command.join(' '), (await run([...command, dir])).out);
  assert.equal(cacheFiles(dir).length, 1, 'the cache file was written');
  return before;
}

/** The change shows in this command's output: the test would catch a stale cache. */
async function assertChanged(dir: string, before: Map<string, string>, command: readonly string[]): Promise<void> {
  assert.notEqual((await run([...command, dir, '--no-cache'])).out, before.get(command.join(' ')), `${command.join(' ')} shows the change`);
}

describe('the command line parse cache', () => {
  it('is written in .newsmark-cache/ at the corpus root, which ignores itself in git and is tagged as a cache', async () => {
    const dir = corpus();
    await warm(dir);
    const validated = await run(['validate', dir]);
    for (const expected of [/tag id "Odd-1" is not 8 lowercase hex digits/, /should cut out "on Sunday"/, /"published" must be an ISO date/]) assert.match(validated.out, expected);
    assert.equal(readFileSync(join(dir, '.newsmark-cache', '.gitignore'), 'utf8'), '*\n');
    assert.match(readFileSync(join(dir, '.newsmark-cache', 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55/);
    await assertSameAsUncached(dir);
  });

  it('a sidecar changed with the same size and a new mtime is read again', async () => {
    const dir = corpus();
    const before = await warm(dir);
    const sidecar = join(dir, 'tram.txt.tags.yaml');
    const text = readFileSync(sidecar, 'utf8');
    const changed = text.replace('category: denial', 'category: figure'); // same length
    assert.notEqual(changed, text);
    assert.equal(changed.length, text.length);
    writeFileSync(sidecar, changed);
    setMtime(dir, 'tram.txt.tags.yaml', PAST + 5);
    await assertChanged(dir, before, ['stats', '--json']);
    await assertSameAsUncached(dir);
  });

  it('a sidecar changed with the same mtime and a new size is read again', async () => {
    const dir = corpus();
    const before = await warm(dir);
    writeFileSync(join(dir, 'tram.txt.tags.yaml'), sidecarText('tram.txt', TRAM, TRAM_TAGS.slice(0, 2)));
    setMtime(dir, 'tram.txt.tags.yaml', PAST);
    await assertChanged(dir, before, ['stats', '--json']);
    await assertSameAsUncached(dir);
  });

  it('a sidecar given new content of the same size and touched back to an older mtime is read again', async () => {
    const dir = corpus();
    const before = await warm(dir);
    const sidecar = join(dir, 'tram.txt.tags.yaml');
    const text = readFileSync(sidecar, 'utf8');
    writeFileSync(sidecar, text.replace('would open in March', 'would open in Marc!')); // the tag no longer cuts out its text
    setMtime(dir, 'tram.txt.tags.yaml', PAST - 3600);
    await assertChanged(dir, before, ['validate']);
    await assertSameAsUncached(dir);
  });

  it('a sidecar rewritten within the mtime tick it was cached in is not hidden by the entry', async () => {
    const dir = corpus();
    const now = Math.floor(Date.now() / 1000);
    setMtime(dir, 'tram.txt.tags.yaml', now); // changed "just now": too close to the read to trust its mtime
    const before = await warm(dir);
    const sidecar = join(dir, 'tram.txt.tags.yaml');
    writeFileSync(sidecar, readFileSync(sidecar, 'utf8').replace('category: denial', 'category: figure'));
    setMtime(dir, 'tram.txt.tags.yaml', now); // same size, same mtime: only the racy check can tell
    await assertChanged(dir, before, ['stats', '--json']);
    await assertSameAsUncached(dir);
  });

  it('an article changed (its hash, word count and tag check) is read again', async () => {
    const dir = corpus();
    const before = await warm(dir);
    write(dir, 'tram.txt', `Reporting from the harbour district.\n${TRAM}`);
    await assertChanged(dir, before, ['stats', '--json']);
    await assertChanged(dir, before, ['validate']);
    await assertChanged(dir, before, ['check', '--json']);
    await assertSameAsUncached(dir);
  });

  it('a deleted sidecar is no longer counted', async () => {
    const dir = corpus();
    const before = await warm(dir);
    rmSync(join(dir, 'sub', 'ferry.txt.tags.yaml'));
    await assertChanged(dir, before, ['stats', '--json']);
    await assertSameAsUncached(dir);
  });

  it('a warm stats reads the counts of a pair with nothing to report, and the entry itself only of one with problems', async () => {
    const dir = corpus();
    await warm(dir);
    for (const file of outputFiles(dir)) rmSync(file); // the parse cache's part, not the stored output's
    const uncached = await run(['stats', '--json', dir, '--no-cache']);
    const get = mock.method(ParseCache.prototype, 'get');
    try {
      assert.deepEqual(await run(['stats', '--json', dir]), uncached);
    } finally {
      get.mock.restore();
    }
    const heads = get.mock.calls.map((call) => call.arguments[0].slice(call.arguments[0].lastIndexOf('/') + 1));
    assert.deepEqual(heads, ['odd.txt.tags.yaml'], 'odd.txt has a detail it cannot read: its head says which');
  });

  it('a corrupt cache file is ignored and rewritten, never fatal', async () => {
    const dir = corpus();
    await warm(dir);
    const [file] = cacheFiles(dir);
    writeFileSync(file!, readFileSync(file!, 'utf8').slice(0, 200) + '\u0000garbage{');
    await assertSameAsUncached(dir);
    assert.match(readFileSync(file!, 'utf8'), /^\{"newsmarkParseCache":\d+,/, 'rewritten whole');
  });

  it('a cache cut short, or written by another version, is not trusted even where its entries look whole', async () => {
    for (const damage of [(text: string) => text.split('\n').slice(0, 2).join('\n') + '\n', (text: string) => text.replace(/"newsmark":"[^"]*"/, '"newsmark":"0.0.1-other"')]) {
      const dir = corpus();
      const before = await warm(dir);
      const [file] = cacheFiles(dir);
      // The entries now say something the files do not: trusted, they would show.
      const lying = damage(readFileSync(file!, 'utf8')).replaceAll('"category":"denial"', '"category":"figure"');
      writeFileSync(file!, lying);
      assert.equal((await run(['stats', '--json', dir, '--no-cache'])).out, before.get('stats --json'));
      await assertSameAsUncached(dir);
    }
  });

  it('an entry whose stored tags are damaged is read from its sidecar again', async () => {
    const dir = corpus();
    await warm(dir);
    const [file] = cacheFiles(dir);
    // Each entry's stored tags start [["id"…; the same number of bytes keeps every offset right.
    const damaged = readFileSync(file!, 'utf8').replaceAll('[["', '[{"');
    assert.ok(damaged.includes('[{"a1b2c3d4"'));
    writeFileSync(file!, damaged);
    await assertSameAsUncached(dir);
  });

  it('check --fix writes through the cache and the next check reads the written sidecar', async () => {
    const dir = corpus();
    await warm(dir);
    write(dir, 'tram.txt', `Reporting from the harbour district.\n${TRAM}`);
    setMtime(dir, 'tram.txt', PAST + 10);
    const fixed = await run(['check', '--fix', dir]);
    assert.match(fixed.out, /sidecar updated/);
    const after = await run(['check', '--json', dir]);
    assert.deepEqual(after, await run(['check', '--json', dir, '--no-cache']));
    assert.match(after.out, /"moved": 0/);
  });

  it('--no-cache reads and writes nothing there; NEWSMARK_CACHE_DIR moves it; a corpus where it cannot be made runs uncached, silently', async () => {
    const dir = corpus();
    const uncached = await run(['stats', dir, '--no-cache']);
    assert.equal(existsSync(join(dir, '.newsmark-cache')), false);

    const elsewhere = tempDir('cache-dir');
    process.env['NEWSMARK_CACHE_DIR'] = elsewhere;
    try {
      assert.deepEqual(await run(['stats', dir]), uncached);
    } finally {
      delete process.env['NEWSMARK_CACHE_DIR'];
    }
    assert.equal(existsSync(join(dir, '.newsmark-cache')), false);
    assert.equal(readdirSync(elsewhere).filter((f) => f.endsWith('.jsonl')).length, 1);

    write(dir, '.newsmark-cache', 'a file where the folder would go\n');
    assert.deepEqual(await run(['stats', dir]), uncached);
    assert.equal(statSync(join(dir, '.newsmark-cache')).isFile(), true);
  });

  it('is described in --help', async () => {
    const help = await run(['stats', '--help']);
    assert.match(help.out, /--no-cache/);
    assert.match(help.out, /\.newsmark-cache/);
    assert.match(help.out, /NEWSMARK_CACHE_DIR/);
  });
});

describe('the stored output of an unchanged corpus', () => {
  it('a second run of stats, check or validate prints the first run\'s output again, without opening the parse cache', async () => {
    const dir = cleanCorpus();
    for (const command of REPRINTED) {
      const uncached = await run([...command, dir, '--no-cache']);
      assert.deepEqual(await run([...command, dir]), uncached, `${command.join(' ')}, first run`);
      const open = mock.method(ParseCache, 'open');
      try {
        assert.deepEqual(await run([...command, dir]), uncached, `${command.join(' ')}, second run`);
      } finally {
        open.mock.restore();
      }
      assert.equal(open.mock.callCount(), 0, `${command.join(' ')}: the second run printed the stored output (no parse cache opened)`);
    }
  });

  it('is printed again only for the same command, options, paths and folder it was made for', async () => {
    const dir = corpus();
    const absolute = await run(['stats', '--json', dir]);
    // The same folder named from inside it: the article paths printed are relative now.
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const relative = await run(['stats', '--json', '.']);
      assert.deepEqual(relative, await run(['stats', '--json', '.', '--no-cache']));
      assert.notEqual(relative.out, absolute.out);
      assert.deepEqual(await run(['stats', '--json', 'sub']), await run(['stats', '--json', 'sub', '--no-cache']));
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(await run(['stats', '--json', dir]), absolute);
    assert.deepEqual(await run(['stats', dir]), await run(['stats', dir, '--no-cache']));
  });

  it('an article or sidecar added, or renamed, is seen at once', async () => {
    const dir = corpus();
    await warm(dir);
    tagged(dir, 'sub/late.txt', FERRY, FERRY_TAGS);
    for (const name of ['sub/late.txt', 'sub/late.txt.tags.yaml']) setMtime(dir, name, PAST);
    await assertSameAsUncached(dir);
    renameSync(join(dir, 'sub', 'late.txt'), join(dir, 'sub', 'later.txt'));
    renameSync(join(dir, 'sub', 'late.txt.tags.yaml'), join(dir, 'sub', 'later.txt.tags.yaml'));
    await assertSameAsUncached(dir);
  });

  it('a stored output that is damaged, cut short or made by another version is ignored and written anew', async () => {
    const damages: ((text: string) => string)[] = [
      (text) => `garbage\u0000${text}`,
      (text) => text.slice(0, text.length - 10),
      (text) => text.slice(0, 40) + text.slice(60),
      (text) => text.replace(/"newsmark":"[^"]*"/, '"newsmark":"0.0.1-other"'),
      () => '',
    ];
    for (const damage of damages) {
      const dir = cleanCorpus();
      await warm(dir);
      const files = outputFiles(dir);
      assert.ok(files.length >= REPRINTED.length, 'each command stored its output');
      for (const file of files) writeFileSync(file, damage(readFileSync(file, 'utf8')).replaceAll('tram.txt', 'bus.txt'));
      await assertSameAsUncached(dir);
      for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /bus\.txt/, 'written anew');
    }
    // Changed in place, the same length: the trailer still fits, the body's hash does not.
    const dir = cleanCorpus();
    await warm(dir);
    for (const file of outputFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      const changed = text.replace(/[0-8]/, (digit) => String(Number(digit) + 1)); // the body's first digit
      assert.equal(changed.length, text.length);
      assert.notEqual(changed, text);
      writeFileSync(file, changed);
    }
    await assertSameAsUncached(dir);
  });

  it('is not kept from a run that wrote to standard error, whose two streams it could not print in their order', async () => {
    const dir = corpus(); // odd.txt's problems go to standard error in the text report
    const uncached = await run(['stats', dir, '--no-cache']);
    assert.match(uncached.err, /odd\.txt/);
    assert.deepEqual(await run(['stats', dir]), uncached);
    const open = mock.method(ParseCache, 'open');
    try {
      assert.deepEqual(await run(['stats', dir]), uncached);
    } finally {
      open.mock.restore();
    }
    assert.equal(open.mock.callCount(), 1, 'read through the parse cache again');
  });

  it('a stored output that cannot be written (a full disk) costs the run nothing', async () => {
    const dir = cleanCorpus();
    const uncached = await run(['stats', '--json', dir, '--no-cache']);
    const { append } = Object.getOwnPropertyDescriptors(DiskNextFile.prototype);
    const full = mock.method(DiskNextFile.prototype, 'append', function (this: DiskNextFile, bytes: Uint8Array) {
      if (String((this as unknown as { file: string }).file).endsWith('.out')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      append.value!.call(this, bytes);
    });
    try {
      assert.deepEqual(await run(['stats', '--json', dir]), uncached);
    } finally {
      full.mock.restore();
    }
    assert.deepEqual(outputFiles(dir), []);
    assert.deepEqual(readdirSync(join(dir, '.newsmark-cache')).filter((f) => f.endsWith('.newsmark-tmp')), [], 'nothing half-written left behind');
    assert.deepEqual(await run(['stats', '--json', dir]), uncached);
    assert.equal(outputFiles(dir).length, 1, 'stored by the next run');
  });

  it('goes to standard output byte for byte, into a pipe or a file; a standard output that fails still ends the run with one line and exit 1', () => {
    const dir = cleanCorpus();
    const cli = join(__dirname, '..', '..', 'src', 'cli', 'cli.ts');
    const env = { ...process.env };
    delete env['NEWSMARK_CACHE_DIR'];
    const newsmark = (args: string[], stdout: 'pipe' | number = 'pipe') => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8', env, timeout: 60_000 });
    const uncached = newsmark(['stats', '--json', dir, '--no-cache']);
    assert.equal(uncached.status, 0, uncached.stderr);
    assert.equal(newsmark(['stats', '--json', dir]).stdout, uncached.stdout, 'the run that stores it');
    const [stored] = outputFiles(dir);
    const storedAt = statSync(stored!).mtimeMs;
    const piped = newsmark(['stats', '--json', dir]);
    assert.deepEqual([piped.status, piped.stdout, piped.stderr], [0, uncached.stdout, '']);
    const file = join(tempDir('stdout'), 'stats.json');
    const fd = openSync(file, 'w');
    try {
      assert.equal(newsmark(['stats', '--json', dir], fd).status, 0);
    } finally {
      closeSync(fd);
    }
    assert.equal(readFileSync(file, 'utf8'), uncached.stdout);
    assert.equal(statSync(stored!).mtimeMs, storedAt, 'printed from the stored output, not made again');
    const full = openSync('/dev/full', 'w');
    try {
      const failed = newsmark(['stats', '--json', dir], full);
      assert.equal(failed.status, 1, failed.stderr);
      assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
      assert.match(failed.stderr, /standard output/);
    } finally {
      closeSync(full);
    }
  });

  it('is not kept by --no-cache or check --fix', async () => {
    const dir = corpus();
    await run(['stats', dir, '--no-cache']);
    await run(['check', '--fix', dir]);
    assert.deepEqual(outputFiles(dir), []);
  });
});

