import type { FileModel } from '../model/files';
import type { RawDiagnostic } from '../rules/sink';
import type { Settings } from '../settings';
import { DEFAULT_SEVERITY, type Diagnostic } from '../types';
import { compareOrdinal } from '../util';

/** A file's diagnostics as users see them: with the severities the settings give, in a total order. */
export function shownDiagnostics(path: string, file: FileModel, raw: readonly RawDiagnostic[], severities: Settings['severity']): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const diagnostic of raw) {
    const severity = severities[diagnostic.code] ?? diagnostic.severity ?? DEFAULT_SEVERITY[diagnostic.code];
    if (severity === 'off') continue;
    result.push({
      file: path,
      range: file.lines.rangeOf(diagnostic.span),
      severity,
      code: diagnostic.code,
      message: diagnostic.message,
      ...(diagnostic.related?.length
        ? { related: diagnostic.related.map((related) => ({ file: related.file.path, range: related.file.lines.rangeOf(related.span), message: related.message })) }
        : {}),
      ...(diagnostic.data ? { data: diagnostic.data } : {}),
    });
  }
  // A total order: the rules may emit in another order after a patched re-check than after a full one.
  return result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code) || compareOrdinal(a.message, b.message));
}

/**
 * A file's diagnostics: its own problems (a patch's missing targets aside: the overlay reports them) and what the
 * cross-file checks found in it, on the model the workspace holds now.
 */
export function fileDiagnostics(
  file: FileModel,
  crossBySource: Iterable<ReadonlyMap<string, readonly RawDiagnostic[]>>,
  fileAt: (path: string) => FileModel | undefined,
  isPatch: boolean,
  severities: Settings['severity'],
): Diagnostic[] {
  const raw: RawDiagnostic[] = [];
  for (const problem of file.problems) if (!(problem.missing && isPatch)) raw.push({ file, span: problem.span, code: problem.code, message: problem.message, ...(problem.severity ? { severity: problem.severity } : {}) });
  for (const diagnostics of crossBySource) {
    for (const diagnostic of diagnostics.get(file.path) ?? []) if (fileAt(diagnostic.file.path) === diagnostic.file) raw.push(diagnostic);
  }
  // Most files of a large workspace have nothing to show, and a commit that staged all of them asks for each.
  return raw.length === 0 ? [] : shownDiagnostics(file.path, file, raw, severities);
}
