import type { YamlExtensionCoverage } from '../settings';
import type { Diagnostic } from '../types';
import type { FileKind } from '../workspace/classify';

/**
 * Drops, from the diagnostics of a document open in the editor, what Red Hat's YAML extension reports there
 * too, so that a problem shows once in the Problems panel. That extension validates only open `yaml`
 * documents: closed files and other languages keep every diagnostic of ours.
 */
export function withoutWhatYamlExtensionReports(diagnostics: readonly Diagnostic[], kind: FileKind | undefined, coverage: YamlExtensionCoverage): readonly Diagnostic[] {
  const leaveSchema = kind === 'kubernetes' ? coverage.kubernetesSchema : kind === 'proxy' || kind === 'routes' ? coverage.groupVarsSchema : false;
  if (!coverage.syntax && !leaveSchema) return diagnostics;
  return diagnostics.filter((diagnostic) => !(coverage.syntax && diagnostic.code === 'yaml-syntax') && !(leaveSchema && diagnostic.code === 'schema'));
}
