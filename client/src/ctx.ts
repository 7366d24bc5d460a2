import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, NotificationType, State, type LanguageClient } from 'vscode-languageclient/node';
import { onYamlExtensionChange } from './yamlExtension';
import { createClient } from './client';
import { EXPOSURES_CHANGED_NOTIFICATION, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { ExposuresView } from './exposures';
import { NoInventoryNotice, Status } from './status';
import { DEFAULT_MAX_MEMORY_MB, OutOfMemoryWatch, outOfMemoryMessage } from './serverMemory';

const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);
const ExposuresChangedNotification = new NotificationType<void>(EXPOSURES_CHANGED_NOTIFICATION);

/**
 * What lives as long as the extension (rust-analyzer's ctx.ts): the output channel, the status bar item and
 * the current language client, which "Kube Expose: Restart Server" replaces.
 */
export class Ctx implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Kube Expose', { log: true });
  private readonly status = new Status();
  private readonly noInventory = new NoInventoryNotice();
  readonly exposures = new ExposuresView(() => this.current?.client);
  private current: { readonly client: LanguageClient; readonly listeners: readonly vscode.Disposable[] } | undefined;
  /** Starts and stops run one after the other, even when the restart command is run twice in a row. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext) {
    context.subscriptions.push(this);
  }

  get client(): LanguageClient | undefined {
    return this.current?.client;
  }

  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.current) return;
      const maxMemoryMB = vscode.workspace.getConfiguration('kubeExpose').get<number>('server.maxMemory', DEFAULT_MAX_MEMORY_MB);
      const memory = new OutOfMemoryWatch();
      const client = createClient(this.context, watched(this.output, (text) => memory.feed(text)), maxMemoryMB);
      const rereadSettings = (): void => {
        if (client.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      };
      // Registered before start() so the first status (indexing) is not missed; they survive the
      // automatic restarts after a crash, which reuse the same client.
      const listeners = [
        client.onDidChangeState(({ newState }) => {
          if (newState === State.Starting) this.status.starting();
          // vscode-languageclient restarts a crashed server by itself and says only that it crashed.
          if (newState === State.Starting && memory.outOfMemory) {
            memory.reset();
            this.output.error(outOfMemoryMessage(maxMemoryMB));
            void vscode.window.showWarningMessage(outOfMemoryMessage(maxMemoryMB), 'Show Output').then((choice) => {
              if (choice === 'Show Output') this.output.show(true);
            });
          }
          else if (newState === State.Stopped) this.status.stopped();
          this.exposures.scheduleRefresh();
        }),
        client.onNotification(StatusNotification, (params) => {
          this.status.update(params);
          this.noInventory.notice(params.withoutInventory);
        }),
        client.onNotification(ExposuresChangedNotification, () => this.exposures.scheduleRefresh()),
        // The server re-reads its settings, and with them what the YAML extension now reports, or the trust
        // that lets the repository's .kube-expose.json choose the files.
        onYamlExtensionChange(rereadSettings),
        vscode.workspace.onDidGrantWorkspaceTrust(rereadSettings),
      ];
      this.current = { client, listeners };
      await client.start();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      const current = this.current;
      this.current = undefined;
      if (!current) return;
      for (const listener of current.listeners) listener.dispose();
      try {
        await current.client.dispose();
      } catch (error) {
        // A client whose start failed refuses to stop ("not running"): there is nothing left to stop.
        this.output.warn(`Stopping the language server: ${message(error)}`);
      }
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** VS Code shows nothing when an extension fails to start its server: say it, with the way to the log. */
  startFailed(error: unknown): void {
    const text = `Kube Expose could not start its language server: ${message(error)}`;
    this.output.error(text);
    this.status.stopped();
    void vscode.window.showErrorMessage(text, 'Show Output', 'Restart Server').then((choice) => {
      if (choice === 'Show Output') this.output.show(true);
      if (choice === 'Restart Server') void vscode.commands.executeCommand('kubeExpose.restartServer');
    });
  }

  dispose(): void {
    void this.stop();
    this.exposures.dispose();
    this.status.dispose();
    this.output.dispose();
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The channel, with every piece of text written to it also given to `onText` (the server's stderr among them). */
function watched(channel: vscode.LogOutputChannel, onText: (text: string) => void): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property) {
      if (property === 'append' || property === 'appendLine') {
        return (value: string) => {
          onText(value);
          target[property](value);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
