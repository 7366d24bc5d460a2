/** Custom messages between the client and the server: both import this file, which depends on nothing. */
export const STATUS_NOTIFICATION = 'kubeExpose/status';

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}
