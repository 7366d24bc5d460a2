// A minimal LSP client for the benchmark: spawns a server over stdio and records what it publishes.
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export class BenchClient {
  /** @param {string[]} command @param {Record<string, string>} [env] */
  constructor(command, env = {}) {
    const [program, ...args] = command;
    this.process = spawn(program ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    /** @type {((method: string, params: any) => void)[]} */
    this.listeners = [];
    this.connection.onNotification((method, params) => {
      for (const listener of [...this.listeners]) listener(method, params);
    });
    this.settings = {};
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section ? this.section(item.section) : this.settings)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.listen();
  }

  /** @param {string} name */
  section(name) {
    return name.split('.').reduce((value, key) => (value && typeof value === 'object' ? value[key] : undefined), this.settings) ?? null;
  }

  /** Resolves with the first notification that `match` accepts. @param {(method: string, params: any) => boolean} match */
  next(match, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      const listener = (method, params) => {
        if (!match(method, params)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(params);
      };
      this.listeners.push(listener);
    });
  }

  /** @param {string} root */
  async initialize(root, rootUri, initializationOptions = {}) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } },
      },
    });
    void root;
    await this.connection.sendNotification('initialized', {});
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // gone already
    }
    await new Promise((resolve) => {
      if (this.process.exitCode !== null) resolve(undefined);
      this.process.once('exit', resolve);
      setTimeout(() => {
        this.process.kill();
        resolve(undefined);
      }, 5000);
    });
    this.connection.dispose();
  }
}
