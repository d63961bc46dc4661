// Sidecars parsed on worker threads give the commands the same pairs as a parse on the main
// thread: every reading command prints the same, without the cache, filling it and from it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { startWorkersEarly } from '../../src/cli/earlyWorkers';
import { main } from '../../src/cli/main';
import { ParsePool, parsedOnWorkers, POOL_THRESHOLD, workersStarted, workersStopped } from '../../src/cli/parsePool';
import { Worker } from 'node:worker_threads';
import './cacheDir';
import { scratchDir } from './scratch';
import { writeStreamCorpus } from './streamCorpus';

async function cli(args: readonly string[], workers: string): Promise<{ code: number; out: string; err: string }> {
  process.env['NEWSMARK_WORKERS'] = workers;
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { line: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const COMMANDS = [['stats', '--json'], ['check'], ['check', '--json'], ['validate'], ['figures', '--json'], ['quotes', '--json'], ['export', '--format', 'jsonl'], ['export', '--format', 'w3c']];

describe('the parse pool', () => {
  let corpus: string;
  before(() => {
    corpus = scratchDir('pool');
    writeStreamCorpus(corpus, 120);
  });
  after(() => delete process.env['NEWSMARK_WORKERS']);

  it('is used only from POOL_THRESHOLD sidecars up, unless NEWSMARK_WORKERS says', () => {
    assert.ok(POOL_THRESHOLD > 120, 'the test corpus is below it: the workers here are asked for');
  });

  for (const command of COMMANDS) {
    it(`${command.join(' ')}: two workers print what the main thread prints, with and without the cache`, async () => {
      const alone = await cli([...command, corpus, '--no-cache'], '0');
      assert.ok(alone.out.length > 1000);
      const before = parsedOnWorkers();
      assert.deepEqual(await cli([...command, corpus, '--no-cache'], '2'), alone, 'uncached');
      assert.ok(parsedOnWorkers() >= before + 120, 'the workers parsed the pairs');
      const cacheDir = scratchDir('pool-cache');
      process.env['NEWSMARK_CACHE_DIR'] = cacheDir;
      try {
        assert.deepEqual(await cli([...command, corpus], '2'), alone, 'filling the cache from the workers');
        assert.deepEqual(await cli([...command, corpus], '0'), alone, 'warm, from what the workers put in the cache');
      } finally {
        delete process.env['NEWSMARK_CACHE_DIR'];
      }
    });
  }

  it('a warm run that finds every pair in the cache starts no worker', async () => {
    const dir = scratchDir('pool-warm');
    writeStreamCorpus(dir, 120);
    // A pair that cannot be read is never cached (each run reads it again, on a worker): only good pairs here.
    const problems = (JSON.parse((await cli(['stats', '--json', dir, '--no-cache'], '0')).out) as { problems: string[] }).problems;
    for (const problem of problems) rmSync(problem.slice(0, problem.indexOf('.tags.yaml') + '.tags.yaml'.length), { force: true });
    // Dated a minute back: files changed a moment before a run are not trusted to the cache.
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, file), past, past);
    process.env['NEWSMARK_CACHE_DIR'] = scratchDir('pool-cache');
    try {
      const filled = await cli(['stats', '--json', dir], '2');
      assert.equal((JSON.parse(filled.out) as { problems: string[] }).problems.length, 0);
      const before = workersStarted();
      assert.deepEqual(await cli(['stats', '--json', dir], '2'), filled);
      assert.equal(workersStarted(), before, 'no worker started');
    } finally {
      delete process.env['NEWSMARK_CACHE_DIR'];
    }
  });

  it('the tags workers hand to the cache as JSON (stats, validate, check take none themselves) are the tags a later export reads from it', async () => {
    for (const filler of [['stats', '--json'], ['validate'], ['check']]) {
      const dir = scratchDir('pool-stored');
      writeStreamCorpus(dir, 120);
      // Whole seconds a minute back: outside the cache's racy window, and an mtime that can be set again exactly.
      const past = Math.floor(Date.now() / 1000) - 60;
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, file), past, past);
      const exported = await cli(['export', '--format', 'jsonl', dir, '--no-cache'], '0');
      process.env['NEWSMARK_CACHE_DIR'] = scratchDir('pool-cache');
      try {
        await cli([...filler, dir], '2');
        // The sidecar changed behind the cache's back (same size, same mtime): only the cached tags give the old text.
        const sidecar = join(dir, 'desk-0', 'story-0000.txt.tags.yaml');
        const text = readFileSync(sidecar, 'utf8');
        const at = text.indexOf('text: "') + 'text: "'.length;
        writeFileSync(sidecar, `${text.slice(0, at)}${text[at] === 'Q' ? 'Z' : 'Q'}${text.slice(at + 1)}`);
        utimesSync(sidecar, past, past);
        assert.notDeepEqual(await cli(['export', '--format', 'jsonl', dir, '--no-cache'], '0'), exported, 'the change shows without the cache');
        assert.deepEqual(await cli(['export', '--format', 'jsonl', dir], '0'), exported, `export from the cache ${filler[0]} filled on workers`);
      } finally {
        delete process.env['NEWSMARK_CACHE_DIR'];
      }
    }
  });

  it('a command line about to parse a folder starts its workers as it starts, and the reading takes those', async () => {
    process.env['NEWSMARK_WORKERS'] = '2';
    const alone = await cli(['check', corpus, '--no-cache'], '0');
    process.env['NEWSMARK_WORKERS'] = '2';
    const before = workersStarted();
    startWorkersEarly(['check', corpus, '--no-cache']);
    assert.equal(workersStarted(), before + 2, 'started before the command ran');
    const parsed = parsedOnWorkers();
    assert.deepEqual(await cli(['check', corpus, '--no-cache'], '2'), alone);
    assert.equal(workersStarted(), before + 2, 'the reading started none of its own');
    assert.ok(parsedOnWorkers() >= parsed + 120, 'the early workers parsed the pairs');
  });

  it('starts none for a run that may find everything in its cache, for a file, or for a command that is not a light reading', async () => {
    const dir = scratchDir('pool-early');
    writeStreamCorpus(dir, 120);
    // Dated a minute back: files changed a moment before a run are not trusted to the cache.
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, file), past, past);
    const cacheDir = scratchDir('pool-early-cache');
    process.env['NEWSMARK_CACHE_DIR'] = cacheDir;
    try {
      await cli(['stats', dir], '2'); // makes the cache file
      assert.ok(readdirSync(cacheDir).some((name) => name.startsWith('parse-')), 'a cache file made');
      process.env['NEWSMARK_WORKERS'] = '2';
      const before = workersStarted();
      startWorkersEarly(['stats', dir]);
      startWorkersEarly(['check', join(dir, 'desk-0', 'story-0000.txt'), '--no-cache']);
      startWorkersEarly(['export', '--format', 'csv', dir, '--no-cache']);
      startWorkersEarly(['check', '--no-such-option', dir]);
      assert.equal(workersStarted(), before);
      rmSync(cacheDir, { recursive: true, force: true });
      startWorkersEarly(['stats', dir]);
      assert.equal(workersStarted(), before + 2, 'no cache made yet: the run will parse');
      await cli(['stats', dir], '2'); // takes them
    } finally {
      delete process.env['NEWSMARK_CACHE_DIR'];
    }
  });

  it('workers started early that nothing takes do not keep the command line from ending', () => {
    // A folder of a few pairs: the reading parses them itself and stops the early workers (the
    // pool's threshold decides, as NEWSMARK_WORKERS is unset); a folder with no sidecars never
    // asks for them. Either way the process ends at once, with main's exit code.
    const script = `const { startWorkersEarly } = require('./src/cli/earlyWorkers.ts');
      const { main } = require('./src/cli/main.ts');
      const args = JSON.parse(process.argv[1]);
      startWorkersEarly(args); main(args, { line() {}, error() {} }).then((code) => { process.exitCode = code; });`;
    for (const [args, code] of [[['check', join(corpus, 'desk-0'), '--no-cache'], 1], [['validate', scratchDir('pool-early-empty'), '--no-cache'], 0]] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, JSON.stringify(args)], { cwd: join(__dirname, '..', '..'), env: withoutWorkerCount(), timeout: 20_000, encoding: 'utf8' });
      assert.equal(run.signal, null, `${args.join(' ')}: ended by itself (stderr: ${run.stderr})`);
      assert.equal(run.status, code, run.stderr);
    }
  });

  it('a command goes on printing while its workers stop, and they do stop', async () => {
    const started = workersStarted();
    assert.ok((await cli(['stats', '--json', corpus, '--no-cache'], '2')).out.length > 1000);
    assert.equal(workersStarted(), started + 2);
    // Stopping a worker takes ~60 ms (its heap torn down): the command did not wait for it.
    assert.ok(workersStopped() < workersStarted(), 'the command was done before its workers');
    const deadline = Date.now() + 30_000;
    while (workersStopped() < workersStarted() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(workersStopped(), workersStarted(), 'every worker stopped');
  });

  it('the command line starts its workers before it loads the commands (no YAML reader, no command)', () => {
    // What dist/cli.js runs before it loads dist/cliMain.js: the workers must not wait for the
    // ~1 MB of the commands to be read and compiled.
    const script = `process.argv = [process.argv[0], 'newsmark', 'check', '--no-cache', ${JSON.stringify(corpus)}];
      const { earlyPool } = require('./src/cli/startEarly.ts');
      const loaded = Object.keys(require.cache).map((path) => path.split(require('node:path').sep).join('/'));
      console.log(JSON.stringify({ started: earlyPool !== undefined, yaml: loaded.filter((path) => /node_modules\\/(yaml|js-yaml)\\//.test(path)).length, commands: loaded.filter((path) => /src\\/cli\\/(main|check|stats|validate|sidecars)\\.ts$/.test(path)) }));
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..'), env: { ...process.env, NEWSMARK_WORKERS: '2' }, timeout: 60_000, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { started: true, yaml: 0, commands: [] });
  });

  it('a worker that dies hands its pairs back: the pool answers undefined, and the main thread parses them (sidecars.ts)', async () => {
    // Dies at its first request, as a worker out of memory would.
    const pool = new ParsePool([new Worker("require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });", { eval: true })]);
    try {
      const request = { sidecarPath: join(corpus, 'desk-0', 'story-0000.txt.tags.yaml'), withText: false, withCheck: false, tags: 'none' as const, facts: ['stats' as const] };
      assert.equal(await pool.read(request), undefined, 'the pair it held');
      assert.equal(await pool.read(request), undefined, 'and every pair after');
    } finally {
      await pool.close();
    }
  });
});

function withoutWorkerCount(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NEWSMARK_WORKERS'];
  return env;
}
