// User synonyms for the figure ledger: the shared checker (CLI --synonyms and the editor setting)
// and what an added word changes. Fictional sentences.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildLedger, type Ledger, type LedgerArticle } from '../../src/core/figures/ledger';
import { DEFAULT_VOCABULARY, extendVocabulary, parseVocabularyExtension } from '../../src/core/figures/vocabulary';
import { tagOn, tagged, write } from './cliCorpus';
import { inTemp, runExpecting } from './cliRun';

const POST = 'The garrison command said on May 4 that 300 servicemen had been killed.';
const COURIER = 'On May 4 the garrison command said 310 conscripts had been killed.';

function articles(): LedgerArticle[] {
  return [
    { article: 'post.txt', outlet: 'Northshore Post', text: POST, tags: [tagOn(POST, '300 servicemen', 'figure', '0000000a')] },
    { article: 'courier.txt', outlet: 'Valley Courier', text: COURIER, tags: [tagOn(COURIER, '310 conscripts', 'figure', '0000000b')] },
  ];
}

const counted = (ledger: Ledger): string[] => ledger.things.map((t) => t.counted).sort();

describe('user synonyms: parseVocabularyExtension', () => {
  it('accepts any of the three sections, words trimmed', () => {
    const r = parseVocabularyExtension({ nouns: { troops: [' conscripts ', 'marines'] }, sources: { 'Port Authority': ['harbour board'] } });
    assert.deepEqual(r, { vocabulary: { nouns: { troops: ['conscripts', 'marines'] }, sources: { 'Port Authority': ['harbour board'] } }, errors: [] });
    assert.deepEqual(parseVocabularyExtension({}), { vocabulary: {}, errors: [] });
    assert.deepEqual(parseVocabularyExtension(null), { vocabulary: {}, errors: [] });
  });

  it('refuses a wrong shape with every problem named, and then gives no vocabulary', () => {
    assert.deepEqual(parseVocabularyExtension(['troops']).errors, ['expected a mapping with "nouns", "outcomes" and/or "sources", found a list.']);
    const r = parseVocabularyExtension({ noun: {}, nouns: { troops: 'conscripts' }, outcomes: { killed: ['slain', 3, ''] }, sources: ['x'] });
    assert.equal(r.vocabulary, undefined);
    assert.deepEqual(r.errors, [
      '"noun": unknown section; the sections are nouns, outcomes and sources.',
      'nouns.troops: expected a list of words, found the text "conscripts".',
      'outcomes.killed[1]: expected a word or phrase, found number 3.',
      'outcomes.killed[2]: expected a word or phrase, found an empty string.',
      'sources: expected a mapping of a canonical word to its synonyms, found a list.',
    ]);
  });
});

describe('user synonyms change the ledger', () => {
  it('300 servicemen and 310 conscripts killed group only once conscripts are troops', () => {
    const plain = buildLedger(articles());
    assert.deepEqual(counted(plain), ['conscripts killed', 'troops killed']);
    assert.ok(plain.things.every((t) => t.groups.every((g) => g.kind === null)), 'alone in its thing, each figure agrees with itself');
    const { vocabulary } = parseVocabularyExtension({ nouns: { troops: ['conscripts'] } });
    const extended = buildLedger(articles(), extendVocabulary(DEFAULT_VOCABULARY, vocabulary!));
    assert.deepEqual(counted(extended), ['troops killed']);
    const groups = extended.things[0]!.groups;
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.figures.map((f) => f.value), [300, 310]);
    assert.equal(groups[0]!.kind, 'mismatch', 'one source, one day, two values');
  });

  it('a new source family joins two names of one source', () => {
    const a = 'The harbour board said on May 4 that 1,200 residents were evacuated.';
    const b = 'The Port Authority said on May 4 that 1,650 residents were evacuated.';
    const docs: LedgerArticle[] = [
      { article: 'a.txt', outlet: 'A', text: a, tags: [tagOn(a, '1,200 residents', 'figure', '0000000c')] },
      { article: 'b.txt', outlet: 'B', text: b, tags: [tagOn(b, '1,650 residents', 'figure', '0000000d')] },
    ];
    assert.deepEqual(buildLedger(docs).things[0]!.groups.map((g) => g.kind), ['divergent', 'divergent']);
    const vocabulary = extendVocabulary(DEFAULT_VOCABULARY, parseVocabularyExtension({ sources: { 'Port Authority': ['harbour board'] } }).vocabulary!);
    const groups = buildLedger(docs, vocabulary).things[0]!.groups;
    assert.deepEqual(groups.map((g) => [g.kind, g.source]), [['mismatch', 'Port Authority']]);
  });
});

describe('newsmark figures --synonyms', () => {
  const corpus = (dir: string): string => {
    const articlesDir = join(dir, 'articles');
    for (const a of articles()) tagged(articlesDir, a.article, a.text, a.tags);
    return articlesDir;
  };

  it('reads a YAML or a JSON file of synonyms', async () => {
    await inTemp(async (dir) => {
      const articlesDir = corpus(dir);
      const plain = JSON.parse((await runExpecting(0, ['figures', '--json', articlesDir])).out) as Ledger;
      assert.deepEqual(counted(plain), ['conscripts killed', 'troops killed']);
      const yaml = write(dir, 'synonyms.yaml', 'nouns:\n  troops: [conscripts]\n');
      const viaYaml = JSON.parse((await runExpecting(1, ['figures', '--json', '--synonyms', yaml, articlesDir])).out) as Ledger;
      assert.deepEqual(counted(viaYaml), ['troops killed']);
      const json = write(dir, 'synonyms.json', JSON.stringify({ nouns: { troops: ['conscripts'] } }));
      const text = await runExpecting(1, ['figures', articlesDir, '--synonyms', json]);
      assert.match(text.out, /^troops killed \(2 figures\)/m);
    });
  });

  it('refuses a bad file with exit 2, says why, and reads nothing', async () => {
    await inTemp(async (dir) => {
      const articlesDir = corpus(dir);
      const before = readdirSync(articlesDir).sort();
      const wrong = write(dir, 'wrong.yaml', 'nouns:\n  troops: conscripts\nplaces: {}\n');
      const bad = await runExpecting(2, ['figures', '--synonyms', wrong, articlesDir]);
      assert.equal(bad.out, '');
      assert.match(bad.err, /^newsmark figures: --synonyms .*wrong\.yaml: \n {2}"places": unknown section.*\n {2}nouns\.troops: expected a list of words, found the text "conscripts"\.$/);
      const broken = write(dir, 'broken.json', '{ "nouns": { "troops": [ }');
      assert.match((await runExpecting(2, ['figures', '--synonyms', broken, articlesDir])).err, /broken\.json: not YAML or JSON: /);
      assert.match((await runExpecting(2, ['figures', '--synonyms', join(dir, 'absent.yaml'), articlesDir])).err, /absent\.yaml: /);
      assert.match((await runExpecting(2, ['figures', '--synonyms', dir, articlesDir])).err, /is a folder/);
      assert.deepEqual(readdirSync(articlesDir).sort(), before, 'nothing written');
      assert.ok(!existsSync(join(dir, 'synonyms.yaml')));
    });
  });
});
