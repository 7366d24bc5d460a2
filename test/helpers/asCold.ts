import assert from 'node:assert/strict';
import type { Workspace } from '../../server/src/core/workspace/workspace';

/** Every file's diagnostics, by path. */
export const shown = (workspace: Workspace): unknown => [...workspace.allDiagnostics()].sort(([a], [b]) => a.localeCompare(b));

/** An environment's chains, linked if they were kept: app, port, Service and each hop. */
export const chainsOf = (workspace: Workspace, env: string): unknown =>
  workspace.chains(env).map((chain) => [chain.app, chain.expected, chain.service?.file.path, chain.hops.map((hop) => [hop.kind, hop.file.path, hop.span, hop.value])]);

/** A warm start shows what a cold run of the same files shows: its diagnostics, and each environment's chains. */
export function assertAsCold(started: Workspace, cold: Workspace): void {
  assert.deepEqual(shown(started), shown(cold));
  for (const env of cold.environmentNames()) {
    assert.equal(started.chainCount(env), cold.chains(env).length, env);
    assert.deepEqual(chainsOf(started, env), chainsOf(cold, env), env);
  }
}
