import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';

/**
 * What the server says to the client, as a narrow interface: the modules that index, schedule and publish
 * speak through it, so that tests can read what they said without a connection.
 */
export interface Outbox {
  diagnostics(params: PublishDiagnosticsParams): void;
  notify(method: string, params?: unknown): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A message the user sees in a notification, not only in the output. */
  warnUser(message: string): void;
}

export function connectionOutbox(connection: Connection): Outbox {
  return {
    diagnostics: (params) => void connection.sendDiagnostics(params),
    notify: (method, params) => void connection.sendNotification(method, params),
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message) => connection.console.error(message),
    warnUser: (message) => void connection.window.showWarningMessage(message),
  };
}

/** The editor's open documents, as the server reads them. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
  /** A TextDocument's: its first call finds where every line starts, which the first edit would otherwise do. */
  offsetAt?(position: { line: number; character: number }): number;
}

export interface OpenDocuments {
  get(uri: string): OpenDocument | undefined;
  all(): readonly OpenDocument[];
}
