// `newsmark agree` reads its sets through the file-system port on disk: what the port cannot tell
// by itself (symbolic links) and what the in-memory tests cannot show (real links, paths as typed).
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { FERRY, run, tagOn, tagged, tempDir, TRAM, write } from './cliCorpus';

describe('newsmark agree: reading the sets', () => {
  it('does not follow symbolic links: a linked sidecar is named and passed over, a link back up is not walked', async () => {
    const root = tempDir('agree-links');
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    tagged(a, 'tram.txt', TRAM, [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a0000001')]);
    tagged(b, 'tram.txt', TRAM, [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'b0000001')]);
    mkdirSync(join(b, 'elsewhere'));
    tagged(join(b, 'elsewhere'), 'ferry.txt', FERRY, [tagOn(FERRY, 'a stunning failure', 'framing', 'b0000002')]);
    symlinkSync(join(b, 'elsewhere', 'ferry.txt.tags.yaml'), join(b, 'ferry.txt.tags.yaml'));
    write(b, 'ferry.txt', FERRY);
    symlinkSync(b, join(b, 'loop'));
    const { code, out, err } = await run(['agree', '--json', a, b]);
    assert.equal(code, 0, err);
    assert.match(err, new RegExp(`skipped symlink ${join(b, 'ferry.txt.tags.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const r = JSON.parse(out) as { articles: { article: string }[]; notes: { onlyInB: string[] } };
    assert.deepEqual(r.articles.map((x) => x.article), ['tram.txt']);
    assert.deepEqual(r.notes.onlyInB, ['elsewhere/ferry.txt'], 'the linked folder "loop" was not walked into');
  });

  it('names unreadable files under the folder as typed, and stops on an untagged counterpart it cannot read', async () => {
    const root = tempDir('agree-typed');
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    tagged(a, 'tram.txt', TRAM, [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a0000001')]);
    write(b, 'tram.txt', new Uint8Array([0x74, 0x72, 0x61, 0x6d, 0xe9]));
    const typedB = relative(process.cwd(), b);
    const r = await run(['agree', a, typedB]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, new RegExp(`cannot compare ${typedB.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: an article cannot be read \\(nothing was compared\\):\\n {2}${join(typedB, 'tram.txt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: tram\\.txt is not UTF-8 text`));
  });
});
