// The Tags view's answers to VS Code's row requests go out a gap after the last request and the
// last answer (VS Code hands one batch's rows to another when an answer beats its timers); the
// rest of a request, asked for while its answer goes out, is answered at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplyPacer, type PacerClock } from '../../src/core/review/replyPacer';

const GAP = 40;

/** Virtual time: `after` waits for tick(); the next task is a real one. */
function fakeClock(): PacerClock & { tick(ms: number): Promise<void> } {
  let now = 0;
  let timers: { at: number; resolve: () => void }[] = [];
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    nextTask: () => new Promise((resolve) => setImmediate(resolve)),
    after: (ms) => new Promise((resolve) => timers.push({ at: now + ms, resolve })),
    async tick(ms) {
      for (let step = 0; step < ms; step++) {
        now += 1;
        const due = timers.filter((t) => t.at <= now);
        timers = timers.filter((t) => t.at > now);
        due.forEach((t) => t.resolve());
        await settle();
      }
    },
  };
}

/** When each answer went out, by name. */
function recorder(clock: PacerClock): { answered: Record<string, number>; rows: (name: string) => () => string } {
  const answered: Record<string, number> = {};
  return { answered, rows: (name) => () => ((answered[name] = clock.now()), name) };
}

test('a request is answered a gap after it came in, with its rows worked out then', async () => {
  const clock = fakeClock();
  const pacer = new ReplyPacer(GAP, clock);
  const { answered, rows } = recorder(clock);
  const answer = pacer.answer(rows('root'));
  assert.ok(answer instanceof Promise);
  await clock.tick(GAP - 1);
  assert.equal(answered['root'], undefined, 'not before the gap');
  assert.equal(pacer.pending, true);
  await clock.tick(1);
  assert.equal(await answer, 'root');
  assert.equal(answered['root'], GAP);
  assert.equal(pacer.pending, false);
});

test('the rest of a request, asked for while its answer goes out, is answered at once', async () => {
  const clock = fakeClock();
  const pacer = new ReplyPacer(GAP, clock);
  const rest: unknown[] = [];
  // As the extension host asks: each parent of the request once the one before is answered.
  const first = Promise.resolve(pacer.answer(() => 'article-1')).then(async (one) => {
    const two = pacer.answer(() => 'article-2');
    rest.push(two);
    const three = pacer.answer(() => 'article-3');
    rest.push(three);
    return [one, await two, await three];
  });
  await clock.tick(GAP);
  assert.deepEqual(await first, ['article-1', 'article-2', 'article-3']);
  assert.deepEqual(rest, ['article-2', 'article-3'], 'plain rows, not promises waiting for another gap');
  // A request that comes in after that task waits again.
  const later = pacer.answer(() => 'later');
  assert.ok(later instanceof Promise);
});

test('answers go out a gap apart, and each a gap after the last request came in', async () => {
  const clock = fakeClock();
  const pacer = new ReplyPacer(GAP, clock);
  const { answered, rows } = recorder(clock);
  const a = pacer.answer(rows('a'));
  await clock.tick(30);
  const b = pacer.answer(rows('b')); // comes in while a waits: a's timers must fire too
  await clock.tick(100);
  await Promise.all([a, b]);
  assert.equal(answered['a'], 30 + GAP, 'a waits for the gap after b came in');
  assert.equal(answered['b'], 30 + 2 * GAP, 'b goes a gap after a');
});

test('rows that fail reject that answer only; the next goes on', async () => {
  const clock = fakeClock();
  const pacer = new ReplyPacer(GAP, clock);
  const failing = pacer.answer(() => {
    throw new Error('model gone');
  });
  const next = pacer.answer(() => 'next');
  const outcome = Promise.allSettled([failing, next]);
  await clock.tick(3 * GAP);
  const [first, second] = await outcome;
  assert.equal(first.status, 'rejected');
  assert.deepEqual(second, { status: 'fulfilled', value: 'next' });
});

test('what a reveal asks for in its own task is answered at once; a request after it is paced again', async () => {
  const clock = fakeClock();
  const pacer = new ReplyPacer(GAP, clock);
  // As the extension host resolves a reveal: the row's parents, in microtasks of the reveal's task.
  let answered: unknown;
  await pacer.atOnce(async () => {
    await Promise.resolve();
    answered = pacer.answer(() => 'roots');
  });
  assert.equal(answered, 'roots', 'a plain answer, no gap: a paced one left the rows fetched twice');
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(pacer.answer(() => 'later') instanceof Promise, 'the workbench\'s next request waits its gap');
});
