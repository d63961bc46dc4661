import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { outletProfiles, type ProfileInput } from '../../src/core/review/profile';
import type { Tag } from '../../src/core/tag';
import { FERRY, tagOn, TRAM, write } from './cliCorpus';
import { inTemp, runExpecting } from './cliRun';

function tags(...categories: Tag['category'][]): Tag[] {
  return categories.map((category, i) => ({ id: `0000000${i}`, category, start: i, end: i + 1, text: 'x', prefix: '', suffix: '' }));
}

function input(article: string, outlet: string, words: number, categories: Tag['category'][], guessed = false): ProfileInput {
  return { article, outlet: { name: outlet, guessed, source: guessed ? 'text' : 'field' }, tags: tags(...categories), words };
}

test('profiles per outlet: articles of one outlet add up, rates per 1,000 words, shares of the tags', () => {
  const profiles = outletProfiles([
    input('a.txt', 'Clarion', 500, ['figure', 'figure', 'claim']),
    input('b.txt', ' clarion ', 1500, ['framing']),
    input('c.txt', 'Courier', 200, ['denial'], true),
    input('d.txt', 'Lantern', 0, []),
  ]);
  assert.deepEqual(profiles.map((p) => [p.outlet, p.articles, p.words, p.tags, p.guessed]), [
    ['Clarion', ['a.txt', 'b.txt'], 2000, 4, false],
    ['Courier', ['c.txt'], 200, 1, true],
    ['Lantern', ['d.txt'], 0, 0, false],
  ]);
  const [clarion, courier, lantern] = profiles;
  assert.equal(clarion!.perThousandWords, 2);
  assert.deepEqual(clarion!.categories.figure, { count: 2, perThousandWords: 1, share: 0.5 });
  assert.deepEqual(clarion!.categories.framing, { count: 1, perThousandWords: 0.5, share: 0.25 });
  assert.deepEqual(courier!.categories.denial, { count: 1, perThousandWords: 5, share: 1 });
  // No words and no tags: zeros, never NaN or Infinity.
  assert.deepEqual(lantern!.categories.claim, { count: 0, perThousandWords: 0, share: 0 });
  assert.equal(lantern!.perThousandWords, 0);
});

test('profiles per article keep two articles of one outlet apart', () => {
  const profiles = outletProfiles([input('b.txt', 'Clarion', 100, ['claim']), input('a.txt', 'Clarion', 100, ['denial'])], 'article');
  assert.deepEqual(profiles.map((p) => [p.outlet, p.tags]), [['a.txt', 1], ['b.txt', 1]]);
});

interface StatsJson {
  articles: { article: string; outlet: { name: string; guessed: boolean } }[];
  outlets: { outlet: string; guessed: boolean; articles: string[]; words: number; tags: number; categories: Record<string, { count: number; share: number }> }[];
}

test('newsmark stats names outlets by the field, a guess or the file name, and profiles them', async () => {
  await inTemp(async (dir) => {
    const sidecar = (name: string, article: string, tagList: Tag[], details: Record<string, string>): void => {
      write(dir, name, article);
      write(dir, `${name}.tags.yaml`, SidecarFile.create(name, '').serialize(tagList, articleHash(article), name, [], details));
    };
    sidecar('tram.txt', TRAM, [tagOn(TRAM, 'reckless gamble', 'framing', 'aaaaaaa1'), tagOn(TRAM, '48 million crowns', 'figure', 'aaaaaaa2')], { outlet: 'Clarion', published: '2026-03-02' });
    sidecar('tram2.txt', TRAM, [tagOn(TRAM, 'reckless gamble', 'framing', 'bbbbbbb1')], { outlet: 'Clarion' });
    const signed = `${FERRY}For more, head to The Portmere Courier.\n`;
    sidecar('ferry.txt', signed, [tagOn(signed, '300 passengers', 'figure', 'ccccccc1')], {});
    sidecar('plain.txt', FERRY, [], {});
    const report = JSON.parse((await runExpecting(0, ['stats', '--json', dir])).out) as StatsJson;
    const outletOfArticle: Record<string, unknown> = Object.fromEntries(report.articles.map((a) => [a.article.split(/[\\/]/).at(-1) ?? '', a.outlet]));
    assert.deepEqual(outletOfArticle, {
      'ferry.txt': { name: 'The Portmere Courier', guessed: true },
      'plain.txt': { name: 'plain.txt', guessed: false },
      'tram.txt': { name: 'Clarion', guessed: false },
      'tram2.txt': { name: 'Clarion', guessed: false },
    });
    const clarion = report.outlets.find((o) => o.outlet === 'Clarion');
    assert.equal(clarion?.articles.length, 2);
    assert.equal(clarion?.tags, 3);
    assert.deepEqual([clarion?.categories['framing']?.count, clarion?.categories['framing']?.share], [2, 2 / 3]);
    assert.equal(report.outlets.length, 3);
    const text = (await runExpecting(0, ['stats', dir])).out;
    assert.match(text, /^Outlet profiles/m);
    assert.match(text, /^The Portmere Courier \(guessed\) +1 +\d+ +1 /m);
    assert.match(text, /^Clarion +2 +\d+ +3 +[\d.]+ +0\.0 \(0%\) +0\.0 \(0%\) +[\d.]+ \(33%\) +[\d.]+ \(67%\)$/m);
  });
});
