import type { VariableFact } from '../model/facts';
import type { FileModel } from '../model/files';
import type { Span } from '../types';

export interface VariableDefinition {
  readonly file: FileModel;
  readonly fact: VariableFact;
}

/** Where a resolved number is literally written, and the variables crossed to reach it. */
export interface Resolution {
  readonly value?: number | string;
  readonly source?: { readonly file: FileModel; readonly span: Span };
  readonly via: readonly VariableDefinition[];
  /** The path that is not defined, when resolution stopped on it. */
  readonly unknownPath?: string;
  /** The template as written, when the value was computed by the expression reader (hover shows both). */
  readonly expression?: string;
  /** Why the expression reader gave no value: the part it could not read. */
  readonly unresolved?: string;
}

/** What the expression reader needs of an environment's variables (the scope itself). */
export interface VariableLookup {
  lookup(path: string, from?: FileModel): readonly VariableDefinition[];
  isDefined(path: string): boolean;
}
