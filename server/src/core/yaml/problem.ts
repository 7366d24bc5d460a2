import type { Span } from '../types';

/** A syntax problem of a YAML text, at its range in that text. */
export interface YamlProblem {
  readonly span: Span;
  readonly message: string;
}
