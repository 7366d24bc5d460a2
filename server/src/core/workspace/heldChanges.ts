/**
 * The changes staged while a check is between two of its steps. A check reads its files' models, which staging
 * changes in place (so that what a kept check points to stays current): a check whose steps let an editor's
 * messages in between would otherwise read some entries of one version of a file and some of the next. The
 * changes wait, by path, and are applied, in the order they came, once the check is done.
 */
export class HeldChanges<T> {
  private readonly held = new Map<string, T | undefined>();
  private stepping = false;
  /** Counts the commits begun, for a check between its steps to tell that another one began meanwhile. */
  private commits = 0;

  constructor(private readonly apply: (path: string, value: T | undefined) => void) {}

  /** Holds a change while a check is between its steps; false when it may be applied at once. */
  hold(path: string, value: T | undefined): boolean {
    if (!this.stepping) return false;
    // The latest change comes last, as it would have been applied.
    this.held.delete(path);
    this.held.set(path, value);
    return true;
  }

  get size(): number {
    return this.held.size;
  }

  has(path: string): boolean {
    return this.held.has(path);
  }

  get(path: string): T | undefined {
    return this.held.get(path);
  }

  /**
   * A commit begins: a check between its steps (a setting changed meanwhile) must not go on with what it saw.
   * True when one is, and its commit is then dropped (see Workspace.commitInSteps).
   */
  commitBegins(): boolean {
    this.commits++;
    return this.stepping;
  }

  /**
   * Runs the steps of a check, yielding between them, with what is staged meanwhile held; then applies it. The
   * check's result, or undefined when another commit began meanwhile: the caller drops the check then.
   */
  *during<R>(start: () => Generator<undefined, R, undefined> | R): Generator<undefined, R | undefined, undefined> {
    const outer = this.stepping;
    this.stepping = true;
    const commits = this.commits;
    try {
      const run = start();
      if (!isGenerator<R>(run)) {
        yield;
        return this.commits === commits ? run : undefined;
      }
      for (;;) {
        const step = run.next();
        if (step.done) return step.value;
        yield;
        if (this.commits !== commits) return undefined;
      }
    } finally {
      this.stepping = outer;
      if (!outer) this.release();
    }
  }

  private release(): void {
    const changes = [...this.held];
    this.held.clear();
    for (const [path, value] of changes) this.apply(path, value);
  }
}

function isGenerator<R>(value: unknown): value is Generator<undefined, R, undefined> {
  return typeof value === 'object' && value !== null && typeof (value as { next?: unknown }).next === 'function';
}
