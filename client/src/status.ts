import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';

/**
 * The status bar item, fed by the server's `kubeExpose/status`: indexed files and problems, a spinner while the
 * server indexes; a click opens the Problems view. Shown whenever the extension is active.
 */
export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubeExpose.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Kube Expose';
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.item.text = '$(sync~spin) Kube Expose';
    this.item.tooltip = 'Kube Expose: starting';
    this.item.command = 'kubeExpose.showOutput';
  }

  stopped(): void {
    this.item.text = '$(error) Kube Expose';
    this.item.tooltip = 'Kube Expose: the language server is not running. Run "Kube Expose: Restart Server".';
    this.item.command = 'kubeExpose.restartServer';
  }

  update(status: StatusParams): void {
    const problems = status.errors + status.warnings;
    this.item.command = 'workbench.actions.view.problems';
    if (status.indexing) {
      this.item.text = '$(sync~spin) Kube Expose: indexing';
    } else if (problems > 0) {
      this.item.text = `$(warning) Kube Expose: ${problems} problem${problems === 1 ? '' : 's'}`;
    } else {
      this.item.text = `$(check) Kube Expose: ${status.files} files`;
    }
    this.item.tooltip = `Kube Expose: ${status.files} files indexed, ${status.errors} errors, ${status.warnings} warnings`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
