// `newsmark agree`: two generated annotation sets with known disagreements (fictional articles
// from cliCorpus), the figures worked out by hand, the JSON shape the README documents, --by
// author, bad usage (exit 2), and that it writes nothing.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FERRY, run, tagOn, tagged, tempDir, TRAM, write } from './cliCorpus';

/** Invented for these tests. */
const PIER = 'The harbour board said the old pier would close in May.\nLocals called it a slow disaster.\n';
const PREFACE = 'Updated at noon.\n';

interface Sets {
  root: string;
  a: string;
  b: string;
}

/**
 * Set A and set B (paths relative to each set):
 *   tram.txt      A: claim “the new tram line would open in March”, denial “denied that costs had doubled”,
 *                    framing “a reckless gamble”
 *                 B (its article has a line more at the top, so B's tags are re-attached onto A's text):
 *                    the same claim; denial “denied that costs had doubled to 48 million crowns” (boundaries differ);
 *                    “a reckless gamble” as a claim (category differs)
 *   ferry.txt     A: claim “the crossing would resume on Friday”, figure “300 passengers”
 *                 B: the same claim; framing “a stunning failure” (the figure only in A, the framing only in B)
 *   sub/pier.txt  A: claim “the old pier would close in May”; B: the article without a sidecar (only in A)
 *   extra.txt     only in set A: not compared
 */
function makeSets(): Sets {
  const root = tempDir('agree');
  const a = join(root, 'coder-a');
  const b = join(root, 'coder-b');
  const tramB = PREFACE + TRAM;
  tagged(a, 'tram.txt', TRAM, [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a0000001'), tagOn(TRAM, 'denied that costs had doubled', 'denial', 'a0000002'), tagOn(TRAM, 'a reckless gamble', 'framing', 'a0000003')]);
  tagged(b, 'tram.txt', tramB, [tagOn(tramB, 'the new tram line would open in March', 'claim', 'b0000001'), tagOn(tramB, 'denied that costs had doubled to 48 million crowns', 'denial', 'b0000002'), tagOn(tramB, 'a reckless gamble', 'claim', 'b0000003')]);
  tagged(a, 'ferry.txt', FERRY, [tagOn(FERRY, 'the crossing would resume on Friday', 'claim', 'a0000004'), tagOn(FERRY, '300 passengers', 'figure', 'a0000005')]);
  tagged(b, 'ferry.txt', FERRY, [tagOn(FERRY, 'the crossing would resume on Friday', 'claim', 'b0000004'), tagOn(FERRY, 'a stunning failure', 'framing', 'b0000005')]);
  tagged(a, 'sub/pier.txt', PIER, [tagOn(PIER, 'the old pier would close in May', 'claim', 'a0000006')]);
  write(b, 'sub/pier.txt', PIER);
  tagged(a, 'extra.txt', PIER, []);
  return { root, a, b };
}

const len = (s: string): number => Array.from(s).length;

interface Figures {
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
  alpha: number | null;
  a: number;
  b: number;
  matched: number;
}
type JsonSpan = { start: number; end: number; category: string; text: string } | null;
interface AgreeJson {
  categories: Record<string, Figures>;
  overall: Figures;
  articles: ({ article: string } & { categories: Record<string, Figures>; overall: Figures })[];
  disagreements: { article: string; kind: string; a: JsonSpan; b: JsonSpan }[];
  sets: { a: string; b: string; by: string };
  notes: { onlyInA: string[]; onlyInB: string[]; reattached: { article: string; coder: string; reason: string; moved: number; orphaned: number }[]; orphansLeftOut: number };
}

const near = (actual: number | null, expected: number, what: string): void => assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9, `${what}: ${actual} ≠ ${expected}`);

/** Every file under the folder with its bytes and modification time. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    files.set(p, `${statSync(p).mtimeMs}:${readFileSync(p, 'base64')}`);
  }
  return files;
}

describe('newsmark agree', () => {
  it('reproduces the hand-worked figures on two generated sets', async () => {
    const sets = makeSets();
    const before = snapshot(sets.root);
    const { code, out, err } = await run(['agree', '--json', sets.a, sets.b]);
    assert.equal(code, 0, err);
    const r = JSON.parse(out) as AgreeJson;

    // claim: A 3 (tram, ferry, pier), B 3 (tram, ferry, the gamble); matched 2 → 4/6.
    //   overlap: A's tram and ferry claims are overlapped (R = 2/3), B's tram and ferry claims (P = 2/3) → 2/3
    const claim = r.categories['claim']!;
    assert.deepEqual([claim.a, claim.b, claim.matched], [3, 3, 2]);
    near(claim.exactF1, 4 / 6, 'claim exact');
    near(claim.overlapF1, 2 / 3, 'claim overlap');
    // κ over all code points of the three compared articles (A's texts):
    //   both = the two shared claims; onlyA = the pier claim; onlyB = “a reckless gamble”
    const n = len(TRAM) + len(FERRY) + len(PIER);
    const both = len('the new tram line would open in March') + len('the crossing would resume on Friday');
    const onlyA = len('the old pier would close in May');
    const onlyB = len('a reckless gamble');
    const pA = (both + onlyA) / n;
    const pB = (both + onlyB) / n;
    const pe = pA * pB + (1 - pA) * (1 - pB);
    near(claim.kappa, ((n - onlyA - onlyB) / n - pe) / (1 - pe), 'claim κ');
    // denial: one each, boundaries differ → exact 0, overlap 1
    near(r.categories['denial']!.exactF1, 0, 'denial exact');
    near(r.categories['denial']!.overlapF1, 1, 'denial overlap');
    // figure only in A, framing one in each set on different articles: 0
    assert.deepEqual([r.categories['figure']!.a, r.categories['figure']!.b, r.categories['figure']!.exactF1], [1, 0, 0]);
    assert.deepEqual([r.categories['framing']!.a, r.categories['framing']!.b, r.categories['framing']!.overlapF1], [1, 1, 0]);
    // overall: A 6, B 5, matched 2 → 4/11; overlap: R = A's tram and ferry claims and denial, 3/6;
    //   P = B's tram and ferry claims and denial, 3/5 → 2·(1/2)(3/5) / (1/2 + 3/5) = 6/11
    assert.deepEqual([r.overall.a, r.overall.b, r.overall.matched], [6, 5, 2]);
    near(r.overall.exactF1, 4 / 11, 'overall exact');
    near(r.overall.overlapF1, 6 / 11, 'overall overlap');
    for (const f of [claim, r.overall]) assert.ok(f.alpha !== null && f.alpha < 1 && f.alpha > -1, `α ${f.alpha}`);

    assert.deepEqual(r.articles.map((x) => x.article), ['ferry.txt', 'sub/pier.txt', 'tram.txt']);
    near(r.articles[0]!.overall.exactF1, 2 / 4, 'ferry exact');
    assert.deepEqual(
      r.disagreements.map((d) => [d.article, d.kind, d.a?.category ?? null, d.a?.text ?? null, d.b?.category ?? null, d.b?.text ?? null]),
      [
        ['ferry.txt', 'only-in-a', 'figure', '300 passengers', null, null],
        ['ferry.txt', 'only-in-b', null, null, 'framing', 'a stunning failure'],
        ['sub/pier.txt', 'only-in-a', 'claim', 'the old pier would close in May', null, null],
        ['tram.txt', 'boundaries-differ', 'denial', 'denied that costs had doubled', 'denial', 'denied that costs had doubled to 48 million crowns'],
        ['tram.txt', 'category-differs', 'framing', 'a reckless gamble', 'claim', 'a reckless gamble'],
      ],
    );
    // B's tram tags were re-attached onto A's text: the gamble sits at A's offsets
    const gamble = r.disagreements[4]!;
    assert.deepEqual([gamble.b!.start, gamble.b!.end], [gamble.a!.start, gamble.a!.end]);
    assert.deepEqual(r.notes.onlyInA, ['extra.txt']);
    assert.deepEqual(r.notes.onlyInB, []);
    assert.deepEqual(r.notes.reattached.map((x) => [x.article, x.coder, x.reason, x.moved, x.orphaned]), [['tram.txt', 'B', 'text-differs', 3, 0]]);

    assert.deepEqual(snapshot(sets.root), before, 'agree wrote nothing');
  });

  it('prints the documented JSON shape', async () => {
    const sets = makeSets();
    const r = JSON.parse((await run(['agree', '--json', sets.a, sets.b])).out) as AgreeJson;
    const FIGURES = ['exactF1', 'overlapF1', 'kappa', 'alpha', 'a', 'b', 'matched', 'overlapMatchedA', 'overlapMatchedB'];
    assert.deepEqual(Object.keys(r), ['categories', 'overall', 'articles', 'disagreements', 'sets', 'notes']);
    assert.deepEqual(Object.keys(r.categories), ['claim', 'denial', 'figure', 'framing']);
    for (const f of [...Object.values(r.categories), r.overall]) assert.deepEqual(Object.keys(f), FIGURES);
    for (const a of r.articles) {
      assert.deepEqual(Object.keys(a), ['article', 'categories', 'overall']);
      assert.deepEqual(Object.keys(a.overall), FIGURES);
    }
    for (const d of r.disagreements) {
      assert.deepEqual(Object.keys(d), ['article', 'kind', 'a', 'b']);
      for (const s of [d.a, d.b]) if (s) assert.deepEqual(Object.keys(s), ['start', 'end', 'category', 'text']);
    }
    assert.deepEqual(Object.keys(r.notes), ['onlyInA', 'onlyInB', 'reattached', 'orphansLeftOut']);
    assert.deepEqual(r.sets, { a: sets.a, b: sets.b, by: 'set' });
  });

  it('prints a table per category, per article, and the disagreements', async () => {
    const sets = makeSets();
    const { code, out } = await run(['agree', sets.a, sets.b]);
    assert.equal(code, 0);
    assert.match(out, /^Category\s+Exact F1\s+Overlap F1\s+κ\s+α\s+A\s+B\s+Matched$/m);
    assert.match(out, /^Claim\s+0\.667\s+0\.667\s+-?\d\.\d{3}\s+-?\d\.\d{3}\s+3\s+3\s+2$/m);
    assert.match(out, /^Overall\s+0\.364\s+0\.545\s/m);
    assert.match(out, /^sub\/pier\.txt\s+0\.000\s+0\.000\s/m);
    assert.match(out, /not compared: extra\.txt is only in A/);
    assert.match(out, /tram\.txt: the article differs between the sets: B's tags re-attached onto A's text \(0 anchored, 3 moved/);
    assert.match(out, /^Disagreements \(5\):$/m);
    assert.match(out, /^ {2}tram\.txt {2}boundaries differ\n {6}A {2}denial {3}\[\d+, \d+\) {2}“denied that costs had doubled”\n {6}B {2}denial {3}\[\d+, \d+\) {2}“denied that costs had doubled to 48 million crowns”$/m);
  });

  it('--by author compares the two authors of one set', async () => {
    const dir = tempDir('agree-author');
    const by = (t: ReturnType<typeof tagOn>, author: string): ReturnType<typeof tagOn> => ({ ...t, author });
    tagged(dir, 'tram.txt', TRAM, [
      by(tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c0000001'), 'rosa'),
      by(tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c0000002'), 'tomas'),
      by(tagOn(TRAM, 'a reckless gamble', 'framing', 'c0000003'), 'tomas'),
    ]);
    tagged(dir, 'ferry.txt', FERRY, []);
    const before = snapshot(dir);
    const { code, out, err } = await run(['agree', '--json', '--by', 'author', dir]);
    assert.equal(code, 0, err);
    const r = JSON.parse(out) as AgreeJson;
    assert.deepEqual(r.sets, { a: 'rosa', b: 'tomas', by: 'author' });
    assert.deepEqual([r.overall.a, r.overall.b, r.overall.matched], [1, 2, 1]);
    near(r.overall.exactF1, 2 / 3, 'exact');
    assert.deepEqual(r.articles.map((x) => x.article), ['ferry.txt', 'tram.txt']);
    assert.deepEqual(r.disagreements.map((d) => [d.kind, d.b?.text]), [['only-in-b', 'a reckless gamble']]);
    assert.deepEqual(snapshot(dir), before, 'agree wrote nothing');

    tagged(dir, 'pier.txt', PIER, [by(tagOn(PIER, 'a slow disaster', 'framing', 'c0000004'), 'ulla')]);
    const three = await run(['agree', '--by', 'author', dir]);
    assert.equal(three.code, 2);
    assert.match(three.err, /^newsmark agree: --by author needs tags by exactly two authors in .*; found 3: rosa \(1 tags\), tomas \(2 tags\), ulla \(1 tags\)\./);
  });

  it('exits 2 with one clear message on bad usage', async () => {
    const sets = makeSets();
    const cases: [string[], RegExp][] = [
      [['agree'], /give two annotation sets \(folders\), SET_A and SET_B, or one with --by author; got 0\./],
      [['agree', sets.a], /got 1\./],
      [['agree', sets.a, join(sets.root, 'nowhere')], /nowhere: no such folder\./],
      [['agree', sets.a, join(sets.a, 'tram.txt')], /tram\.txt is not a folder; an annotation set is a folder/],
      [['agree', '--by', 'outlet', sets.a], /--by takes "author", not "outlet"\./],
      [['agree', '--by', 'author', sets.a, sets.b], /--by author compares the authors within one set: give one folder, not 2\./],
      [['agree', '--csv', sets.a, sets.b], /unknown option --csv/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.match(r.err, /^newsmark agree: /);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
  });

  it('refuses a set with a sidecar it cannot read (exit 2), naming the file and line', async () => {
    const sets = makeSets();
    write(sets.b, 'ferry.txt.tags.yaml', 'version: 1\narticle: ferry.txt\ntags: [\n');
    const r = await run(['agree', sets.a, sets.b]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot compare .*coder-b: a sidecar cannot be read \(newsmark validate says more; nothing was compared\):\n {2}.*ferry\.txt\.tags\.yaml:\d+:\d+: /);
    assert.equal(r.out, '');
  });
});
