// Which article an imported record means when articles share a name (core/export/articleMatch.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ArticleMatcher } from '../../src/core/export/articleMatch';

const CORPUS = ['/c/bbc/day.txt', '/c/cnn/day.txt', '/c/day.txt', '/c/bbc/night.txt', '/c/old/bbc/eve.txt', '/c/bbc/eve.txt'];
const byName = (paths: readonly string[]) => (name: string): string[] => paths.filter((p) => p.endsWith(`/${name}`));

describe('ArticleMatcher', () => {
  it('takes a name for the one article of that name, and refuses a name several articles have', () => {
    const m = new ArticleMatcher([], byName(CORPUS));
    assert.deepEqual(m.match('night.txt'), { kind: 'one', path: '/c/bbc/night.txt' });
    assert.deepEqual(m.match('day.txt'), { kind: 'several', candidates: ['/c/bbc/day.txt', '/c/cnn/day.txt', '/c/day.txt'] });
    assert.deepEqual(m.match('noon.txt'), { kind: 'none' });
  });

  it('finds a recorded path from the export\'s folder, its parent or the folder of the article itself, never a namesake elsewhere', () => {
    const recorded = ['bbc/day.txt', 'cnn/day.txt', 'day.txt'];
    const fromTop = new ArticleMatcher(recorded, byName(CORPUS));
    assert.deepEqual(recorded.map((r) => fromTop.match(r)), [
      { kind: 'one', path: '/c/bbc/day.txt' }, { kind: 'one', path: '/c/cnn/day.txt' }, { kind: 'one', path: '/c/day.txt' },
    ], 'a bare name is the article directly in the folder the paths lead to');
    const fromParent = new ArticleMatcher(recorded, byName(CORPUS.map((p) => `/home${p}`)));
    assert.deepEqual(fromParent.match('cnn/day.txt'), { kind: 'one', path: '/home/c/cnn/day.txt' });
    const onlyBbc = ['/c/bbc/day.txt', '/c/bbc/night.txt'];
    const fromBbc = new ArticleMatcher(recorded, byName(onlyBbc));
    assert.deepEqual(fromBbc.match('bbc/day.txt'), { kind: 'one', path: '/c/bbc/day.txt' });
    assert.deepEqual(fromBbc.match('cnn/day.txt'), { kind: 'elsewhere', candidates: ['/c/bbc/day.txt'] }, 'cnn\'s record never lands in bbc\'s article');
  });

  it('refuses a recorded path two folders end with, when the paths do not lead to one folder', () => {
    const m = new ArticleMatcher(['bbc/eve.txt'], byName(CORPUS));
    assert.deepEqual(m.match('bbc/eve.txt'), { kind: 'several', candidates: ['/c/old/bbc/eve.txt', '/c/bbc/eve.txt'] });
  });

  it('takes an article\'s own path for that article', () => {
    const m = new ArticleMatcher([], byName(CORPUS));
    assert.deepEqual(m.match('/c/cnn/day.txt'), { kind: 'one', path: '/c/cnn/day.txt' });
  });
});
