// The Tags view's answers to VS Code's row requests: a batch of one is answered at once; once a
// batch of several has come in, no answer goes out until its timers in the workbench have fired
// (VS Code hands one batch's rows to another when an answer beats them); answers go out spaced.
// The last tests run the workbench's batching itself, as VS Code 1.100 does it, on virtual time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../bench/prng';
import { ReplyPacer, type PacerClock } from '../../src/core/review/replyPacer';

/** As the Tags view uses it (src/extension/review/tagsTree.ts). */
const HOLD = 60;
const SPACING = 40;

/** Virtual time: tasks run in the order they are due; each task's microtasks run before the next. */
class VirtualLoop implements PacerClock {
  private time = 0;
  private order = 0;
  private tasks: { at: number; order: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  at(ms: number, run: () => void): void {
    this.tasks.push({ at: this.time + ms, order: this.order++, run });
  }

  nextTask(): Promise<void> {
    return new Promise((resolve) => this.at(0, resolve));
  }

  after(ms: number): Promise<void> {
    return new Promise((resolve) => this.at(ms, resolve));
  }

  /** Runs every task due up to `until` (all of them when undefined). */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // the microtasks of the task before
      if (this.tasks.length === 0) break;
      const next = this.tasks.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.order < a.order) ? b : a));
      if (next.at > until) break;
      this.tasks.splice(this.tasks.indexOf(next), 1);
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = Math.max(this.time, Number.isFinite(until) ? until : this.time);
  }
}

/** When each answer went out, by name. */
function recorder(clock: PacerClock): { answered: Record<string, number>; rows: (name: string) => () => string } {
  const answered: Record<string, number> = {};
  return { answered, rows: (name) => () => ((answered[name] = clock.now()), name) };
}

/** As the extension host asks for a batch's rows: each parent once the one before is answered. */
async function askBatch(pacer: ReplyPacer, rows: (name: string) => () => string, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) out.push(await pacer.answer(rows(name)));
  return out;
}

test('a batch of one is answered at once: expanding a row waits for nothing', () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  assert.equal(pacer.answer(() => 'article'), 'article');
  assert.equal(pacer.pending, false);
});

test('once a batch of several shows itself, its reply and every other wait until the hold after it came in', async () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  const { answered, rows } = recorder(loop);
  const several = askBatch(pacer, rows, ['a1', 'a2', 'a3']);
  await loop.run(10);
  assert.equal(answered['a1'], 0, 'its first row at once: a batch of one would be done now');
  assert.equal(answered['a2'], undefined, 'its second row shows it is a batch of several: held');
  assert.equal(pacer.pending, true);
  loop.at(0, () => void askBatch(pacer, rows, ['other'])); // another request meanwhile
  await loop.run();
  assert.deepEqual(await several, ['a1', 'a2', 'a3']);
  assert.equal(answered['a2'], HOLD);
  assert.equal(answered['a3'], HOLD, 'the rest of the batch goes with it');
  assert.equal(answered['other'], HOLD + SPACING, 'the other request: after the hold, spaced from the last answer');
  assert.equal(pacer.pending, false);
});

test('answers go out spaced: a request right after an answer waits out the spacing', async () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  const { answered, rows } = recorder(loop);
  assert.equal(pacer.answer(rows('first')), 'first');
  loop.at(5, () => void askBatch(pacer, rows, ['second']));
  await loop.run();
  assert.equal(answered['second'], SPACING);
});

test('rows that fail reject that answer only; the next goes on', async () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  void pacer.answer(() => 'first'); // so that the next two wait
  const failing = pacer.answer(() => {
    throw new Error('model gone');
  });
  const next = pacer.answer(() => 'next');
  const outcome = Promise.allSettled([failing, next]);
  await loop.run();
  const [first, second] = await outcome;
  assert.equal(first.status, 'rejected');
  assert.deepEqual(second, { status: 'fulfilled', value: 'next' });
});

test('what a reveal asks for in its own task is answered at once, even during a hold', async () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  const { rows } = recorder(loop);
  void askBatch(pacer, rows, ['a1', 'a2']);
  await loop.run(1);
  assert.equal(pacer.pending, true, 'a hold is on');
  let answered: unknown;
  await pacer.atOnce(async () => {
    await Promise.resolve();
    answered = pacer.answer(() => 'roots');
  });
  assert.equal(answered, 'roots', 'a plain answer: a paced one left the rows fetched twice');
});

test('a redraw at once first lets every held answer go, and the rest of their batches', async () => {
  const loop = new VirtualLoop();
  const pacer = new ReplyPacer(HOLD, SPACING, loop);
  const { answered, rows } = recorder(loop);
  const several = askBatch(pacer, rows, ['a1', 'a2', 'a3']);
  await loop.run(10);
  loop.at(0, () => void askBatch(pacer, rows, ['other']));
  await loop.run(20);
  assert.equal(pacer.pending, true, 'a2 and other held');
  pacer.flush();
  assert.equal(pacer.pending, false);
  assert.deepEqual(await several, ['a1', 'a2', 'a3']);
  assert.deepEqual([answered['a2'], answered['a3'], answered['other']], [20, 20, 20], 'all before the redraw\'s own requests');
});

// --- VS Code's batching of row requests, on virtual time ------------------------------------------

/** Root → articles → categories → tags, every parent expanded: what the view's rows should be. */
const CHILDREN = new Map<string, string[]>();
for (let a = 0; a < 5; a++) {
  const article = `article-${a}`;
  CHILDREN.set(article, [0, 1, 2, 3].map((c) => `${article}/category-${c}`));
  for (const category of CHILDREN.get(article)!) CHILDREN.set(category, [0, 1, 2].map((t) => `${category}/tag-${t}`));
}
CHILDREN.set('root', [...CHILDREN.keys()].filter((k) => !k.includes('/')));

/**
 * The workbench's tree fetching every expanded row, as VS Code 1.100 does it
 * (src/vs/workbench/browser/parts/views/treeView.ts, TreeDataSource.getChildren): requests made
 * before the batch's first zero-delay timer fires join the batch; each timer takes the row at its
 * index from whichever batch is current when it fires. Half the timers fire up to `jitterMs` late,
 * as on a busy machine. Returns every row whose children were handed out wrong.
 */
async function fetchEveryRow(answerOn: (loop: VirtualLoop) => (parent: string) => string[] | Promise<string[]>, jitterMs: number, seed: number, clickAtMs?: number): Promise<string[]> {
  const loop = new VirtualLoop();
  const answer = answerOn(loop);
  const rng = new Rng(seed); // seeded: a failing seed can be replayed
  const late = (): number => (rng.chance(0.5) ? rng.next() * jitterMs : 0);
  const wrong: string[] = [];
  let batch: string[] | undefined;
  let sent: Promise<string[][]> | undefined;
  // The extension host: a message each way takes a millisecond; a batch's parents asked one by one.
  const send = (parents: string[]): Promise<string[][]> => new Promise((resolve) => loop.at(1, () => {
    void (async () => {
      const rows: string[][] = [];
      for (const parent of parents) rows.push(await answer(parent));
      loop.at(1, () => resolve(rows));
    })();
  }));
  const getChildren = (parent: string): Promise<string[]> => {
    if (batch === undefined) {
      batch = [parent];
      sent = undefined;
    } else batch.push(parent);
    const index = batch.length - 1;
    return new Promise((resolve) => loop.at(late(), () => {
      const taken = batch;
      batch = undefined;
      sent ??= send(taken!);
      void sent.then((rows) => resolve(index < rows.length ? rows[index]! : []));
    }));
  };
  const expand = async (parent: string): Promise<void> => {
    const children = await getChildren(parent);
    if (JSON.stringify(children) !== JSON.stringify(CHILDREN.get(parent))) wrong.push(parent);
    await Promise.all(children.filter((c) => CHILDREN.has(c)).map(expand));
  };
  const done = expand('root');
  // The analyst expands a row (here one already fetched, as a refresh of it would) while the rest load.
  const clicked = clickAtMs === undefined ? Promise.resolve() : new Promise<void>((resolve) => loop.at(clickAtMs, () => {
    const parent = `article-${rng.int(0, 4)}`;
    void getChildren(parent).then((children) => {
      if (JSON.stringify(children) !== JSON.stringify(CHILDREN.get(parent))) wrong.push(`${parent} (clicked)`);
      resolve();
    });
  }));
  await loop.run();
  await Promise.all([done, clicked]);
  return wrong;
}

test('the simulated workbench hands rows to the wrong parent when answers come at once (the simulation sees the bug)', async () => {
  let failingSeeds = 0;
  for (let seed = 1; seed <= 50; seed++) {
    if ((await fetchEveryRow(() => (parent) => CHILDREN.get(parent)!, 30, seed)).length > 0) failingSeeds++;
  }
  assert.ok(failingSeeds > 10, `only ${failingSeeds} of 50 seeds went wrong`);
});

/** The view's answers: the roots at once (yet a row of their batch), every other row paced; overlaps counted. */
function pacedAnswers(overlaps: { count: number }): (loop: VirtualLoop) => (parent: string) => string[] | Promise<string[]> {
  return (loop) => {
    const pacer = new ReplyPacer(HOLD, SPACING, loop, () => overlaps.count++);
    return (parent) => (parent === 'root' ? pacer.answerAtOnce(() => CHILDREN.get(parent)!) : pacer.answer(() => CHILDREN.get(parent)!));
  };
}

test('paced, every row gets its own children while the timers fire up to 55 ms late, and no overlap is reported (no needless redraw)', async () => {
  for (let seed = 1; seed <= 200; seed++) {
    const overlaps = { count: 0 };
    assert.deepEqual(await fetchEveryRow(pacedAnswers(overlaps), 55, seed), [], `seed ${seed}`);
    assert.equal(overlaps.count, 0, `seed ${seed}: an overlap reported in a load without a click (a needless redraw)`);
  }
});

test('a row expanded while a batch is held can take its rows, and the pacer reports every such overlap', async () => {
  let wentWrong = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const overlaps = { count: 0 };
    const clickAt = new Rng(seed * 7919).next() * 400;
    const wrong = await fetchEveryRow(pacedAnswers(overlaps), 30, seed, clickAt);
    if (wrong.length > 0) {
      wentWrong++;
      assert.ok(overlaps.count > 0, `seed ${seed}, click at ${clickAt.toFixed(1)} ms: ${wrong.join(', ')} wrong and no overlap reported`);
    }
  }
  assert.ok(wentWrong > 0, 'the simulation never gave a row the wrong children: it no longer shows the case');
});
