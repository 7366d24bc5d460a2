import type { FileModel } from '../model/files';
import type { RawDiagnostic } from '../rules/sink';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type FixData, type Severity, type Span } from '../types';
import { isRecord } from '../util';

// What a cross-file check (an environment's chains, or the Services) found, kept between runs beside the model
// cache, as TypeScript's build info keeps each file's semantic diagnostics: a warm start whose inputs to a check
// are what they were takes its diagnostics instead of linking every chain again.

/** A diagnostic as kept on disk: files by path. */
export interface StoredDiagnostic {
  readonly path: string;
  readonly span: Span;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly related?: readonly { readonly path: string; readonly span: Span; readonly message: string }[];
  readonly data?: FixData;
  readonly severity?: Severity;
}

export interface StoredCheck {
  /** Of everything the check read: its files' paths, kinds, environments and content, and the settings. */
  readonly digest: string;
  /** How many chains it linked (the CLI's summary counts them). */
  readonly chains: number;
  readonly diagnostics: readonly StoredDiagnostic[];
  /** An environment's: the digest of its own files and the settings, Services aside (see keptUnits.ts). */
  readonly own?: string;
  /** An environment's: the same, its routes and HAProxy files aside too. */
  readonly rest?: string;
  /** An environment's: what each of its chains found and reached, as keptUnits.ts writes it (read only when needed). */
  readonly units?: string;
}

/** By check: `services`, or `env:<id>`. */
export type CheckResults = Readonly<Record<string, StoredCheck>>;

/** The digest of a check's inputs; undefined when they cannot be told apart (a check is then always run). */
export type InputsDigest = (files: readonly FileModel[], extra: string) => string | undefined;

export function storedDiagnostic(diagnostic: RawDiagnostic): StoredDiagnostic {
  const { file, span, code, message, related, data, severity } = diagnostic;
  return {
    path: file.path,
    span: { start: span.start, end: span.end },
    code,
    message,
    ...(related?.length ? { related: related.map((item) => ({ path: item.file.path, span: { start: item.span.start, end: item.span.end }, message: item.message })) } : {}),
    ...(data ? { data } : {}),
    ...(severity ? { severity } : {}),
  };
}

/** The diagnostics again, on the workspace's files; undefined when one of their files is not there. */
export function rawDiagnostics(stored: readonly StoredDiagnostic[], fileAt: (path: string) => FileModel | undefined): RawDiagnostic[] | undefined {
  const result: RawDiagnostic[] = [];
  for (const diagnostic of stored) {
    const file = fileAt(diagnostic.path);
    if (!file) return undefined;
    const related: { file: FileModel; span: Span; message: string }[] = [];
    for (const item of diagnostic.related ?? []) {
      const other = fileAt(item.path);
      if (!other) return undefined;
      related.push({ file: other, span: item.span, message: item.message });
    }
    result.push({
      file,
      span: diagnostic.span,
      code: diagnostic.code,
      message: diagnostic.message,
      ...(related.length ? { related } : {}),
      ...(diagnostic.data ? { data: diagnostic.data } : {}),
      ...(diagnostic.severity ? { severity: diagnostic.severity } : {}),
    });
  }
  return result;
}

const CODES: ReadonlySet<string> = new Set(DIAGNOSTIC_CODES);
const SEVERITIES: ReadonlySet<unknown> = new Set<Severity>(['error', 'warning', 'information', 'hint']);
const isSpan = (value: unknown): value is Span => isRecord(value) && Number.isInteger(value['start']) && Number.isInteger(value['end']);

/** Whether data read from disk has the shape of kept results: anything else is not trusted. */
export function isCheckResults(value: unknown): value is CheckResults {
  if (!isRecord(value)) return false;
  return Object.values(value).every(
    (check) =>
      isRecord(check) &&
      typeof check['digest'] === 'string' &&
      Number.isInteger(check['chains']) &&
      Array.isArray(check['diagnostics']) &&
      check['diagnostics'].every(isStoredDiagnostic) &&
      (check['own'] === undefined || typeof check['own'] === 'string') &&
      (check['rest'] === undefined || typeof check['rest'] === 'string') &&
      (check['units'] === undefined || typeof check['units'] === 'string'),
  );
}

export function isStoredDiagnostic(diagnostic: unknown): diagnostic is StoredDiagnostic {
  return (
    isRecord(diagnostic) &&
    typeof diagnostic['path'] === 'string' &&
    isSpan(diagnostic['span']) &&
    typeof diagnostic['code'] === 'string' &&
    CODES.has(diagnostic['code']) &&
    typeof diagnostic['message'] === 'string' &&
    (diagnostic['related'] === undefined || (Array.isArray(diagnostic['related']) && diagnostic['related'].every((item: unknown) => isRecord(item) && typeof item['path'] === 'string' && isSpan(item['span']) && typeof item['message'] === 'string'))) &&
    (diagnostic['data'] === undefined || isRecord(diagnostic['data'])) &&
    (diagnostic['severity'] === undefined || SEVERITIES.has(diagnostic['severity']))
  );
}

/**
 * Replaces what one check (an environment, or the Services) found, by file; every file it reported on before or
 * reports on now is added to `touched`, to be published again.
 */
export function recheck(bySource: Map<string, Map<string, RawDiagnostic[]>>, source: string, touched: Set<string>, found: readonly RawDiagnostic[]): void {
  for (const path of bySource.get(source)?.keys() ?? []) touched.add(path);
  const next = new Map<string, RawDiagnostic[]>();
  for (const diagnostic of found) {
    const list = next.get(diagnostic.file.path);
    if (list) list.push(diagnostic);
    else next.set(diagnostic.file.path, [diagnostic]);
    touched.add(diagnostic.file.path);
  }
  bySource.set(source, next);
}
