import type { PreparedFileModel } from '../core/model/files';
import { LAZY_FACTS, withLazyFacts, type LazyTexts } from '../core/workspace/lazyFacts';
import { jsonSafe } from './jsonSafe';

/** A fact whose JSON is at least this long travels, and is kept in the cache, as text parsed when first read. */
export const LAZY_FROM = 1024;

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
    if (value === undefined || !jsonSafe(value)) continue;
    const json = JSON.stringify(value);
    if (json.length < LAZY_FROM) continue;
    (texts ??= {})[key] = json;
    rest ??= { ...model };
    delete rest[key];
  }
  return texts && rest ? { model: rest as unknown as PreparedFileModel, texts } : { model };
}

/** The model a worker shipped, its large facts parsed when first read. */
export function received(shippedModel: ShippedModel): PreparedFileModel {
  const { model, texts } = shippedModel;
  if (!texts) return model;
  const sources: Partial<Record<keyof LazyTexts, () => string>> = {};
  for (const key of LAZY_FACTS) {
    const text = texts[key];
    if (text !== undefined) sources[key] = () => text;
  }
  return withLazyFacts(model, sources);
}
