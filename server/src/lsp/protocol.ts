/** Custom messages between the client and the server; the client mirrors these names. */
export namespace StatusNotification {
  export const method = 'kubeExpose/status';
  export interface Params {
    readonly indexing: boolean;
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
  }
}
