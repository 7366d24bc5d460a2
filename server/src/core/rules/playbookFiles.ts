import type { FileModel } from '../model/files';

/** Whether `file` is read by `env` as playbook-adjacent vars rather than as the environment's own. */
export function isPlaybookVars(file: FileModel, env: string): boolean {
  return file.env !== undefined && file.env !== env && file.inventory === undefined;
}
