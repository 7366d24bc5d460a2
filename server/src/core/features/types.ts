import type { Diagnostic, Range } from '../types';
import type { TextEdit, WorkspaceEdit } from '../edit/types';

/** Shapes close to LSP's, with file paths instead of URIs, so the server maps them one to one. */
export interface Location {
  readonly file: string;
  readonly range: Range;
}

export type { TextEdit, WorkspaceEdit };

export interface HoverResult {
  readonly markdown: string;
  readonly range?: Range;
}

export type CompletionKind = 'property' | 'value' | 'app' | 'variable' | 'group' | 'stream' | 'port' | 'snippet';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText?: string;
  readonly isSnippet?: boolean;
  readonly range?: Range;
  readonly filterText?: string;
  readonly sortText?: string;
}

export interface CodeActionEntry {
  readonly title: string;
  readonly diagnostic?: Diagnostic;
  readonly edit: WorkspaceEdit;
  readonly isPreferred?: boolean;
}

export interface CodeLensEntry {
  readonly range: Range;
  readonly title: string;
  /** Where a click takes the user (the other hops of the chain). */
  readonly locations: readonly Location[];
}

export type SymbolKind = 'app' | 'service' | 'group' | 'variable' | 'stream' | 'location' | 'port' | 'namespace' | 'document';

export interface SymbolEntry {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children?: readonly SymbolEntry[];
}

export interface WorkspaceSymbolEntry {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly location: Location;
  readonly container?: string;
}
