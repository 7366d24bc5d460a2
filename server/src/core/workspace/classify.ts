import picomatch from 'picomatch';
import type { Settings } from '../settings';
import type { FileKind } from '../model/files';
import { environmentName } from '../model/environmentName';

export type { FileKind };
export { environmentName };

type Matcher = (path: string) => boolean;

/** Past this many paths the memo starts again: a server that lives for days sees many come and go. */
const MAX_KNOWN_KINDS = 100_000;

/** Decides from a file's path (relative to the workspace root) what it is and which environment it belongs to. */
export class Classifier {
  private readonly matchers: Record<FileKind | 'exclude', Matcher>;
  private readonly serviceEnvironments: readonly { readonly match: Matcher; readonly env: string }[];
  /** Each path's kind as last asked (null: none); a classifier lives as long as its settings. */
  private readonly kinds = new Map<string, FileKind | null>();

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

  /**
   * The kind by path alone; Kubernetes manifests are confirmed by their content later, and so are the files
   * only `isInventoryCandidate` takes (read as inventories if their content is one).
   */
  kindOf(relativePath: string): FileKind | undefined {
    // Indexing asks twice per file (is it wanted, then what is it), and a Service file goes through every glob.
    const known = this.kinds.get(relativePath);
    if (known !== undefined) return known ?? undefined;
    if (this.kinds.size >= MAX_KNOWN_KINDS) this.kinds.clear();
    const kind = this.match(relativePath);
    this.kinds.set(relativePath, kind ?? null);
    return kind;
  }

  private match(relativePath: string): FileKind | undefined {
    if (this.matchers.exclude(relativePath)) return undefined;
    for (const kind of ['inventory', 'proxy', 'routes', 'vars', 'kubernetes'] as const) {
      if (this.matchers[kind](relativePath)) return kind;
    }
    return isInventoryCandidate(relativePath) ? 'inventory' : undefined;
  }

  /** Where a file stands for the index (see Workspace.describe), or undefined when it does not want it. */
  describe(path: string, relativePath: string): { path: string; relativePath: string; kind: FileKind; env: string | undefined; byContent?: true } | undefined {
    const kind = this.kindOf(relativePath);
    if (!kind) return undefined;
    const byContent = kind === 'inventory' && this.needsInventoryContent(relativePath);
    return { path, relativePath, kind, env: this.environmentOf(relativePath, kind), ...(byContent ? { byContent } : {}) };
  }

  /** Whether the file is an inventory only if its content says so (no glob names it). */
  needsInventoryContent(relativePath: string): boolean {
    return !this.matchers.inventory(relativePath) && isInventoryCandidate(relativePath);
  }

  /**
   * The environment of a file: for inventory-side files the folder of the environment, relative to the
   * root (`inventories/prod`), so that two repositories under one root never merge; for a Service, the
   * environment name that `serviceEnvironments` maps it to, if any.
   */
  environmentOf(relativePath: string, kind: FileKind): string | undefined {
    if (kind === 'kubernetes') return this.serviceEnvironments.find((entry) => entry.match(relativePath))?.env;
    const parts = relativePath.split('/');
    const seedLayout = inventoriesFolder(parts);
    if (seedLayout !== undefined) return seedLayout;
    if (kind === 'inventory') return inventoryEnvironment(relativePath);
    const groupVars = parts.findIndex((part) => part === 'group_vars' || part === 'host_vars');
    if (groupVars >= 0) return parts.slice(0, groupVars).join('/') || '.';
    return parts.length > 2 ? parts.slice(0, -2).join('/') : '.';
  }
}

/** An inventory's environment: the folder it is in, as for `-i <folder>`. */
export function inventoryEnvironment(relativePath: string): string {
  const parts = relativePath.split('/');
  return inventoriesFolder(parts) ?? (parts.length > 1 ? parts.slice(0, -1).join('/') : '.');
}

/** `inventories/<env>` for any file below it, at any depth: the seed's layout, where group folders sit there too. */
function inventoriesFolder(parts: readonly string[]): string | undefined {
  const index = parts.lastIndexOf('inventories');
  return index >= 0 && parts.length > index + 2 ? parts.slice(0, index + 2).join('/') : undefined;
}

/**
 * Files named as INI inventories are (`hosts`, `hosts.ini`, any `*.ini`), outside the folders where an Ansible
 * repository keeps files copied to the servers (a role's `files/` and `templates/` often hold an /etc/hosts).
 */
function isInventoryCandidate(relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (name !== 'hosts' && !name.endsWith('.ini')) return false;
  return !/(?:^|\/)(?:files|templates|roles)\//.test(relativePath);
}
