// `newsmark suggest [--json] [--write] PATH...`: on tagged and untagged articles, one file or a
// folder; --write creates the sidecar when there is none and keeps what is there.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FERRY, readSidecar, run, sidecarText, tagged, tagOn, tempDir, TRAM, write } from './cliCorpus';

interface Reported { article: string; suggestions: { category: string; start: number; end: number; text: string }[] }

async function suggestJson(...paths: string[]): Promise<Reported[]> {
  const result = await run(['suggest', '--json', ...paths]);
  assert.equal(result.code, 0, `${result.out}\n${result.err}`);
  return JSON.parse(result.out) as Reported[];
}

const sliced = (text: string, s: { start: number; end: number }): string => Array.from(text).slice(s.start, s.end).join('');

describe('newsmark suggest', () => {
  it('suggests on an article that has no sidecar, each suggestion cutting out its text', async () => {
    const dir = tempDir('suggest');
    try {
      const article = write(dir, 'tram.txt', TRAM);
      const [report] = await suggestJson(article);
      assert.equal(report?.article, article);
      assert.deepEqual(report.suggestions.map((s) => s.category).sort(), ['claim', 'denial', 'figure', 'framing']);
      for (const s of report.suggestions) assert.equal(sliced(TRAM, s), s.text);
      assert.throws(() => statSync(`${article}.tags.yaml`), /ENOENT/, 'without --write nothing is written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('suggests on every .txt and .md article under a folder, tagged or not, and names the files it skips', async () => {
    const dir = tempDir('suggest');
    try {
      write(dir, 'tram.txt', TRAM);
      write(dir, 'desk/ferry.md', FERRY);
      tagged(dir, 'desk/tagged.txt', TRAM, [tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1')]);
      write(dir, 'desk/scan.txt', Buffer.from([0x66, 0xe9, 0x65, 0x0a])); // Latin-1, not UTF-8
      write(dir, '.hidden.txt', TRAM);
      write(dir, 'node_modules/pkg/readme.md', FERRY);
      write(dir, 'notes.csv', 'not,an,article\n');
      symlinkSync(join(dir, 'tram.txt'), join(dir, 'desk', 'linked.txt'));
      const result = await run(['suggest', '--json', dir]);
      assert.equal(result.code, 1, 'a file that cannot be read makes the run exit 1');
      assert.match(result.err, /scan\.txt.*not UTF-8/);
      assert.match(result.err, /skipped symlink .*linked\.txt/);
      const reports = JSON.parse(result.out) as Reported[];
      assert.deepEqual(reports.map((r) => r.article).sort(), [join(dir, 'desk', 'ferry.md'), join(dir, 'desk', 'tagged.txt'), join(dir, 'tram.txt')]);
      const taggedReport = reports.find((r) => r.article.endsWith('tagged.txt'))!;
      assert.ok(!taggedReport.suggestions.some((s) => s.category === 'figure' && s.text === '48 million crowns'), 'no suggestion repeats a tag');
      assert.ok(reports.every((r) => r.suggestions.length > 0));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a folder\'s README, CHANGELOG or LICENSE for a project document, not an article, and says so; named, or with a sidecar, it is an article', async () => {
    const dir = tempDir('suggest');
    try {
      write(dir, 'tram.txt', TRAM);
      write(dir, 'README.md', FERRY);
      write(dir, 'desk/changelog.md', FERRY);
      write(dir, 'desk/LICENSE.txt', FERRY);
      tagged(dir, 'desk/readme.txt', TRAM, [tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1')]);
      const result = await run(['suggest', '--write', dir]);
      assert.equal(result.code, 0, result.err);
      for (const name of ['README.md', 'desk/changelog.md', 'desk/LICENSE.txt']) {
        assert.throws(() => statSync(join(dir, `${name}.tags.yaml`)), /ENOENT/, `no sidecar made for ${name}`);
        assert.match(result.err, new RegExp(`skipped .*${name.split('/').pop()!.replace('.', '\\.')}.*project document`));
      }
      assert.ok(statSync(join(dir, 'tram.txt.tags.yaml')).isFile());
      assert.ok(readSidecar(join(dir, 'desk/readme.txt.tags.yaml')).tags.length > 1, 'a tagged article named like a project document is still an article');
      const named = await run(['suggest', '--json', join(dir, 'README.md')]);
      assert.equal(named.code, 0, named.err);
      assert.equal((JSON.parse(named.out) as Reported[])[0]?.article, join(dir, 'README.md'), 'named on the command line, it is an article');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a line per suggestion without --json', async () => {
    const dir = tempDir('suggest');
    try {
      const result = await run(['suggest', write(dir, 'ferry.txt', FERRY)]);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /ferry\.txt: \d+ suggestions/);
      assert.match(result.out, /"300 passengers"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--write creates the sidecar of an untagged article; validate passes; a second run adds nothing', async () => {
    const dir = tempDir('suggest');
    try {
      const article = write(dir, 'tram.txt', TRAM);
      const first = await run(['suggest', '--write', article]);
      assert.equal(first.code, 0, `${first.out}\n${first.err}`);
      const sidecar = readSidecar(`${article}.tags.yaml`);
      assert.equal(sidecar.article, 'tram.txt');
      assert.equal(sidecar.tags.length, 4);
      assert.ok(sidecar.tags.every((t) => t.author === 'newsmark-suggest'));
      const validate = await run(['validate', dir]);
      assert.equal(validate.code, 0, validate.out);
      const bytes = readFileSync(`${article}.tags.yaml`);
      const second = await run(['suggest', '--write', dir]);
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /tram\.txt: 0 suggestions/);
      assert.ok(readFileSync(`${article}.tags.yaml`).equals(bytes), 'nothing new: the file is not rewritten');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--write adds to an existing sidecar, keeping its tags, comments and unknown keys', async () => {
    const dir = tempDir('suggest');
    try {
      const own = tagOn(TRAM, 'reckless gamble', 'framing', 'abcd1234');
      write(dir, 'tram.txt', TRAM);
      write(dir, 'tram.txt.tags.yaml', `# desk copy, checked by R.\n${sidecarText('tram.txt', TRAM, [own])}project: tram-audit\n`);
      const result = await run(['suggest', '--write', join(dir, 'tram.txt')]);
      assert.equal(result.code, 0, `${result.out}\n${result.err}`);
      const text = readFileSync(join(dir, 'tram.txt.tags.yaml'), 'utf8');
      assert.match(text, /# desk copy, checked by R\./);
      assert.match(text, /project: tram-audit/);
      const after = readSidecar(join(dir, 'tram.txt.tags.yaml'));
      assert.deepEqual(after.tags.find((t) => t.id === own.id), own);
      assert.equal(after.tags.length, 4, 'three suggestions added; the framing one is already a tag');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--write on a folder of untagged articles creates a sidecar for each', async () => {
    const dir = tempDir('suggest');
    try {
      write(dir, 'tram.txt', TRAM);
      write(dir, 'sub/ferry.md', FERRY);
      const result = await run(['suggest', '--write', dir]);
      assert.equal(result.code, 0, `${result.out}\n${result.err}`);
      assert.ok(readSidecar(join(dir, 'tram.txt.tags.yaml')).tags.length > 0);
      assert.ok(readSidecar(join(dir, 'sub', 'ferry.md.tags.yaml')).tags.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a path that does not exist is bad usage (exit 2)', async () => {
    const dir = tempDir('suggest');
    try {
      const result = await run(['suggest', join(dir, 'nowhere.txt')]);
      assert.equal(result.code, 2, result.err);
      assert.match(result.err, /nowhere\.txt: no such file or folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
