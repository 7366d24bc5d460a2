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
    } else if (status.environments === 0 && status.withoutInventory.length > 0) {
      this.item.text = `$(info) Kube Expose: no inventory${problems > 0 ? `, ${problems} problem${problems === 1 ? '' : 's'}` : ''}`;
      this.item.tooltip = `Kube Expose: ${status.files} files indexed, but no Ansible inventory found: no chain is checked, only the Services. Click to see how to name the inventories.`;
      this.item.command = 'kubeExpose.showOutput';
      return;
    } else if (problems > 0) {
      this.item.text = `$(warning) Kube Expose: ${problems} problem${problems === 1 ? '' : 's'}`;
    } else {
      this.item.text = `$(check) Kube Expose: ${status.files} files`;
    }
    this.item.tooltip = `Kube Expose: ${status.files} files indexed, ${status.environments} environment${status.environments === 1 ? '' : 's'} with an inventory, ${status.errors} errors, ${status.warnings} warnings`;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/**
 * One notification per workspace folder and window when the server finds YAML files but no Ansible inventory:
 * without it the editor would look like a clean repository while no chain is checked.
 */
export class NoInventoryNotice {
  private readonly told = new Set<string>();

  notice(folders: readonly string[]): void {
    const fresh = folders.filter((folder) => !this.told.has(folder));
    if (fresh.length === 0) return;
    for (const folder of fresh) this.told.add(folder);
    const where = fresh.map((folder) => vscode.workspace.asRelativePath(folder, true) || folder).join(', ');
    const message =
      `Kube Expose found no Ansible inventory in ${where}, so it checks the Services but no Nginx -> HAProxy -> Service chain. ` +
      'Name the inventories in ansible.cfg ([defaults] inventory) or with the setting "Kube Expose: Files Inventory".';
    void vscode.window.showInformationMessage(message, 'Open Setting', 'Show Output').then((choice) => {
      if (choice === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', 'kubeExpose.files.inventory');
      if (choice === 'Show Output') void vscode.commands.executeCommand('kubeExpose.showOutput');
    });
  }
}
