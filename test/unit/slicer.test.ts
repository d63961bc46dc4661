import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TimeSlicer, type SliceClock } from '../../src/core/storage/slicer';

describe('TimeSlicer: long work in slices of the event loop', () => {
  it('shares one slice between every slicer on the thread: two at work together still give the loop back after one budget', async () => {
    // A clock that moves 1 ms per unit of work, and a loop whose turns the test runs: a turn runs
    // every callback waiting for it one after another, each with what follows it, as Node's
    // setImmediate phase does.
    let now = 0;
    let waiting: (() => void)[] = [];
    const clock: SliceClock = { now: () => now, nextTask: () => new Promise<void>((resolve) => waiting.push(resolve)) };
    const loader = new TimeSlicer(10, clock);
    const view = new TimeSlicer(10, clock);
    let done = 0;
    const stream = async (slicer: TimeSlicer): Promise<void> => {
      for (let i = 0; i < 60; i++) await slicer.run(() => void (now += 1, done++));
    };
    const both = Promise.all([stream(loader), stream(view)]);
    const perTurn: number[] = [];
    for (let turn = 0; done < 120 && turn < 1000; turn++) {
      const before = done;
      const resume = waiting;
      waiting = [];
      for (const r of resume) {
        r();
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (resume.length === 0) await new Promise((resolve) => setImmediate(resolve));
      perTurn.push(done - before);
    }
    await both;
    assert.equal(done, 120);
    assert.ok(Math.max(...perTurn) <= 10 + 1, `work per turn of the loop: ${perTurn.join(' ')} (budget 10)`);
  });
});
