import type { DiagnosticCode, FixData, Span } from '../types';
import type { FileModel } from '../model/files';

export interface RawRelated {
  readonly file: FileModel;
  readonly span: Span;
  readonly message: string;
}

/** A diagnostic before positions and severities are applied; rules produce these. */
export interface RawDiagnostic {
  readonly file: FileModel;
  readonly span: Span;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related?: readonly RawRelated[];
  readonly data?: FixData;
}

export type Sink = (diagnostic: RawDiagnostic) => void;

/** `path:line` of a place, as the messages name the other side of a link. */
export function where(file: FileModel, span: Span): string {
  return `${file.relativePath}:${file.lines.positionAt(span.start).line + 1}`;
}
