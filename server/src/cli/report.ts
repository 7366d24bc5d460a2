import type { Diagnostic } from '../core/types';
import type { Format } from './args';
import { formatJson, formatText, type CheckedEnvironment } from './format';
import { formatGithub } from './github';
import { shownPath } from './rebase';
import { formatSarif } from './sarif';
import type { CliIo } from './io';
import { EXIT } from './exit';

/** What one check found, with every path already absolute: the report decides how each is shown. */
export interface CheckOutcome {
  readonly diagnostics: readonly Diagnostic[];
  /** Where the paths were checked within (one per repository). */
  readonly roots: readonly string[];
  /** The one folder holding every root, which the JSON report names. */
  readonly reportRoot: string;
  /** The environments the given paths reach, with an inventory (paths relative to the current folder). */
  readonly environments: readonly CheckedEnvironment[];
  readonly files: number;
  readonly chains: number;
}

/** Prints the outcome in the chosen format and returns the exit status: the one place that decides both. */
export function report(outcome: CheckOutcome, format: Format, io: CliIo, version: string): number {
  const { diagnostics } = outcome;
  if (format === 'json') io.stdout(formatJson(diagnostics, outcome.reportRoot, outcome.files, io.cwd, outcome.environments));
  else if (format === 'sarif') io.stdout(formatSarif(diagnostics, io.cwd, version));
  else {
    io.stdout(format === 'github' ? formatGithub(diagnostics, io.cwd) : formatText(diagnostics, io.cwd));
    io.stderr(summary(outcome, io.cwd));
  }
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT.problems : EXIT.ok;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * `1 error, 0 warnings in 5 files checked (1 environment, 1 chain; root: examples/protobox).`, on stderr, also
 * when all is clean: a run must show that it looked at something, and within which repository.
 */
export function summary(outcome: CheckOutcome, cwd: string): string {
  const count = (severity: Diagnostic['severity']): number => outcome.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const others = outcome.diagnostics.length - errors - warnings;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (others) parts.push(plural(others, 'other'));
  const roots = outcome.roots.map((root) => shownPath(root, cwd)).join(', ');
  return `${parts.join(', ')} in ${plural(outcome.files, 'file')} checked (${plural(outcome.environments.length, 'environment')}, ${plural(outcome.chains, 'chain')}; root: ${roots}).\n`;
}
