import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleWork, slices, type Clock } from '../../server/src/lsp/idleWork';

/** Time that moves only when the test says so; what is due runs in order. */
class ManualClock implements Clock {
  time = 0;
  private queue: { at: number; run: () => void }[] = [];
  now(): number {
    return this.time;
  }
  after(ms: number, run: () => void): void {
    this.queue.push({ at: this.time + ms, run });
  }
  /** Moves time forward by `ms`, running what falls due (and what that schedules) on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = Math.max(this.time, end);
  }
  /** Runs the next thing scheduled, whenever it is due. */
  tick(): void {
    this.queue.sort((a, b) => a.at - b.at);
    const next = this.queue.shift();
    if (!next) return;
    this.time = Math.max(this.time, next.at);
    next.run();
  }
  get scheduled(): number {
    return this.queue.length;
  }
}

/** Work of `units` steps, each costing `cost` ms of the clock. */
function work(clock: ManualClock, units: number, cost = 1) {
  const done: number[] = [];
  let left = units;
  const step = (more: () => boolean): boolean => {
    while (left > 0 && more()) {
      done.push(clock.now());
      clock.time += cost;
      left--;
    }
    return left === 0;
  };
  return { done, step, left: () => left };
}

describe('IdleWork', () => {
  it('does nothing until poked, then works in slices until done', () => {
    const clock = new ManualClock();
    const job = work(clock, 10);
    const idle = new IdleWork(job.step, { sliceMs: 3, quietMs: 100 }, clock);
    clock.advance(1000);
    assert.equal(job.done.length, 0);
    idle.poke();
    clock.tick();
    // A slice of 3 ms holds 3 steps of 1 ms; the next slice comes after the messages read meanwhile.
    assert.equal(job.done.length, 3);
    clock.tick();
    assert.equal(job.done.length, 6);
    clock.tick();
    clock.tick();
    assert.equal(job.left(), 0);
    assert.equal(clock.scheduled, 0, 'nothing left scheduled once done');
  });

  it('waits until the user has been quiet for quietMs, and stops again while they type', () => {
    const clock = new ManualClock();
    const job = work(clock, 100);
    const idle = new IdleWork(job.step, { sliceMs: 5, quietMs: 50 }, clock);
    idle.busy();
    idle.poke();
    clock.advance(49);
    assert.equal(job.done.length, 0);
    // Typing every 20 ms keeps it waiting.
    for (let i = 0; i < 10; i++) {
      idle.busy();
      clock.advance(20);
    }
    assert.equal(job.done.length, 0);
    clock.advance(31);
    assert.ok(job.done.length > 0);
    for (const at of job.done) assert.ok(at >= 200 + 50, `worked at ${at}, within 50 ms of the last keystroke`);
    // A keystroke mid-way: the work pauses for quietMs, then resumes where it was.
    const before = job.done.length;
    idle.busy();
    const typedAt = clock.now();
    clock.advance(30);
    assert.equal(job.done.length, before);
    clock.advance(1000);
    assert.equal(job.left(), 0);
    assert.ok(job.done.slice(before).every((at) => at >= typedAt + 50));
  });

  it('takes new work after finishing', () => {
    const clock = new ManualClock();
    let runs = 0;
    const idle = new IdleWork(() => ++runs > 0, { sliceMs: 1, quietMs: 0 }, clock);
    idle.poke();
    clock.advance(10);
    assert.equal(runs, 1);
    idle.poke();
    idle.poke();
    clock.advance(10);
    assert.equal(runs, 2, 'one poke or two, the work runs once while it says it is done');
  });
});

describe('slices', () => {
  it('lets the messages read meanwhile be served once a slice has passed, and not before', async () => {
    const clock = new ManualClock();
    const pause = slices(10, clock);
    let served = 0;
    const pending = (): Promise<void> => pause();
    clock.time = 5;
    await pending();
    assert.equal(clock.scheduled, 0, 'within the slice: no pause');
    clock.time = 10;
    const paused = pending().then(() => served++);
    await Promise.resolve();
    assert.equal(clock.scheduled, 1, 'past the slice: it waits for what was read meanwhile');
    assert.equal(served, 0);
    // A message read meanwhile schedules its work after the pause's first turn: it runs before the pause ends.
    let messageWork = false;
    clock.after(0, () => (messageWork = true));
    clock.tick();
    await Promise.resolve();
    assert.equal(served, 0);
    clock.tick();
    assert.ok(messageWork);
    assert.equal(served, 0);
    clock.tick();
    await paused;
    assert.equal(served, 1);
    clock.time = 19;
    await pending();
    assert.equal(clock.scheduled, 0, 'a new slice starts after the pause');
  });

  it("waits while the user's work is queued, and one turn more for what it sends", async () => {
    const clock = new ManualClock();
    let queued = 2;
    const pause = slices(10, clock, () => queued > 0);
    clock.time = 10;
    let resumed = false;
    const paused = pause().then(() => (resumed = true));
    const turn = async (): Promise<void> => {
      clock.tick();
      for (let index = 0; index < 5; index++) await Promise.resolve();
    };
    await turn();
    await turn();
    assert.equal(resumed, false);
    queued = 1;
    await turn();
    assert.equal(resumed, false, 'still queued');
    queued = 0;
    await turn();
    assert.equal(resumed, false, 'the turn in which its messages are written');
    await turn();
    await paused;
    assert.equal(resumed, true);
  });
});
