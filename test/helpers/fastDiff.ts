import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { FileKind } from '../../server/src/core/workspace/classify';
import { fastModel } from '../../server/src/core/workspace/fastModel';
import { prepared } from '../../server/src/core/workspace/fileModel';
import { byContent, modelOf } from '../../server/src/core/workspace/prepare';

/** Where each YAML file kind lives, as the default globs classify them. */
export const KIND_PATHS: Readonly<Record<Exclude<FileKind, 'inventory'>, string>> = {
  routes: 'inventories/prod/webservers_pool/routes.yml',
  proxy: 'inventories/prod/kube_gateway_pool/proxy.yml',
  vars: 'inventories/prod/group_vars/all/apps.yml',
  kubernetes: 'k8s/app-service.yml',
};

export interface Tally {
  read: number;
  declined: number;
  /** Why files were declined, with how many. */
  readonly reasons: Map<string, number>;
}

export function tally(): Tally {
  return { read: 0, declined: 0, reasons: new Map() };
}

/**
 * Reads `text` as a file of `kind` both ways and fails unless the fast reader declined it or gave the very model
 * (facts, spans, problems) the `yaml` path gives. Counts the outcome in `into`.
 */
export function assertSameModel(kind: FileKind, relativePath: string, text: string, into: Tally): void {
  const content = { text };
  // As prepareModel does before the fast reader: a file shaped as an inventory is one, wherever it is.
  const descriptor = byContent({ path: `/repo/${relativePath}`, relativePath, kind, env: 'prod' }, content);
  if (descriptor === undefined) return;
  const fast = fastModel(descriptor, content, DEFAULT_SETTINGS);
  if (fast !== undefined && 'declined' in fast) {
    into.declined++;
    into.reasons.set(fast.declined, (into.reasons.get(fast.declined) ?? 0) + 1);
    return;
  }
  const model = modelOf(descriptor, content, DEFAULT_SETTINGS);
  assert.deepStrictEqual(fast, model && prepared(model), `the fast reader and the yaml path disagree on this ${kind} file (${relativePath}):\n${text}`);
  into.read++;
}
