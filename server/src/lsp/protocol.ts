import type { ScaffoldOptions } from '../core/edit/scaffold';
import type { ExposureApp, ExposureEnvironment, ExposureHop } from '../core/features/exposures';
import type { YamlExtensionCoverage } from '../core/settings';
import type { Range } from '../core/types';

export type { YamlExtensionCoverage };

/** Custom messages between the client and the server: both import this file, which imports types only. */
export const STATUS_NOTIFICATION = 'kubeExpose/status';

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  /** Environments with an inventory: the chains that can be checked. */
  readonly environments: number;
  /** Workspace folders that hold YAML files Kube Expose reads but no Ansible inventory it recognises. */
  readonly withoutInventory: readonly string[];
}

/** The LSP command that exposes a new app; its argument is ScaffoldArguments. */
export const SCAFFOLD_COMMAND = 'kubeExpose.scaffold';

export interface ScaffoldArguments extends Omit<ScaffoldOptions, 'servicePath'> {
  /** The workspace folder's URI, when several are open. */
  readonly folder?: string;
  /** Returns the edit without applying it. */
  readonly dryRun?: boolean;
}

export interface ScaffoldResponse {
  readonly applied: boolean;
  readonly service: string;
  readonly nodePort: number;
  readonly failureReason?: string;
}

/** What the client needs to offer defaults: the environments, the Helm charts a Service may go into, and the next free node port. */
export const SCAFFOLD_DEFAULTS_REQUEST = 'kubeExpose/scaffoldDefaults';

export interface ScaffoldDefaults {
  readonly environments: readonly { readonly id: string; readonly name: string; readonly folder: string }[];
  /** Each chart's folder relative to its workspace folder (the scaffold's `chart`), and its Chart.yaml name. */
  readonly charts?: readonly { readonly root: string; readonly name: string; readonly folder: string }[];
  /** Where a plain manifest goes (`kubeExpose.scaffold.servicePath`), before `{namespace}` and `{app}` are replaced. */
  readonly servicePath?: string;
  readonly nodePort?: number;
}

/** The Exposures view asks one level at a time: no `env` for the environments, `env` for its apps, both for an app's hops. */
export const EXPOSURES_REQUEST = 'kubeExpose/exposures';

export interface ExposuresParams {
  /** The workspace folder's URI; required with `env`. */
  readonly folder?: string;
  readonly env?: string;
  readonly app?: string;
}

export interface ExposureEnvironmentItem extends ExposureEnvironment {
  readonly folder: string;
}

export interface ExposureAppItem extends ExposureApp {
  readonly folder: string;
}

export interface ExposureHopItem extends Omit<ExposureHop, 'location'> {
  readonly uri: string;
  readonly range: Range;
}

export interface ExposuresResult {
  readonly environments?: readonly ExposureEnvironmentItem[];
  readonly apps?: readonly ExposureAppItem[];
  readonly hops?: readonly ExposureHopItem[];
}

/** Sent when the index changed, so that an open Exposures view asks again. */
export const EXPOSURES_CHANGED_NOTIFICATION = 'kubeExpose/exposuresChanged';

/**
 * The server's memory, after a full garbage collection when the server runs with `--expose-gc`: what the soak
 * benchmark and test read to tell a leak from garbage not yet collected.
 */
export const MEMORY_REQUEST = 'kubeExpose/memoryUsage';

export interface MemoryUsage {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** V8's heap cap (`--max-old-space-size`), in bytes. */
  readonly heapLimit: number;
  readonly collected: boolean;
}
