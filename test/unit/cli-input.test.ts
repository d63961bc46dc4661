import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';

const ROOT = join(__dirname, '..', '..');
const TEXT = 'The harbour master said the pier was safe. Officials counted 84 boats.\n';
/** Long enough for any command on a handful of files; a read blocked on a FIFO never ends. */
const DEADLINE_MS = 8000;

function sidecarFor(article: string, text = TEXT): string {
  const span = 'the pier was safe';
  const start = text.indexOf(span); // ASCII: string index = code point
  const tag: Tag = { id: '0000beef', category: 'claim', start, end: start + span.length, text: span, ...new ArticleText(text).contextOf(start, start + span.length) };
  return SidecarFile.create(article, '').serialize([tag], articleHash(text));
}

let dir = '';
const fifos: string[] = [];

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
  fifos.push(path);
}

/**
 * Every kind of input that once blocked a run or ended it with a stack trace, beside one good
 * article (good.txt), whose sidecar is stale so that check --fix has something to write.
 */
function hostileFolder(): { deepLine: number } {
  writeFileSync(join(dir, 'good.txt'), TEXT);
  writeFileSync(join(dir, 'good.txt.tags.yaml'), sidecarFor('good.txt', `Updated.\n${TEXT}`));
  // A sidecar that is a FIFO; an article that is a FIFO; a sidecar that is a folder.
  writeFileSync(join(dir, 'pipe.txt'), TEXT);
  mkfifo(join(dir, 'pipe.txt.tags.yaml'));
  mkfifo(join(dir, 'piped.txt'));
  writeFileSync(join(dir, 'piped.txt.tags.yaml'), sidecarFor('piped.txt'));
  writeFileSync(join(dir, 'folder.txt'), TEXT);
  mkdirSync(join(dir, 'folder.txt.tags.yaml'));
  // YAML nested 10,000 levels deep.
  writeFileSync(join(dir, 'deep.txt'), TEXT);
  const deep = `${sidecarFor('deep.txt')}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  writeFileSync(join(dir, 'deep.txt.tags.yaml'), deep);
  return { deepLine: deep.split('\n').length - 1 };
}

const PROBLEMS = (d: string, deepLine: number): RegExp[] => [
  new RegExp(`${escape(join(d, 'pipe.txt.tags.yaml'))}: is a named pipe \\(FIFO\\), not a regular file`),
  new RegExp(`${escape(join(d, 'piped.txt'))}: is a named pipe \\(FIFO\\), not a regular file`),
  new RegExp(`${escape(join(d, 'folder.txt.tags.yaml'))}: is a folder, not a regular file`),
  new RegExp(`${escape(join(d, 'deep.txt.tags.yaml'))}:${deepLine}:\\d+: Nested more than 64 levels deep`),
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function run(args: string[], output?: Output): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`newsmark ${args.join(' ')} did not finish within ${DEADLINE_MS} ms (blocked on a FIFO?)`)), DEADLINE_MS);
  });
  try {
    const code = await Promise.race([main(args, output ?? { line: (l) => out.push(l), error: (l) => err.push(l) }), deadline]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    clearTimeout(timer);
  }
}

/** One line per problem: no stack trace anywhere. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+[:(]\d+/m, text);
  assert.doesNotMatch(text, /RangeError|Maximum call stack/, text);
}

describe('newsmark on inputs that are not regular files or not sane YAML', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsmark-input-'));
  });
  afterEach(() => {
    // A reader still blocked in open() on a FIFO (the bug these tests catch) is released by a
    // writer, so a failing test cannot keep the process alive.
    for (const fifo of fifos.splice(0)) {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // ENXIO: nobody is reading it, as it should be.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('check --fix reports each bad file on one line and fixes the good one', async () => {
    const { deepLine } = hostileFolder();
    const deepBefore = readFileSync(join(dir, 'deep.txt.tags.yaml'), 'utf8');
    const { code, out, err } = await run(['check', '--fix', dir]);
    assert.equal(code, 1, out + err);
    for (const problem of PROBLEMS(dir, deepLine)) assert.match(out, problem);
    assert.match(out, /good\.txt: 0 anchored, 1 moved, 0 fuzzy, 0 orphaned \(sidecar updated\)/);
    assert.match(out, /5 articles: .* 4 could not be checked/);
    assert.equal(readFileSync(join(dir, 'deep.txt.tags.yaml'), 'utf8'), deepBefore, 'the deep file is left as it is');
    assert.ok(lstatSync(join(dir, 'pipe.txt.tags.yaml')).isFIFO(), 'the FIFO is left a FIFO');
    assertNoStack(out + err);
  });

  it('validate, stats, suggest and export report each bad file and go on with the good one', async () => {
    const { deepLine } = hostileFolder();
    writeFileSync(join(dir, 'good.txt.tags.yaml'), sidecarFor('good.txt')); // up to date: valid
    const validate = await run(['validate', dir]);
    assert.equal(validate.code, 1, validate.out + validate.err);
    assert.match(validate.out, /^ok {4}.*good\.txt\.tags\.yaml$/m);
    assert.match(validate.out, /1 valid, 4 invalid/);

    const stats = await run(['stats', '--json', dir]);
    assert.equal(stats.code, 1, stats.err);
    const report = JSON.parse(stats.out) as { articles: { article: string }[]; problems: string[] };
    assert.deepEqual(report.articles.map((a) => a.article), [join(dir, 'good.txt')]);

    const suggest = await run(['suggest', '--json', dir]);
    assert.equal(suggest.code, 1, suggest.err);
    assert.deepEqual((JSON.parse(suggest.out) as { article: string }[]).map((a) => a.article), [join(dir, 'good.txt')]);

    const exported = await run(['export', '--format', 'csv', dir]);
    assert.equal(exported.code, 1, exported.err);
    assert.match(exported.out, /good\.txt,.*the pier was safe/);

    for (const [name, text] of [['validate', validate.out], ['stats', report.problems.join('\n')], ['suggest', suggest.err], ['export', exported.err]] as const) {
      for (const problem of PROBLEMS(dir, deepLine)) assert.match(text, problem, name);
      assertNoStack(text);
    }
  });

  it('refuses a sidecar path that is a folder when the article is named', async () => {
    writeFileSync(join(dir, 'folder.txt'), TEXT);
    mkdirSync(join(dir, 'folder.txt.tags.yaml'));
    for (const args of [['check', join(dir, 'folder.txt')], ['validate', join(dir, 'folder.txt.tags.yaml')]]) {
      const { code, out, err } = await run(args);
      assert.equal(code, 1, out + err);
      assert.match(out, /folder\.txt\.tags\.yaml: is a folder, not a regular file/);
    }
  });

  it('refuses an article that is a socket or a device at once', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'socket.txt'), resolve));
    try {
      writeFileSync(join(dir, 'socket.txt.tags.yaml'), sidecarFor('socket.txt'));
      symlinkSync('/dev/zero', join(dir, 'zero.txt')); // a read of it never ends
      writeFileSync(join(dir, 'zero.txt.tags.yaml'), sidecarFor('zero.txt'));
      const { code, out, err } = await run(['check', dir]);
      assert.equal(code, 1, out + err);
      assert.match(out, new RegExp(`${escape(join(dir, 'socket.txt'))}: is a socket, not a regular file`));
      assert.match(out, new RegExp(`${escape(join(dir, 'zero.txt'))}: is a device, not a regular file`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('import refuses an input file that is a FIFO, and a corpus sidecar that is a FIFO, at once', async () => {
    writeFileSync(join(dir, 'good.txt'), TEXT);
    writeFileSync(join(dir, 'pipe.txt'), TEXT);
    mkfifo(join(dir, 'pipe.txt.tags.yaml'));
    mkfifo(join(dir, 'incoming.ann'));
    const anns = join(dir, 'anns');
    mkdirSync(anns);
    writeFileSync(join(anns, 'good.ann'), 'T1\tclaim 4 17\tharbour master\n');
    writeFileSync(join(anns, 'pipe.ann'), 'T1\tclaim 4 17\tharbour master\n');
    const { code, out, err } = await run(['import', '--format', 'brat', '--articles', dir, join(dir, 'incoming.ann'), anns]);
    assert.equal(code, 1, out + err);
    assert.match(err, new RegExp(`${escape(join(dir, 'incoming.ann'))}: is a named pipe \\(FIFO\\), not a regular file`));
    assert.match(err, /pipe\.txt\.tags\.yaml: the file cannot be read \(is a named pipe \(FIFO\)/);
    assert.match(out, /1 tags imported/);
    assert.ok(lstatSync(join(dir, 'pipe.txt.tags.yaml')).isFIFO(), 'the FIFO sidecar is not replaced');
    const good = SidecarFile.parse(readFileSync(join(dir, 'good.txt.tags.yaml'), 'utf8'));
    assert.ok(good.ok);
    assert.deepEqual(good.sidecar.tags.map((t) => t.text), ['harbour master']);
    assertNoStack(out + err);
  });

  it('a file that fails while being written is one line, and the run goes on to the next', async () => {
    // The temporary file beside a 250-character sidecar name is longer than a file name may be.
    const long = `${'n'.repeat(236)}.txt`;
    for (const name of [long, 'good.txt']) {
      writeFileSync(join(dir, name), TEXT);
      writeFileSync(join(dir, `${name}.tags.yaml`), sidecarFor(name, `Updated.\n${TEXT}`));
    }
    const { code, out, err } = await run(['check', '--fix', dir]);
    assert.equal(code, 1, out + err);
    assert.match(out, new RegExp(`${escape(join(dir, long))}\\.tags\\.yaml: .*too long`));
    assert.match(out, /good\.txt: 0 anchored, 1 moved, .*\(sidecar updated\)/);
    assertNoStack(out + err);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('an unexpected error ends the run with one line, and the stack only with NEWSMARK_DEBUG=1', async () => {
    writeFileSync(join(dir, 'good.txt'), TEXT);
    writeFileSync(join(dir, 'good.txt.tags.yaml'), sidecarFor('good.txt'));
    const errors: string[] = [];
    const closedStdout: Output = { line: () => { throw new Error('write EPIPE'); }, error: (l) => errors.push(l) };
    const before = process.env['NEWSMARK_DEBUG'];
    try {
      delete process.env['NEWSMARK_DEBUG'];
      assert.equal((await run(['validate', dir], closedStdout)).code, 1);
      assert.deepEqual(errors, ['newsmark validate: write EPIPE']);
      errors.length = 0;
      process.env['NEWSMARK_DEBUG'] = '1';
      assert.equal((await run(['validate', dir], closedStdout)).code, 1);
      assert.equal(errors[0], 'newsmark validate: write EPIPE');
      assert.match(errors[1] ?? '', /^Error: write EPIPE\n\s+at /);
    } finally {
      if (before === undefined) delete process.env['NEWSMARK_DEBUG'];
      else process.env['NEWSMARK_DEBUG'] = before;
    }
  });

  it('the newsmark process itself does not hang or print a stack on a folder of such files', () => {
    const { deepLine } = hostileFolder();
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'cli.ts'), 'check', '--fix', dir], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NEWSMARK_DEBUG: '' } });
    assert.equal(result.signal, null, 'finished before the timeout');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    for (const problem of PROBLEMS(dir, deepLine)) assert.match(result.stdout, problem);
    assertNoStack(result.stdout + result.stderr);
  });
});
