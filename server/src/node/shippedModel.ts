import type { PreparedFileModel } from '../core/model/files';
import { LAZY_FACTS, withLazyFacts, type LazyTexts } from '../core/workspace/lazyFacts';
import { jsonSafe } from './jsonSafe';

/** A fact whose JSON is at least this long travels, and is kept in the cache, as text parsed when first read. */
const LAZY_FROM = 1024;

/** The JSON of a fact large enough to travel and be kept as text (see LAZY_FROM), or undefined. */
export function largeJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length >= LAZY_FROM ? json : undefined;
}

/** A model as a worker sends it: its large facts as JSON text. */
export interface ShippedModel {
  readonly model: PreparedFileModel;
  readonly texts?: LazyTexts;
}

/**
 * The model with its large facts (a big routes or proxy file's) as JSON text: the receiving thread takes in one
 * string instead of hundreds of thousands of objects, which held it for 100 ms and more while an editor waited,
 * and parses them only when they are read. A fact JSON cannot hold as it is (an `.inf`) is sent as it is.
 */
export function shipped(model: PreparedFileModel): ShippedModel {
  let texts: LazyTexts | undefined;
  let rest: Record<string, unknown> | undefined;
  for (const key of LAZY_FACTS) {
    const value = model[key];
    const json = value === undefined || !jsonSafe(value) ? undefined : largeJson(value);
    if (json === undefined) continue;
    (texts ??= {})[key] = json;
    rest ??= { ...model };
    delete rest[key];
  }
  return texts && rest ? { model: rest as unknown as PreparedFileModel, texts } : { model };
}

/** The model a worker shipped (see shipped), its large facts parsed when first read. */
export function received(model: PreparedFileModel, texts: LazyTexts | undefined): PreparedFileModel {
  if (!texts) return model;
  const sources: Partial<Record<keyof LazyTexts, () => string>> = {};
  for (const key of LAZY_FACTS) {
    const text = texts[key];
    if (text !== undefined) sources[key] = () => text;
  }
  return withLazyFacts(model, sources);
}
