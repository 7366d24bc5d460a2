import type { Range } from '../types';

/** Edits as LSP shapes them, with file paths instead of URIs. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface WorkspaceEdit {
  /** Edits of files that exist, by path. */
  readonly changes: Readonly<Record<string, readonly TextEdit[]>>;
  /** Files to create with their whole content, before the edits apply. */
  readonly creates?: readonly { readonly file: string; readonly text: string }[];
}
