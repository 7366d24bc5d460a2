/** Custom messages between the client and the server; the client mirrors these names. */
export const STATUS_NOTIFICATION = 'kubeExpose/status';

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}
