/**
 * The server's heap cap and how its exhaustion shows. No `vscode` import: tested without the editor.
 *
 * Node's default heap cap grows with the machine's memory; an editor's helper process should not, and a server
 * that still leaked would take the whole machine down before V8 aborted it.
 */
export const DEFAULT_MAX_MEMORY_MB = 1024;
const MIN_MAX_MEMORY_MB = 128;

/** The Node options that start the server with the heap cap of the setting (an invalid value gets the default). */
export function serverExecArgv(maxMemoryMB: unknown): string[] {
  const cap = typeof maxMemoryMB === 'number' && Number.isFinite(maxMemoryMB) ? Math.max(MIN_MAX_MEMORY_MB, Math.round(maxMemoryMB)) : DEFAULT_MAX_MEMORY_MB;
  return [`--max-old-space-size=${cap}`];
}

/** What V8 writes to stderr when it aborts a process whose heap is exhausted. */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit/;

/**
 * Reads the server's stderr as it arrives (in pieces, which may cut a line) and tells once the server aborted
 * for lack of memory.
 */
export class OutOfMemoryWatch {
  private tail = '';
  private seen = false;

  /** True the first time `chunk` completes V8's out-of-memory report. */
  feed(chunk: string): boolean {
    const text = this.tail + chunk;
    this.tail = text.slice(-200);
    if (this.seen || !OUT_OF_MEMORY.test(text)) return false;
    this.seen = true;
    return true;
  }

  /** Whether the report was seen since the last `reset`, which a restart of the server calls. */
  get outOfMemory(): boolean {
    return this.seen;
  }

  reset(): void {
    this.seen = false;
    this.tail = '';
  }
}

export function outOfMemoryMessage(maxMemoryMB: number): string {
  return `The Kube Expose language server ran out of memory (its heap cap is ${maxMemoryMB} MB, setting kubeExpose.server.maxMemory) and was stopped by Node.js; it is being restarted, which indexes the workspace again. If this happens again, raise kubeExpose.server.maxMemory, and please report it with the size of the workspace.`;
}
