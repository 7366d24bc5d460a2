/** Mirrors server/src/lsp/protocol.ts: the client never imports server code. */
export const STATUS_NOTIFICATION = 'kubeExpose/status';

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}
