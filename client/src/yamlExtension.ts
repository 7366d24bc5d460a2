import * as vscode from 'vscode';
import type { YamlExtensionCoverage } from '../../server/src/lsp/protocol';
import { SECTION } from './section';

const RED_HAT_YAML = 'redhat.vscode-yaml';
const KUBERNETES = 'ms-kubernetes-tools.vscode-kubernetes-tools';
const NONE: YamlExtensionCoverage = { syntax: false, kubernetesSchema: false, groupVarsSchema: false };

/**
 * What Red Hat's YAML extension reports in open YAML documents, for the server to leave to it
 * (`kubeExpose.deferToYamlExtension`). Its syntax errors come with `yaml.validate`; a Kubernetes schema with the
 * Kubernetes extension or a `kubernetes` entry in `yaml.schemas`; ours when `yaml.schemas` maps them.
 */
export function yamlExtensionCoverage(scope?: vscode.Uri): YamlExtensionCoverage {
  if (!vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('deferToYamlExtension', true)) return NONE;
  if (!vscode.extensions.getExtension(RED_HAT_YAML)) return NONE;
  const yaml = vscode.workspace.getConfiguration('yaml', scope);
  if (!yaml.get<boolean>('validate', true)) return NONE;
  const schemas = Object.keys(yaml.get<Record<string, unknown>>('schemas') ?? {});
  return {
    syntax: true,
    kubernetesSchema: vscode.extensions.getExtension(KUBERNETES) !== undefined || schemas.some((schema) => schema === 'kubernetes' || /kubernetes|service-v1\.json/i.test(schema)),
    groupVarsSchema: schemas.some((schema) => /(proxy|routes)\.schema\.json$/.test(schema)),
  };
}

/** Fires when the answer of yamlExtensionCoverage may have changed. */
export function onYamlExtensionChange(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(listener),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml.validate') || event.affectsConfiguration('yaml.schemas')) listener();
    }),
  );
}
