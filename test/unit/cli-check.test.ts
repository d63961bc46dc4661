import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import './cacheDir';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';

const SAMPLES = join(__dirname, '..', '..', 'samples');

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, { line: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

function copyOfSamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-check-'));
  cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const edit = (dir: string, name: string, change: (text: string) => string): void => {
  const before = read(dir, name);
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${name} changed something`);
  writeFileSync(join(dir, name), after);
};

function sidecarOf(dir: string, article: string): SidecarFile {
  const parsed = SidecarFile.parse(read(dir, `${article}.tags.yaml`));
  assert.ok(parsed.ok);
  return parsed.sidecar;
}

describe('newsmark check', () => {
  it('reports every sample tag anchored and exits 0', async () => {
    const { code, out } = await run(['check', SAMPLES]);
    assert.equal(code, 0, out);
    assert.match(out, /4 articles: \d+ anchored, 0 moved, 0 fuzzy, 0 orphaned/);
  });

  it('re-attaches an edited corpus with --fix, orphans what was removed, and exits 1 while any tag is in doubt', async () => {
    const dir = copyOfSamples();
    try {
      // A paragraph inserted at the top of the CRLF article: everything moves.
      edit(dir, 'harbor-gazette.txt', (t) => t.replace('\r\n', '\r\nAn editor’s note added after publication, in its own paragraph.\r\n'));
      // A re-download that lost the non-breaking spaces and the curly quotes.
      edit(dir, 'varnia-wire.txt', (t) => t.replace(/\u00a0/g, ' ').replace(/[“”]/g, '"'));
      // A tagged paragraph deleted.
      const clarion = sidecarOf(dir, 'daily-clarion.txt');
      const denial = clarion.tags.find((t) => t.category === 'denial')!;
      edit(dir, 'daily-clarion.txt', (t) => t.split('\n\n').filter((p) => !p.includes(denial.text)).join('\n\n'));
      const sidecarsBefore = ['harbor-gazette', 'varnia-wire', 'daily-clarion', 'meridian-ledger'].map((n) => read(dir, `${n}.txt.tags.yaml`));

      const dry = await run(['check', dir]);
      assert.equal(dry.code, 1, dry.out);
      assert.match(dry.out, /orphaned +Denial/);
      assert.match(dry.out, /Run with --fix/);
      assert.deepEqual(['harbor-gazette', 'varnia-wire', 'daily-clarion', 'meridian-ledger'].map((n) => read(dir, `${n}.txt.tags.yaml`)), sidecarsBefore, 'without --fix nothing is written');

      const fixed = await run(['check', '--fix', dir]);
      assert.equal(fixed.code, 1, fixed.out);
      for (const name of ['harbor-gazette.txt', 'varnia-wire.txt', 'daily-clarion.txt', 'meridian-ledger.txt']) {
        const sidecar = sidecarOf(dir, name);
        const article = new ArticleText(toLf(read(dir, name)));
        for (const tag of sidecar.tags) if (tag.status !== 'orphaned') assert.equal(article.slice(tag.start, tag.end), tag.text, `${name} ${tag.id}`);
        assert.match(read(dir, `${name}.tags.yaml`), /^# /, 'the top comment is kept');
      }
      const clarionAfter = sidecarOf(dir, 'daily-clarion.txt');
      assert.equal(clarionAfter.tags.length, clarion.tags.length, 'no tag is dropped');
      assert.ok(clarionAfter.tags.filter((t) => t.status === 'orphaned').some((t) => t.id === denial.id));
      assert.ok(sidecarOf(dir, 'varnia-wire.txt').tags.every((t) => t.status === undefined), 'typography-only changes place every tag');

      const again = await run(['check', '--json', dir]);
      const report = JSON.parse(again.out) as { totals: { moved: number; orphaned: number; anchored: number } };
      assert.equal(again.code, 1, 'orphans stay flagged until the analyst deals with them');
      assert.ok(report.totals.orphaned >= 1);
      assert.equal(report.totals.moved, 0, 'after --fix the moved tags are anchored where they now are');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 after --fix when tags only moved', async () => {
    const dir = copyOfSamples();
    try {
      edit(dir, 'meridian-ledger.txt', (t) => `Updated 09:40.\n\n${t}`);
      const first = await run(['check', '--fix', dir]);
      assert.equal(first.code, 0, first.out);
      assert.match(first.out, /meridian-ledger\.txt: 0 anchored, \d+ moved, 0 fuzzy, 0 orphaned \(sidecar updated\)/);
      const second = await run(['check', dir]);
      assert.equal(second.code, 0);
      assert.match(second.out, /4 articles: \d+ anchored, 0 moved, 0 fuzzy, 0 orphaned/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an article missing beside its sidecar, exits 1 and leaves the sidecar untouched', async () => {
    const dir = copyOfSamples();
    try {
      rmSync(join(dir, 'varnia-wire.txt'));
      const before = read(dir, 'varnia-wire.txt.tags.yaml');
      const { code, out } = await run(['check', '--fix', dir]);
      assert.equal(code, 1);
      assert.match(out, /varnia-wire\.txt is missing beside it/);
      assert.equal(read(dir, 'varnia-wire.txt.tags.yaml'), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on bad usage', async () => {
    assert.equal((await run(['check'])).code, 2);
    assert.equal((await run(['check', '--frobnicate', SAMPLES])).code, 2);
    assert.equal((await run(['check', '/no/such/folder'])).code, 2);
  });
});
