import { spawnSync } from 'node:child_process';

/**
 * Why a test that needs an outside tool cannot run here, or undefined when the tool answers `--version`.
 * `requiredBy` names an environment variable that turns the absence into a failure (a dedicated npm script sets it).
 */
export function missingTool(command: string, install: string, requiredBy?: string): string | undefined {
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return undefined;
  const reason = `${command} is not installed (${install})`;
  if (requiredBy !== undefined && process.env[requiredBy]) throw new Error(reason);
  return reason;
}
