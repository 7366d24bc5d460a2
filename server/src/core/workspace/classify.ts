import picomatch from 'picomatch';
import type { Settings } from '../settings';

export type FileKind = 'inventory' | 'proxy' | 'routes' | 'vars' | 'kubernetes';

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

  /** The environment of an inventory-side file: the folder right under `inventories/`, else the inventory's folder. */
  environmentOf(relativePath: string, kind: FileKind): string | undefined {
    if (kind === 'kubernetes') return this.serviceEnvironments.find((entry) => entry.match(relativePath))?.env;
    const parts = relativePath.split('/');
    const index = parts.lastIndexOf('inventories');
    if (index >= 0 && parts.length > index + 2) return parts[index + 1];
    if (kind === 'inventory') return parts.length > 1 ? parts[parts.length - 2] : 'default';
    const groupVars = parts.indexOf('group_vars');
    if (groupVars > 0) return parts[groupVars - 1];
    return parts.length > 2 ? parts[parts.length - 3] : 'default';
  }
}
