import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/** Answers a request with an LSP error instead of letting one handler's exception reach the process. */
export function guarded<P, R>(log: (message: string) => void, name: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      return new ResponseError(ErrorCodes.InternalError, `Kube Expose: ${name} failed: ${message}`);
    }
  };
}
