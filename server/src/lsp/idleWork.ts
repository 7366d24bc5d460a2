/** What IdleWork needs of time: tests drive it by hand. */
export interface Clock {
  now(): number;
  /** Runs `run` after `ms` milliseconds, or after the messages already read when `ms` is 0. */
  after(ms: number, run: () => void): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  after: (ms, run) => void (ms > 0 ? setTimeout(run, ms) : setImmediate(run)),
};

export interface IdleOptions {
  /** How long one slice lasts: a message arriving meanwhile waits at most about this long. */
  readonly sliceMs: number;
  /** How long the user must have done nothing (see busy) before the work goes on. */
  readonly quietMs: number;
}

/**
 * Work done only while the user does nothing, in slices, so that a keystroke never waits for it: `work(more)`
 * does some of it while `more()` says so, and says whether it is all done.
 */
export class IdleWork {
  private waiting = false;
  private armed = false;
  private lastBusy = -Infinity;

  constructor(
    private readonly work: (more: () => boolean) => boolean,
    private readonly options: IdleOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  /** There is work to do. */
  poke(): void {
    this.waiting = true;
    this.arm();
  }

  /** The user did something (an edit): the work waits until they have been quiet a while. */
  busy(): void {
    this.lastBusy = this.clock.now();
  }

  private arm(): void {
    if (this.armed || !this.waiting) return;
    this.armed = true;
    const wait = Math.max(0, this.lastBusy + this.options.quietMs - this.clock.now());
    this.clock.after(wait, () => {
      this.armed = false;
      // Busy again while waiting: wait some more.
      if (this.clock.now() - this.lastBusy < this.options.quietMs) this.arm();
      else this.slice();
    });
  }

  private slice(): void {
    const until = this.clock.now() + this.options.sliceMs;
    const done = this.work(() => this.clock.now() < until);
    if (done) this.waiting = false;
    else this.arm();
  }
}

/**
 * For work that must go on, but not hold the thread: `await pause()` between two pieces of it serves the messages
 * read meanwhile once `sliceMs` have passed since the last time it did. `waiting()` says that work for the user (an
 * edit's re-check) is queued: the slice does not begin before it has run.
 */
export function slices(sliceMs: number, clock: Clock = systemClock, waiting: () => boolean = () => false): () => Promise<void> {
  let until = clock.now() + sliceMs;
  const turn = (): Promise<void> => new Promise<void>((resolve) => clock.after(0, resolve));
  return async () => {
    if (clock.now() < until) return;
    // Twice: a message read during the first turn is handled in the second (the protocol's reader takes a turn of
    // its own to hand it over), and what it queues for the user (see `waiting`) runs before the next slice.
    await turn();
    await turn();
    if (waiting()) {
      while (waiting()) await turn();
      // Once more: what that work sent is written in a turn of the protocol's writer.
      await turn();
    }
    until = clock.now() + sliceMs;
  };
}
