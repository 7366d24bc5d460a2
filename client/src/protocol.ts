// The custom messages of the Kube Expose language server, as the client sees them (rust-analyzer's lsp_ext.ts).
// They mirror server/src/lsp/protocol.ts: the client imports no server code, and test/package.test.ts checks,
// at compile time and at run time, that both sides declare the same method names and the same shapes.
// This file imports nothing, so that the test can load it outside VS Code.

/** `kubeExpose/status`, sent by the server after indexing and whenever the problems change. */
export const STATUS_NOTIFICATION = 'kubeExpose/status';

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

/** The LSP command (workspace/executeCommand) that exposes a new app; its one argument is ScaffoldArguments. */
export const SCAFFOLD_COMMAND = 'kubeExpose.scaffold';

export interface ScaffoldArguments {
  /** The environment's folder (`inventories/prod`) or its name (`prod`). */
  readonly env: string;
  readonly app: string;
  readonly namespace: string;
  readonly targetPort: number;
  readonly port?: number;
  readonly nodePort?: number;
  readonly location?: string;
  readonly mode?: 'http' | 'tcp';
  readonly balance?: string;
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

/** `kubeExpose/scaffoldDefaults`: the environments and the next free node port, to offer as defaults. */
export const SCAFFOLD_DEFAULTS_REQUEST = 'kubeExpose/scaffoldDefaults';

export interface ScaffoldDefaults {
  readonly environments: readonly { readonly id: string; readonly name: string; readonly folder: string }[];
  readonly nodePort?: number;
}
