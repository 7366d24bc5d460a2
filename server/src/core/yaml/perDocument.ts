import type { Document } from 'yaml';

/**
 * What is read from one parsed document, kept with it. In a large group-vars file each entry is its own
 * document and an edit re-parses one entry: the others keep their results, moved by the distance their
 * document moved. Results must be plain data whose offsets are all `{ start, end }` spans.
 */
interface Cached {
  readonly start: number;
  readonly value: unknown;
}

const caches = new WeakMap<Document.Parsed, Map<string, Cached>>();

export function perDocument<T>(document: Document.Parsed, key: string, compute: () => T): T {
  const start = document.range[0];
  let cache = caches.get(document);
  const cached = cache?.get(key);
  if (cached) return (cached.start === start ? cached.value : shifted(cached.value, start - cached.start)) as T;
  const value = compute();
  if (!cache) caches.set(document, (cache = new Map<string, Cached>()));
  cache.set(key, { start, value });
  return value;
}

function isSpan(value: object): value is { start: number; end: number } {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as { start?: unknown }).start === 'number' && typeof (value as { end?: unknown }).end === 'number';
}

/** A copy with every span moved by `delta`; strings, numbers and the rest are shared. */
function shifted(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shifted(item, delta));
  if (typeof value !== 'object' || value === null) return value;
  if (isSpan(value)) return { start: value.start + delta, end: value.end + delta };
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) copy[name] = shifted(item, delta);
  return copy;
}
