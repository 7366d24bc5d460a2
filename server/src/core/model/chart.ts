import type { Document } from 'yaml';
import type { HelmServiceTemplate } from './helmTemplate';
import { get, scalarText } from '../yaml/nodes';

/** What a file is to a Helm chart, from its path relative to the workspace. */
export type ChartRole =
  | { readonly role: 'chart'; readonly root: string }
  | { readonly role: 'values'; readonly root: string; readonly env?: string }
  | { readonly role: 'template'; readonly root: string };

/**
 * `<chart>/Chart.yaml`, `<chart>/values.yaml`, `<chart>/values-<env>.yaml`, `<chart>/values/<env>.yaml` and
 * anything under `<chart>/templates/`. Whether `<chart>` holds a Chart.yaml is known only with the other
 * files: see rules/helm.ts.
 */
export function chartRoleOf(relativePath: string): ChartRole | undefined {
  const parts = relativePath.split('/');
  const base = parts[parts.length - 1] ?? '';
  const folder = (count: number): string => parts.slice(0, parts.length - count).join('/') || '.';
  if (base === 'Chart.yaml') return { role: 'chart', root: folder(1) };
  const templates = parts.lastIndexOf('templates');
  if (templates >= 0 && templates < parts.length - 1) return { role: 'template', root: parts.slice(0, templates).join('/') || '.' };
  if (/^values\.ya?ml$/.test(base)) return { role: 'values', root: folder(1) };
  const suffixed = /^values-(.+)\.ya?ml$/.exec(base);
  if (suffixed?.[1]) return { role: 'values', root: folder(1), env: suffixed[1] };
  const named = /^(.+)\.ya?ml$/.exec(base);
  if (parts[parts.length - 2] === 'values' && named?.[1]) return { role: 'values', root: folder(2), env: named[1] };
  return undefined;
}

/** A template holds Go template actions; a file under `templates/` without any is plain YAML. */
export function isHelmTemplate(relativePath: string, text: string): boolean {
  return chartRoleOf(relativePath)?.role === 'template' && text.includes('{{');
}

export function chartNameOf(documents: readonly Document.Parsed[]): string | undefined {
  return scalarText(get(documents[0]?.contents, 'name')?.value)?.value;
}

/** A file's part in a Helm chart, as its model keeps it. */
export interface ChartFacts {
  readonly role: ChartRole['role'];
  readonly root: string;
  /** A values file's environment by convention (`values-prod.yaml`, `values/prod.yaml`). */
  readonly env?: string;
  /** Chart.yaml's `name`. */
  readonly name?: string;
  readonly services?: readonly HelmServiceTemplate[];
}
