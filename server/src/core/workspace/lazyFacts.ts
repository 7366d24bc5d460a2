import { parseJsonInPieces } from '../text/jsonInPieces';

/**
 * The largest facts of a kept model (a proxy or routes file's entries and templates: 60 % of a warm cache's bytes),
 * held as their JSON text until first read. A warm start whose checks are all kept never reads them; parsing them
 * up front was half its time.
 */
export const LAZY_FACTS = ['proxy', 'routes', 'templates'] as const;
export type LazyFact = (typeof LAZY_FACTS)[number];
export type LazyTexts = Partial<Record<LazyFact, string>>;
/** Each fact's text, decoded when first asked: most are never read. */
export type LazySources = Partial<Record<LazyFact, () => string>>;

/** One fact held as text until read: by its getter at once, or by readLazyFactsInSteps a piece at a time. */
class Lazy {
  private value: unknown;

  constructor(
    /** Let go once parsed: a server would otherwise hold each large fact twice, as text and as objects. */
    public text: (() => string) | undefined,
  ) {}

  readonly get = (): unknown => {
    if (this.text) this.read(JSON.parse(this.text()));
    return this.value;
  };

  *readInSteps(): Generator<undefined, void, undefined> {
    if (this.text) this.read(yield* parseJsonInPieces(this.text()));
  }

  private read(value: unknown): void {
    // Read by the getter meanwhile (the steps were left between two pieces): that value stays, as others hold it.
    if (!this.text) return;
    this.value = value;
    this.text = undefined;
  }
}

/** Each lazy fact's text and getter, by the objects that hold the getter. */
const lazies = new WeakMap<object, Partial<Record<LazyFact, Lazy>>>();

/** Gives `model` a getter for each fact of `kept`: the JSON is parsed once, on first read, by whichever copy reads it. */
export function withLazyFacts<T extends object>(model: T, kept: LazySources): T {
  const own: Partial<Record<LazyFact, Lazy>> = {};
  for (const key of LAZY_FACTS) {
    const text = kept[key];
    if (text === undefined) continue;
    const lazy = new Lazy(text);
    own[key] = lazy;
    Object.defineProperty(model, key, { get: lazy.get, enumerable: true, configurable: true });
  }
  lazies.set(model, own);
  return model;
}

/**
 * Parses the facts of `model` still held as text, a piece at a time (see parseJsonInPieces), so that the caller can
 * serve an editor's messages between pieces before the facts are read at once.
 */
export function* readLazyFactsInSteps(model: object): Generator<undefined, void, undefined> {
  const own = lazies.get(model);
  for (const key of (own && lazyKeys(model)) ?? []) {
    const lazy = own?.[key];
    if (lazy) yield* lazy.readInSteps();
    yield;
  }
}

/**
 * The facts of `model` still held as their kept text, not read yet, if any. A fact read since, or given another
 * value (a model copied over this one), is not.
 */
export function lazyTexts(model: object): LazyTexts | undefined {
  const own = lazies.get(model);
  if (!own) return undefined;
  let found: LazyTexts | undefined;
  for (const key of lazyKeys(model) ?? []) {
    const lazy = own[key];
    const text = lazy?.text?.();
    if (text !== undefined) (found ??= {})[key] = text;
  }
  return found;
}

/** Which facts of `model` are still lazy (see lazyTexts), without decoding their texts. */
export function lazyKeys(model: object): readonly LazyFact[] | undefined {
  const own = lazies.get(model);
  return own && LAZY_FACTS.filter((key) => own[key] !== undefined && Object.getOwnPropertyDescriptor(model, key)?.get === own[key].get);
}

/** Copies the lazy facts' getters of `from` onto `to`, which then shares their parsed values. */
export function copyLazyFacts<T extends object>(from: object, to: T): T {
  const own = lazies.get(from);
  if (!own) return to;
  const copied: Partial<Record<LazyFact, Lazy>> = {};
  for (const key of LAZY_FACTS) {
    const lazy = own[key];
    if (!lazy || Object.getOwnPropertyDescriptor(from, key)?.get !== lazy.get) continue;
    Object.defineProperty(to, key, { get: lazy.get, enumerable: true, configurable: true });
    copied[key] = lazy;
  }
  lazies.set(to, copied);
  return to;
}
