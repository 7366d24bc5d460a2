/** Offsets into a file's text, in UTF-16 code units like JavaScript strings and LSP's default encoding. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Zero-based, shaped like LSP's Position so the server can pass it through unchanged. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DIAGNOSTIC_CODES = [
  'yaml-syntax',
  'schema',
  'port-mismatch',
  'nodeport-range',
  'duplicate-nodeport',
  'duplicate-port',
  'duplicate-stream',
  'duplicate-location',
  'unknown-variable',
  'unknown-group',
  'unknown-stream',
  'missing-link',
  'service-type',
  'file-skipped',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const DEFAULT_SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'port-mismatch': 'error',
  'nodeport-range': 'error',
  'duplicate-nodeport': 'error',
  'duplicate-port': 'error',
  'duplicate-stream': 'error',
  'duplicate-location': 'error',
  'unknown-variable': 'warning',
  'unknown-group': 'error',
  'unknown-stream': 'error',
  'missing-link': 'warning',
  'service-type': 'error',
  'file-skipped': 'warning',
};

/** A place in some file of the workspace, for messages and related information. */
export interface FileSpan {
  readonly file: string;
  readonly span: Span;
}

export interface RelatedInformation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** What a quick-fix needs to repair a diagnostic without re-deriving the chain. */
export interface FixData {
  readonly app?: string;
  readonly env?: string;
  /** The port the chain expects at this place. */
  readonly expectedPort?: number;
  /** Which side of a chain is missing, for `missing-link`. */
  readonly missing?: 'haproxy' | 'nginx';
  /** The text that repairs the diagnostic's range, for a fix that needs nothing else. */
  readonly replacement?: string;
}

export interface Diagnostic {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related?: readonly RelatedInformation[];
  readonly data?: FixData;
}
