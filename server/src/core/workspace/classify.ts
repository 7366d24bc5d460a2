import picomatch from 'picomatch';
import type { Settings } from '../settings';
import type { FileKind } from '../model/files';
import { environmentName } from '../model/environmentName';

export type { FileKind };
export { environmentName };

type Matcher = (path: string) => boolean;

/** Decides from a file's path (relative to the workspace root) what it is and which environment it belongs to. */
export class Classifier {
  private readonly matchers: Record<FileKind | 'exclude', Matcher>;
  private readonly serviceEnvironments: readonly { readonly match: Matcher; readonly env: string }[];

  constructor(settings: Settings) {
    const compile = (globs: readonly string[]): Matcher => (globs.length ? picomatch([...globs], { dot: true }) : () => false);
    this.matchers = {
      inventory: compile(settings.files.inventory),
      vars: compile(settings.files.vars),
      proxy: compile(settings.files.proxy),
      routes: compile(settings.files.routes),
      kubernetes: compile(settings.files.kubernetes),
      exclude: compile(settings.files.exclude),
    };
    this.serviceEnvironments = Object.entries(settings.serviceEnvironments).map(([glob, env]) => ({ match: compile([glob]), env }));
  }

  isExcluded(relativePath: string): boolean {
    return this.matchers.exclude(relativePath);
  }

  /** The kind by path alone; Kubernetes manifests are confirmed by their content later. */
  kindOf(relativePath: string): FileKind | undefined {
    if (this.matchers.exclude(relativePath)) return undefined;
    for (const kind of ['inventory', 'proxy', 'routes', 'vars', 'kubernetes'] as const) {
      if (this.matchers[kind](relativePath)) return kind;
    }
    return undefined;
  }

  /**
   * The environment of a file: for inventory-side files the folder of the environment, relative to the
   * root (`inventories/prod`), so that two repositories under one root never merge; for a Service, the
   * environment name that `serviceEnvironments` maps it to, if any.
   */
  environmentOf(relativePath: string, kind: FileKind): string | undefined {
    if (kind === 'kubernetes') return this.serviceEnvironments.find((entry) => entry.match(relativePath))?.env;
    const parts = relativePath.split('/');
    const index = parts.lastIndexOf('inventories');
    if (index >= 0 && parts.length > index + 2) return parts.slice(0, index + 2).join('/');
    if (kind === 'inventory') return parts.length > 1 ? parts.slice(0, -1).join('/') : '.';
    const groupVars = parts.indexOf('group_vars');
    if (groupVars > 0) return parts.slice(0, groupVars).join('/');
    return parts.length > 2 ? parts.slice(0, -2).join('/') : '.';
  }
}
