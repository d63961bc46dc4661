// `newsmark figures`: the ledger on the samples (a designed 2,417 / 2,471 pair), on the five
// shared articles tagged as an analyst would, exit codes, and the JSON shape the README documents.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import type { Ledger, LedgerGroup } from '../../src/core/figures/ledger';
import { tagOn, tagged, tempDir } from './cliCorpus';
import { corpusIn, inTemp, runExpecting, SAMPLES } from './cliRun';
import { SHARED } from './sharedArticles';


/** The figures an analyst tags in each shared article, found by their text at run time. */
const SHARED_FIGURES: Readonly<Record<string, readonly string[]>> = {
  '000_40e8320b39063014.txt': ['1,351 Russian troops had been killed', '3,835 wounded', 'between 7,000 and 15,000'],
  '001_0b324aadc81580d8.txt': ['1,351 soldiers', '3,825 wounded', '93 votes in favour', '58 countries abstained', '410 civilians'],
  '002_0547a54abde40d91.txt': ['1,351 troops', '498 soldiers', '7,000 and 15,000 troops', 'as many as 40,000 Russian troops', '9,861 Russian soldiers', '16,153 wounded'],
  '003_08ebb17490acb4fd.txt': ['well in excess of 10,000'],
  '004_ae173d8b20e40bc0.txt': [],
};

const values = (g: LedgerGroup): number[] => g.figures.map((f) => f.value ?? NaN).sort((a, b) => a - b);
const groupsOf = (ledger: Ledger, counted: string): readonly LedgerGroup[] => ledger.things.find((t) => t.counted === counted)?.groups ?? [];

describe('newsmark figures', () => {
  it('finds the designed 2,417 / 2,471 evacuees pair in the samples and exits 1', async () => {
    const { out } = await runExpecting(1, ['figures', '--json', SAMPLES]);
    const ledger = JSON.parse(out) as Ledger;
    const mismatches = ledger.things.flatMap((t) => t.groups.filter((g) => g.kind === 'mismatch').map((g) => ({ counted: t.counted, g })));
    assert.equal(mismatches.length, 1, JSON.stringify(mismatches));
    assert.equal(mismatches[0]!.counted, 'evacuees');
    const members = mismatches[0]!.g.figures;
    assert.ok(members.some((f) => f.value === 2471 && f.article.endsWith('daily-clarion.txt')));
    assert.ok(members.some((f) => f.value === 2417 && f.article.endsWith('harbor-gazette.txt')));
    assert.equal(mismatches[0]!.g.conflict, true);
    const text = await runExpecting(1, ['figures', SAMPLES]);
    assert.match(text.out, /evacuees[\s\S]*MISMATCH[\s\S]*2,471[\s\S]*2,417/);
    assert.match(text.out, /^1 figure mismatch\.$/m);
  });

  it('exits 0 when no figure is mismatched', async () => {
    await inTemp(async (dir) => {
      const corpus = corpusIn(dir);
      for (const f of readdirSync(corpus)) if (f.startsWith('daily-clarion')) rmSync(join(corpus, f));
      const { out } = await runExpecting(0, ['figures', '--json', corpus]);
      const ledger = JSON.parse(out) as Ledger;
      assert.ok(ledger.things.some((t) => t.counted === 'evacuees'), 'the evacuees are still listed');
      assert.ok(ledger.things.every((t) => t.groups.every((g) => g.kind !== 'mismatch')));
    });
  });

  it('prints figures in the documented JSON shape', async () => {
    const { out } = await runExpecting(1, ['figures', '--json', SAMPLES]);
    const ledger = JSON.parse(out) as Ledger;
    assert.deepEqual(Object.keys(ledger), ['things']);
    for (const thing of ledger.things) {
      assert.deepEqual(Object.keys(thing), ['counted', 'figures', 'groups']);
      for (const f of thing.figures) {
        const amount = 'value' in f ? ['value'] : ['min', 'max'];
        assert.deepEqual(Object.keys(f), ['article', 'outlet', 'id', 'start', 'end', 'text', ...amount, 'hedge', 'source', 'as_of']);
      }
      for (const g of thing.groups) {
        assert.deepEqual(Object.keys(g), ['source', 'as_of', 'figures', 'conflict', 'kind']);
        for (const f of g.figures) assert.ok(thing.figures.some((t) => JSON.stringify(t) === JSON.stringify(f)), 'a group lists the thing’s figures, whole');
        assert.ok(g.kind === null || g.kind === 'mismatch' || g.kind === 'divergent');
        assert.equal(g.conflict, g.kind !== null);
      }
    }
  });

  it('says bad usage in one line and exits 2', async () => {
    const none = await runExpecting(2, ['figures']);
    assert.match(none.err, /^newsmark figures: give at least one article/);
    const bad = await runExpecting(2, ['figures', '--csv', SAMPLES]);
    assert.match(bad.err, /^newsmark figures: unknown option --csv/);
    assert.doesNotMatch(bad.err, /\n\s+at /, 'no stack trace');
  });

  it('on the five shared articles: 3,835 vs 3,825 wounded is a mismatch without the tabloid’s 16,153', async (t) => {
    if (!existsSync(SHARED)) {
      console.log(`cli-figures: skipped the shared-articles test: ${SHARED} is absent`);
      t.skip(`${SHARED} is absent`);
      return;
    }
    const dir = tempDir('figures-shared');
    let id = 0;
    for (const [name, phrases] of Object.entries(SHARED_FIGURES)) {
      const text = readFileSync(join(SHARED, name), 'utf8');
      tagged(dir, name, text, phrases.map((p) => tagOn(text, p, 'figure', (++id).toString(16).padStart(8, '0'))));
    }
    const { out } = await runExpecting(1, ['figures', '--json', dir]);
    const ledger = JSON.parse(out) as Ledger;
    const wounded = groupsOf(ledger, 'troops wounded');
    const mismatch = wounded.filter((g) => g.kind === 'mismatch');
    assert.equal(mismatch.length, 1, JSON.stringify(wounded));
    assert.deepEqual(values(mismatch[0]!), [3825, 3835]);
    assert.deepEqual(mismatch[0]!.figures.map((f) => basename(f.article)).sort(), ['000_40e8320b39063014.txt', '001_0b324aadc81580d8.txt']);
    // Outlets are named by the detail, else a guess from the text (000 credits its publisher), else the file name.
    assert.deepEqual(mismatch[0]!.figures.map((f) => f.outlet).sort(), ['001_0b324aadc81580d8.txt', 'The Western Journal']);
    const tabloid = wounded.find((g) => g.figures.some((f) => f.value === 16153));
    assert.equal(tabloid?.kind, 'divergent', 'the tabloid’s figure is another source’s estimate');
    // The Kremlin's 1,351 in three outlets agree; its earlier 498 is a timeline; NATO and the tabloid diverge.
    const killed = groupsOf(ledger, 'troops killed');
    assert.ok(killed.every((g) => g.kind !== 'mismatch'), JSON.stringify(killed));
    const kremlin = killed.find((g) => g.figures.some((f) => f.value === 1351));
    assert.deepEqual(values(kremlin!), [1351, 1351, 1351]);
    const revision = killed.find((g) => g.figures.some((f) => f.value === 498));
    assert.equal(revision?.figures.length, 1);
    assert.equal(revision?.source, 'Russia');
  });
});
