import type { FileModel } from '../workspace/fileModel';

/**
 * Why a scaffold was refused; nothing is written then. `invalid`: a value given is wrong in itself (a name, a
 * port, an environment that does not exist), as opposed to one the repository already uses.
 */
export class ScaffoldError extends Error {
  constructor(
    message: string,
    readonly invalid = false,
  ) {
    super(message);
  }
}

/** An absolute path under the root; anything that would leave it is refused. */
export function inside(root: string, relative: string): string {
  const parts: string[] = [];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' || part.includes('\\') || part.includes('\0')) throw new ScaffoldError(`${relative} would fall outside the workspace.`, true);
    parts.push(part);
  }
  if (relative.startsWith('/') || parts.length === 0) throw new ScaffoldError(`${relative} would fall outside the workspace.`, true);
  return `${root.replace(/\/$/, '')}/${parts.join('/')}`;
}

export function refuseBroken(file: FileModel): void {
  if (file.problems.some((problem) => problem.code === 'yaml-syntax' || problem.code === 'file-skipped')) {
    throw new ScaffoldError(`${file.relativePath} is not valid YAML: fix it first.`);
  }
}
