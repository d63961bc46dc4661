// `newsmark export` never writes over what it did not write: not the articles and sidecars it
// exports (not even with --force), not an existing file without --force, not through a symlink.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { corpusIn, inTemp, run, runExpecting, SAMPLES } from './cliRun';

const ARTICLE = 'harbor-gazette.txt';
const SIDECAR = `${ARTICLE}.tags.yaml`;

/** Every file under the folder with its bytes, to show nothing changed. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (lstatSync(path).isFile()) files.set(name, readFileSync(path, 'latin1'));
  }
  return files;
}

function tagCount(sidecar: string): number {
  const parsed = SidecarFile.parse(readFileSync(sidecar, 'utf8'));
  assert.ok(parsed.ok, sidecar);
  return parsed.sidecar.tags.length;
}

/** One line, naming the file, and no stack trace. */
function assertOneLineNaming(err: string, file: string): void {
  const lines = err.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, err);
  assert.ok(lines[0]!.includes(file), `${lines[0]} names ${file}`);
  assert.doesNotMatch(err, /^\s+at /m);
}

describe('newsmark export: never overwrites what it did not write', () => {
  it('a multi-file format without --out refuses, naming --out, and writes nothing', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const before = snapshot(dir);
    const cwd = process.cwd();
    process.chdir(corpus); // today's default folder: where the articles are
    try {
      for (const format of ['brat', 'semeval']) {
        const refused = await runExpecting(2, ['export', '--format', format, '.']);
        assert.match(refused.err, /--out/);
      }
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(snapshot(dir), before);
  }));

  it('a multi-file format refuses --out a folder of tagged articles (its copies would be taken for articles), and writes nothing', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const before = snapshot(dir);
    for (const format of ['brat', 'semeval', 'semeval2023']) {
      for (const out of [corpus, dir]) {
        const refused = await runExpecting(2, ['export', '--format', format, '--out', out, corpus]);
        assert.match(refused.err, /new or empty folder/);
        assert.ok(refused.err.includes(out), refused.err);
      }
    }
    assert.deepEqual(snapshot(dir), before);
    await runExpecting(0, ['export', '--format', 'brat', '--out', join(dir, 'brat'), corpus]);
    await runExpecting(0, ['export', '--format', 'brat', '--force', '--out', join(dir, 'brat'), corpus]); // again, over its own output
  }));

  it('refuses --out naming a sidecar or an article of the corpus, --force or not', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const before = snapshot(corpus);
    for (const target of [SIDECAR, ARTICLE]) {
      for (const force of [[], ['--force']]) {
        const refused = await runExpecting(1, ['export', '--format', 'jsonl', ...force, '--out', join(corpus, target), corpus]);
        assertOneLineNaming(refused.err, join(corpus, target));
      }
    }
    assert.deepEqual(snapshot(corpus), before);
  }));

  it('refuses to export brat into the corpus folder itself (it would replace the articles), --force or not', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const before = snapshot(corpus);
    for (const force of [[], ['--force']]) {
      // Refused before anything is read: the folder holds tagged articles (the writer would refuse each article anyway).
      const refused = await runExpecting(2, ['export', '--format', 'brat', ...force, '--out', corpus, corpus]);
      assert.match(refused.err.split('\n')[0]!, /holds tagged articles .*new or empty folder/);
    }
    assert.deepEqual(snapshot(corpus), before, 'not even annotation.conf was written');
  }));

  it('never writes over any *.tags.yaml, nor over an article that has one beside it', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'x.txt'), 'Another corpus.\n');
    writeFileSync(join(other, 'x.txt.tags.yaml'), 'version: 1\n');
    const before = snapshot(other);
    await runExpecting(1, ['export', '--format', 'csv', '--out', join(other, 'new.tags.yaml'), corpus]);
    await runExpecting(1, ['export', '--format', 'csv', '--force', '--out', join(other, 'x.txt.tags.yaml'), corpus]);
    await runExpecting(1, ['export', '--format', 'csv', '--force', '--out', join(other, 'x.txt'), corpus]);
    assert.deepEqual(snapshot(other), before);
  }));

  it('refuses to replace an existing file without --force (one line naming it); --force replaces it', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'labels.txt'), 'my own labels\n');
    writeFileSync(join(dir, 'tags.csv'), 'my own table\n');
    const semeval = await runExpecting(1, ['export', '--format', 'semeval', '--out', out, corpus]);
    assertOneLineNaming(semeval.err, join(out, 'labels.txt'));
    assert.deepEqual(readdirSync(out), ['labels.txt'], 'nothing else was written either');
    assert.equal(readFileSync(join(out, 'labels.txt'), 'utf8'), 'my own labels\n');
    const csv = await runExpecting(1, ['export', '--format', 'csv', '--out', join(dir, 'tags.csv'), corpus]);
    assertOneLineNaming(csv.err, join(dir, 'tags.csv'));
    assert.equal(readFileSync(join(dir, 'tags.csv'), 'utf8'), 'my own table\n');

    await runExpecting(0, ['export', '--format', 'semeval', '--force', '--out', out, corpus]);
    assert.match(readFileSync(join(out, 'labels.txt'), 'utf8'), /^1\t\w+\t\d+\t\d+$/m);
    await runExpecting(0, ['export', '--format', 'csv', '--force', '--out', join(dir, 'tags.csv'), corpus]);
    assert.match(readFileSync(join(dir, 'tags.csv'), 'utf8'), /^article,id,category/);
  }));

  it('a link that leads nowhere is a file there like any other: refused without --force, replaced with it, nothing made where it pointed', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const out = join(dir, 'tags.csv');
    const nowhere = join(dir, 'nowhere.csv');
    symlinkSync(nowhere, out);
    const refused = await runExpecting(1, ['export', '--format', 'csv', '--out', out, corpus]);
    assert.match(refused.err, /already exists; give --force/);
    await runExpecting(0, ['export', '--format', 'csv', '--force', '--out', out, corpus]);
    assert.ok(lstatSync(out).isFile(), 'the link was replaced by a file');
    assert.match(readFileSync(out, 'utf8'), /^article,id,category/);
    assert.throws(() => lstatSync(nowhere), /ENOENT/, 'nothing was written where the link pointed');
  }));

  it('never follows a symlink in the output folder: refused without --force, the link itself replaced with it', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const out = join(dir, 'out');
    mkdirSync(out);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync('../victim.txt', join(out, 'harbor-gazette.ann'));
    const refused = await runExpecting(1, ['export', '--format', 'brat', '--out', out, corpus]);
    assertOneLineNaming(refused.err, join(out, 'harbor-gazette.ann'));
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    await runExpecting(0, ['export', '--format', 'brat', '--force', '--out', out, corpus]);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.ok(lstatSync(join(out, 'harbor-gazette.ann')).isFile(), 'the link was replaced by a file');
    assert.match(readFileSync(join(out, 'harbor-gazette.ann'), 'utf8'), /^T1\t/);
  }));
});

describe('newsmark export: articles with the same name in different folders', () => {
  /** The samples plus a copy of one article (and its sidecar) in sub/. */
  function twoOfOneName(dir: string): string {
    const corpus = corpusIn(dir);
    mkdirSync(join(corpus, 'sub'));
    writeFileSync(join(corpus, 'sub', ARTICLE), readFileSync(join(corpus, ARTICLE)));
    writeFileSync(join(corpus, 'sub', SIDECAR), readFileSync(join(corpus, SIDECAR)));
    return corpus;
  }

  it('brat gives each a distinct file and lists them in articles.tsv; no tag goes missing', () => inTemp(async (dir) => {
    const corpus = twoOfOneName(dir);
    const out = join(dir, 'brat');
    await runExpecting(0, ['export', '--format', 'brat', '--out', out, corpus]);
    const tags = tagCount(join(corpus, SIDECAR));
    for (const stem of ['harbor-gazette', 'sub__harbor-gazette']) {
      const ann = readFileSync(join(out, `${stem}.ann`), 'utf8');
      assert.equal(ann.split('\n').filter((l) => l.startsWith('T')).length, tags, stem);
      assert.equal(readFileSync(join(out, `${stem}.txt`), 'utf8'), readFileSync(join(corpus, ARTICLE), 'utf8').replace(/\r\n/g, '\n'));
    }
    const mapping = readFileSync(join(out, 'articles.tsv'), 'utf8');
    assert.match(mapping, /^harbor-gazette\.txt\tharbor-gazette\.txt$/m);
    assert.match(mapping, /^sub__harbor-gazette\.txt\tsub\/harbor-gazette\.txt$/m);
  }));

  it('semeval numbers both and names each by its path in ids.tsv; every tag is in labels.txt', () => inTemp(async (dir) => {
    const corpus = twoOfOneName(dir);
    const out = join(dir, 'semeval');
    await runExpecting(0, ['export', '--format', 'semeval', '--out', out, corpus]);
    const ids = readFileSync(join(out, 'ids.tsv'), 'utf8');
    assert.match(ids, /^\d+\tharbor-gazette\.txt$/m);
    assert.match(ids, /^\d+\tsub\/harbor-gazette\.txt$/m);
    const all = readdirSync(corpus, { recursive: true }).filter((f) => String(f).endsWith('.tags.yaml')).reduce((n, f) => n + tagCount(join(corpus, String(f))), 0);
    assert.equal(readFileSync(join(out, 'labels.txt'), 'utf8').trim().split('\n').length, all);
  }));

  it('brat: articles "x" and "x.txt" in one folder do not share x.ann', () => inTemp(async (dir) => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const text = 'Officials said 40 jobs would go.\n';
    const tag: Tag = { id: '0a0b0c0d', category: 'figure', start: 15, end: 22, text: '40 jobs', prefix: 'Officials said ', suffix: ' would go.\n' };
    for (const name of ['x', 'x.txt']) {
      writeFileSync(join(corpus, name), text);
      writeFileSync(join(corpus, `${name}.tags.yaml`), SidecarFile.create(name, articleHash(text)).serialize([tag], articleHash(text)));
    }
    const out = join(dir, 'brat');
    await runExpecting(0, ['export', '--format', 'brat', '--out', out, corpus]);
    const anns = readdirSync(out).filter((f) => f.endsWith('.ann'));
    assert.equal(anns.length, 2, anns.join(', '));
  }));
});

describe('newsmark export: output-side failures are one line, never a stack trace', () => {
  it('--out that is a file where a folder is needed', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder\n');
    const asFolder = await run(['export', '--format', 'brat', '--out', file, corpus]);
    assert.equal(asFolder.code, 1);
    assertOneLineNaming(asFolder.err, file);
    const under = await run(['export', '--format', 'brat', '--out', join(file, 'sub'), corpus]);
    assert.equal(under.code, 1);
    assertOneLineNaming(under.err, join(file, 'sub'));
    assert.equal(readFileSync(file, 'utf8'), 'not a folder\n');
  }));

  it('--out naming a FIFO, a socket or a device is refused at once, --force or not, and nothing blocks', () => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const fifo = join(dir, 'pipe.csv');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, `mkfifo: ${String(made.stderr)}`);
    const socketPath = join(dir, 'socket.csv');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      for (const target of [fifo, socketPath, '/dev/full', '/dev/null']) {
        for (const force of [[], ['--force']]) {
          const refused = await withTimeout(run(['export', '--format', 'csv', ...force, '--out', target, corpus]), 5000, target);
          assert.equal(refused.code, 1, `${target}: ${refused.err}`);
          assertOneLineNaming(refused.err, target);
          assert.match(refused.err, /not a regular file/);
        }
      }
      assert.ok(lstatSync(fifo).isFIFO() && lstatSync(socketPath).isSocket(), 'both left as they were');
    } finally {
      server.close();
    }
  }));

  it('no space left on the device, and a read-only file system: one line naming the file, no partial file', (t) => inTemp(async (dir) => {
    const corpus = corpusIn(dir);
    const full = join(dir, 'full');
    const readOnly = join(dir, 'read-only');
    mkdirSync(full);
    mkdirSync(readOnly);
    // A tiny tmpfs fills up; a read-only one refuses every write. Both need mount (root in a container that allows it).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', full]);
    if (mounted.status !== 0) {
      t.skip(`cannot mount a tmpfs here (${String(mounted.stderr).trim() || `exit ${mounted.status}`}); ENOSPC and EROFS not tested`);
      return;
    }
    try {
      const ro = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=4k', 'tmpfs', readOnly]);
      assert.equal(ro.status, 0, String(ro.stderr));
      const noSpace = await run(['export', '--format', 'html', '--out', join(full, 'report.html'), corpus]);
      assert.equal(noSpace.code, 1);
      assertOneLineNaming(noSpace.err, join(full, 'report.html'));
      assert.match(noSpace.err, /no space left/);
      assert.deepEqual(readdirSync(full), [], 'the partial file is removed');
      const roFile = await run(['export', '--format', 'csv', '--out', join(readOnly, 'tags.csv'), corpus]);
      assert.equal(roFile.code, 1);
      assertOneLineNaming(roFile.err, join(readOnly, 'tags.csv'));
      assert.match(roFile.err, /read-only/);
      const roFolder = await run(['export', '--format', 'brat', '--out', join(readOnly, 'brat'), corpus]);
      assert.equal(roFolder.code, 1);
      assertOneLineNaming(roFolder.err, join(readOnly, 'brat'));
    } finally {
      spawnSync('umount', [readOnly]);
      spawnSync('umount', [full]);
    }
  }));

  it('standard output on a full device: exit 1 with one line, not a silent exit 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const cli = join(__dirname, '..', '..', 'src', 'cli', 'cli.ts');
      const ran = spawnSync(process.execPath, ['--import', 'tsx', cli, 'export', '--format', 'csv', SAMPLES], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      assert.equal(ran.status, 1, ran.stderr);
      assertOneLineNaming(ran.stderr, 'standard output');
      assert.match(ran.stderr, /no space left/);
    } finally {
      closeSync(full);
    }
  });

  it('its spool of the export is removed when standard output fails (a full disk, a pipe closed by head)', () => inTemp((tmp) => {
    const cli = join(__dirname, '..', '..', 'src', 'cli', 'cli.ts');
    const env = { ...process.env, TMPDIR: tmp };
    const spoolsLeft = (): string[] => readdirSync(tmp).filter((name) => name.startsWith('newsmark-export-'));
    const full = openSync('/dev/full', 'w');
    try {
      const ran = spawnSync(process.execPath, ['--import', 'tsx', cli, 'export', '--format', 'csv', SAMPLES], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000, env });
      assert.equal(ran.status, 1, ran.stderr);
      assert.deepEqual(spoolsLeft(), [], 'after a full disk');
    } finally {
      closeSync(full);
    }
    // `newsmark export … | head -c 10`: the pipe closes after the first bytes of an export larger than its buffer.
    for (let i = 0; i < 30; i++) cpSync(SAMPLES, join(tmp, 'corpus', `copy-${i}`), { recursive: true });
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${cli}" export --format csv "${join(tmp, 'corpus')}" | head -c 10 > /dev/null`], { encoding: 'utf8', timeout: 60_000, env });
    assert.equal(piped.status, 0, piped.stderr);
    assert.deepEqual(spoolsLeft(), [], 'after the pipe closed');
    return Promise.resolve();
  }));
});

describe('a command whose output fails more than once', () => {
  it('says so in one line and exits 1, without a stack trace, however many blocks it had to print', () => inTemp((dir) => {
    // Enough articles for several 64 KB blocks of `stats --json`: each failed write is an error event.
    for (let i = 0; i < 400; i++) {
      const name = `note-${String(i).padStart(3, '0')}.txt`;
      const text = `Council note ${i}: the ferry sails on Friday.\n`;
      writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, `${name}.tags.yaml`), SidecarFile.create(name, articleHash(text)).serialize([], articleHash(text)));
    }
    const full = openSync('/dev/full', 'w');
    try {
      const cli = join(__dirname, '..', '..', 'src', 'cli', 'cli.ts');
      const ran = spawnSync(process.execPath, ['--import', 'tsx', cli, 'stats', '--json', '--no-cache', dir], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      assert.equal(ran.status, 1, ran.stderr);
      assert.equal(ran.stderr.trim().split('\n').length, 1, ran.stderr);
      assertOneLineNaming(ran.stderr, 'standard output');
    } finally {
      closeSync(full);
    }
    return Promise.resolve();
  }));
});

/** Fails the test instead of hanging when the promise does not settle in time. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still blocked after ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
