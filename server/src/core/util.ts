/** Spreads `{ key: value }` only when the value is defined, so optional fields stay absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether two lists hold the same items (by identity) in the same order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The first index in [0, length) where `test` holds, for a `test` false up to some index and true from there on. */
export function firstIndexWhere(length: number, test: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A plain JSON object, as settings arrive from the editor or a file. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares by UTF-16 code units, the same on every machine (localeCompare depends on the locale). */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs a generator of steps to its end, for a caller with nothing to do between them. */
export function finish<T>(steps: Generator<unknown, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The items `keep` accepts, in order, read in steps of `size` items (a cold index re-publishes every file). */
export function* filterInSteps<T>(items: Iterable<T>, keep: (item: T) => boolean, size: number): Generator<undefined, T[], undefined> {
  const kept: T[] = [];
  let count = 0;
  for (const item of items) {
    if (keep(item)) kept.push(item);
    if (++count % size === 0) yield;
  }
  return kept;
}
