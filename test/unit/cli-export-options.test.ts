import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, createTag } from '../../src/core/tag';
import { inTemp, runExpecting } from './cliRun';

// A fictional article with one tag in place and one orphan (its text is gone from the article).
const TEXT = 'Ferry talks resume\n\nThe company says 96 vessels passed inspection, the union said.\n';

function corpus(dir: string): void {
  const article = new ArticleText(TEXT);
  const at = Array.from(TEXT.slice(0, TEXT.indexOf('96 vessels'))).length;
  const placed = { ...createTag(article, at, at + 10, 'figure', new Set()), id: 'aa000001' };
  const orphan = { ...placed, id: 'aa000002', category: 'claim' as const, text: 'talks collapsed overnight', start: 0, end: 0, status: 'orphaned' as const };
  writeFileSync(join(dir, 'ferry.txt'), TEXT);
  writeFileSync(join(dir, 'ferry.txt.tags.yaml'), SidecarFile.create('ferry.txt', '').serialize([placed, orphan], articleHash(TEXT), 'ferry.txt'));
}

describe('newsmark export options', () => {
  it('--include-orphans puts orphaned tags in the export (without offsets); without it they are left out with a warning', async () => {
    await inTemp(async (dir) => {
      corpus(dir);
      const plain = await runExpecting(0, ['export', '--format', 'csv', join(dir, 'ferry.txt')]);
      assert.ok(plain.out.includes('96 vessels'));
      assert.ok(!plain.out.includes('talks collapsed overnight'), 'an orphan is left out by default');
      assert.match(plain.err, /ferry.txt: 1 orphaned tag left out/);
      const all = await runExpecting(0, ['export', '--format', 'csv', '--include-orphans', join(dir, 'ferry.txt')]);
      const row = all.out.split(/\r?\n/).find((l) => l.includes('aa000002'));
      assert.ok(row, 'the orphan is exported with --include-orphans');
      assert.ok(row.includes('talks collapsed overnight'));
      assert.match(row, /aa000002,claim,,,/, 'an orphan has no offsets');
    });
  });

  it('--bom starts a CSV file with the UTF-8 byte order mark (for Excel); without it there is none', async () => {
    await inTemp(async (dir) => {
      corpus(dir);
      await runExpecting(0, ['export', '--format', 'csv', '--out', join(dir, 'plain.csv'), join(dir, 'ferry.txt')]);
      await runExpecting(0, ['export', '--format', 'csv', '--bom', '--out', join(dir, 'excel.csv'), join(dir, 'ferry.txt')]);
      assert.deepEqual([...readFileSync(join(dir, 'excel.csv')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.notEqual(readFileSync(join(dir, 'plain.csv'))[0], 0xef);
      assert.equal(readFileSync(join(dir, 'excel.csv')).subarray(3).toString('utf8'), readFileSync(join(dir, 'plain.csv'), 'utf8'));
    });
  });
});
