import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { articleFileName, slugOf, writeIngestedArticle } from '../../src/core/ingest/index';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';

const META = { outlet: 'The Daily Clarion', published: '2026-04-02T18:20:00Z', headline: 'Mayor’s rubbish strike U-TURN as bin crews walk out of the depot today' };

describe('names of ingested articles', () => {
  it('<outlet>-<date>-<slug>: lowercase ASCII, accents dropped, the headline’s first eight words (U-TURN is two)', () => {
    assert.equal(articleFileName(META, 'page.html'), 'the-daily-clarion-2026-04-02-mayors-rubbish-strike-u-turn-as-bin-crews.txt');
    assert.equal(articleFileName({ outlet: 'Café Zürich Post', headline: 'Élan returns' }, 'x.html'), 'cafe-zurich-post-elan-returns.txt');
    assert.equal(slugOf('Путин и Песков'), 'путин-и-песков', 'a headline with no Latin letters keeps its own');
  });

  it('missing parts are left out, with their separators; with none, the page’s name', () => {
    assert.equal(articleFileName({ headline: 'Barrier stays shut' }, 'page.html'), 'barrier-stays-shut.txt');
    assert.equal(articleFileName({ outlet: 'The Post', headline: 'Barrier stays shut' }, 'page.html'), 'the-post-barrier-stays-shut.txt');
    assert.equal(articleFileName({ published: '2026-03-25' }, 'page.html'), '2026-03-25.txt');
    assert.equal(articleFileName({}, 'Saved Page (1).htm'), 'saved-page-1.txt');
    assert.equal(articleFileName({}, '!!!.html'), 'article.txt');
    assert.equal(articleFileName({ headline: 'Barrier' }, 'page.html', 3), 'barrier-3.txt');
  });

  it('a pattern of {outlet} {date} {slug} {page}; what is not a name is replaced', () => {
    assert.equal(articleFileName(META, 'p.html', 1, '{date}_{outlet}'), '2026-04-02_the-daily-clarion.txt');
    assert.equal(articleFileName({ outlet: 'The Post' }, 'saved.html', 1, '{date}_{outlet}_{page}'), 'the-post_saved.txt');
    assert.equal(articleFileName({ outlet: 'The Post' }, 'saved.html', 1, '{outlet}/{unknown}'), 'the-post-{unknown}.txt');
  });

  it('writes through the file-system port, skipping names taken by an article or a lone sidecar', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/w');
    await fs.writeFileAtomic('/w/barrier.txt', new TextEncoder().encode('mine\n'));
    await fs.writeFileAtomic('/w/barrier-2.txt.tags.yaml', new TextEncoder().encode('# lone\n'));
    const written = await writeIngestedArticle(fs, '/w', { text: 'Barrier\n\nText.\n', meta: { headline: 'Barrier' } }, 'p.html');
    assert.deepEqual(written, { articlePath: '/w/barrier-3.txt', sidecarPath: '/w/barrier-3.txt.tags.yaml' });
    assert.equal(new TextDecoder().decode(await fs.readFile('/w/barrier.txt')), 'mine\n');
    assert.equal(new TextDecoder().decode(await fs.readFile('/w/barrier-2.txt.tags.yaml')), '# lone\n');
    assert.match(new TextDecoder().decode(await fs.readFile('/w/barrier-3.txt.tags.yaml')), /article: barrier-3\.txt\n.*\nheadline: Barrier\ntags: \[\]/s);
  });

  it('a sidecar that cannot be written takes its article back: a failed page leaves nothing behind', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/w');
    fs.faults.tearNextWrite('/w/barrier.txt.tags.yaml', 10);
    await assert.rejects(writeIngestedArticle(fs, '/w', { text: 'Barrier\n\nText.\n', meta: { headline: 'Barrier' } }, 'p.html'));
    assert.equal(await fs.stat('/w/barrier.txt'), undefined, 'no article without its sidecar');
  });

  it('a sidecar that appears meanwhile keeps its name: the article moves on to the next one', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/w');
    fs.faults.betweenCheckAndRename('/w/barrier.txt.tags.yaml', (path) => fs.writeRaw(path, '# theirs\n'));
    const written = await writeIngestedArticle(fs, '/w', { text: 'Barrier\n\nText.\n', meta: { headline: 'Barrier' } }, 'p.html');
    assert.equal(written.articlePath, '/w/barrier-2.txt');
    assert.equal(await fs.stat('/w/barrier.txt'), undefined, 'the first name\'s article was taken back');
    assert.equal(new TextDecoder().decode(await fs.readFile('/w/barrier.txt.tags.yaml')), '# theirs\n');
  });
});
