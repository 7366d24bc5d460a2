import { relative, sep } from 'node:path';
import type { Location, Log, Region, ReportingDescriptor } from 'sarif';
import { pathToFileURL } from 'node:url';
import { CODE_TITLES } from '../core/codes';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES, type Diagnostic, type Range, type Severity } from '../core/types';

const LEVEL: Record<Severity, NonNullable<ReportingDescriptor['defaultConfiguration']>['level'] & string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as code-scanning services read it: paths relative to `root` (`%SRCROOT%`, the current folder). */
export function formatSarif(diagnostics: readonly Diagnostic[], root: string, version: string): string {
  const uriOf = (file: string): string => relative(root, file).split(sep).join('/');
  const region = (range: Range): Region => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const location = (file: string, range: Range): Location => ({ physicalLocation: { artifactLocation: { uri: uriOf(file), uriBaseId: 'SRCROOT' }, region: region(range) } });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-expose',
            version,
            informationUri: 'https://marketplace.visualstudio.com/items?itemName=kube-expose.kube-expose',
            rules: DIAGNOSTIC_CODES.map((code) => ({
              id: code,
              name: code,
              shortDescription: { text: CODE_TITLES[code] },
              defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.code,
          ruleIndex: DIAGNOSTIC_CODES.indexOf(diagnostic.code),
          level: LEVEL[diagnostic.severity],
          message: { text: diagnostic.message },
          locations: [location(diagnostic.file, diagnostic.range)],
          ...(diagnostic.related?.length
            ? { relatedLocations: diagnostic.related.map((related, id) => ({ id, ...location(related.file, related.range), message: { text: related.message } })) }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
