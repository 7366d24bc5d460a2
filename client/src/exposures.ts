import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EXPOSURES_REQUEST,
  type ExposureAppItem,
  type ExposureEnvironmentItem,
  type ExposureHopItem,
  type ExposuresParams,
  type ExposuresResult,
} from '../../server/src/lsp/protocol';

type Node = { readonly level: 'environment'; readonly item: ExposureEnvironmentItem } | { readonly level: 'app'; readonly item: ExposureAppItem } | { readonly level: 'hop'; readonly item: ExposureHopItem };

type Problems = ExposureAppItem['problems'];

const HOP_ICONS: Record<ExposureHopItem['kind'], string> = {
  location: 'globe',
  stream: 'arrow-swap',
  haproxy: 'server-process',
  destination: 'arrow-right',
  variable: 'symbol-variable',
  service: 'cloud',
  'service-port': 'plug',
};

/** Refreshing on every keystroke would re-ask the whole tree; one refresh per pause is enough. */
const REFRESH_DELAY_MS = 300;

/**
 * The Explorer's Exposures view: environments, their apps, each app's hops. It holds no model of its own:
 * every level is asked of the server when VS Code expands it, so the view is as fresh as the index.
 */
export class ExposuresView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private timer: NodeJS.Timeout | undefined;
  private stale = false;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView('kubeExpose.exposures', { treeDataProvider: this, showCollapseAll: true });
    // A hidden view is not asked for anything: it refreshes when it shows again.
    this.view.onDidChangeVisibility(({ visible }) => {
      if (visible && this.stale) this.refresh();
    });
  }

  /** Called on the server's `kubeExpose/exposuresChanged`. */
  scheduleRefresh(): void {
    if (!this.view.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  refresh(): void {
    this.timer = undefined;
    this.stale = false;
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const client = this.client();
    if (!client?.isRunning()) return [];
    if (!node) return ((await ask(client, {})).environments ?? []).map((item) => ({ level: 'environment', item }));
    if (node.level === 'environment') return ((await ask(client, { folder: node.item.folder, env: node.item.id })).apps ?? []).map((item) => ({ level: 'app', item }));
    if (node.level === 'app') return ((await ask(client, { folder: node.item.folder, env: node.item.env, app: node.item.name })).hops ?? []).map((item) => ({ level: 'hop', item }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.level) {
      case 'environment': {
        const { item } = node;
        const tree = new vscode.TreeItem(item.name, vscode.TreeItemCollapsibleState.Collapsed);
        tree.id = `${item.folder}#${item.id}`;
        tree.description = `${item.apps} app${item.apps === 1 ? '' : 's'}${counts(item.errors, item.warnings)}`;
        tree.tooltip = `${item.id}: ${item.apps} exposed apps${counts(item.errors, item.warnings)}`;
        tree.iconPath = new vscode.ThemeIcon('server-environment');
        tree.contextValue = 'environment';
        return tree;
      }
      case 'app': {
        const { item } = node;
        const tree = new vscode.TreeItem(item.name, vscode.TreeItemCollapsibleState.Collapsed);
        tree.id = `${item.folder}#${item.env}#${item.name}`;
        tree.description = item.port === undefined ? undefined : `:${item.port}`;
        tree.tooltip = tooltip(item.summary, item.problems);
        tree.iconPath = iconOf(item.problems, 'link');
        tree.contextValue = 'app';
        return tree;
      }
      case 'hop': {
        const { item } = node;
        const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
        tree.description = item.description;
        tree.tooltip = tooltip(`${item.label}${item.description ? ` ${item.description}` : ''}`, item.problems);
        tree.iconPath = iconOf(item.problems, HOP_ICONS[item.kind]);
        tree.resourceUri = vscode.Uri.parse(item.uri);
        tree.contextValue = 'hop';
        const range = new vscode.Range(item.range.start.line, item.range.start.character, item.range.end.line, item.range.end.character);
        tree.command = { title: 'Open', command: 'vscode.open', arguments: [tree.resourceUri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
        return tree;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.view.dispose();
    this.changed.dispose();
  }
}

async function ask(client: LanguageClient, params: ExposuresParams): Promise<ExposuresResult> {
  try {
    return await client.sendRequest<ExposuresResult>(EXPOSURES_REQUEST, params);
  } catch {
    // The server restarting answers nothing; the next exposuresChanged refreshes the view.
    return {};
  }
}

function counts(errors: number, warnings: number): string {
  const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function iconOf(problems: Problems, plain: string): vscode.ThemeIcon {
  if (problems.some((problem) => problem.severity === 'error')) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (problems.some((problem) => problem.severity === 'warning')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon(plain);
}

function tooltip(title: string, problems: Problems): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendText(title);
  for (const problem of problems) {
    markdown.appendMarkdown('\n\n');
    markdown.appendMarkdown(`$(${problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'info'}) `);
    markdown.appendText(`${problem.code}: ${problem.message}`);
  }
  markdown.supportThemeIcons = true;
  return markdown;
}
