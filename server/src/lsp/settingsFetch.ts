import { readSettings, type Settings } from '../core/settings';
import { ignoredWhenUntrusted, layeredSettings } from '../core/settingsLayers';
import { settingNamesIn } from '../core/settingsKeys';
import { isRecord } from '../core/util';
import { readAnsibleConfig, readSettingsSource, SETTINGS_FILE } from '../node/settingsFile';
import { withAnsibleConfig } from '../core/ansibleSettings';
import type { Outbox } from './outbox';

/**
 * A folder's settings: the editor's, under what the repository's `.kube-expose.json` sets, so that the editor
 * reports what the command-line checker reports in CI.
 */
export class SettingsFetch {
  /** What was last said about each folder's `.kube-expose.json`: said again only when it changes. */
  private readonly reports = new Map<string, string>();

  /** `editorSettings` asks the editor (workspace/configuration), or gives what `initialize` sent. */
  constructor(
    private readonly editorSettings: (root: string) => Promise<unknown>,
    private readonly outbox: Outbox,
  ) {}

  async fetch(root: string): Promise<Settings> {
    const editor = await this.editorSettings(root);
    const problems: string[] = [];
    readSettings(editor, problems);
    for (const problem of problems) this.outbox.warn(`Setting kubeExpose.${problem}; using the default.`);
    const file = readSettingsSource(root);
    // The client says so; an editor that knows no workspace trust trusts the folders it opens.
    const trusted = !(isRecord(editor) && editor['workspaceTrusted'] === false);
    const fileProblems = [...file.problems];
    if (file.raw !== undefined) readSettings(file.raw, fileProblems);
    const ignored = trusted ? [] : ignoredWhenUntrusted(file.raw);
    if (ignored.length) fileProblems.push(`${SETTINGS_FILE}: ${ignored.join(', ')} ignored, as the workspace is not trusted`);
    this.report(root, fileProblems);
    // The repository's ansible.cfg says where the inventories are and how Ansible combines dicts; messages name
    // each setting where it was read: the file's own as the file spells them.
    const fromFile = settingNamesIn(trusted ? file.raw : layeredSettings({}, file.raw, false));
    return withAnsibleConfig(readSettings(layeredSettings(editor, file.raw, trusted), [], fromFile), readAnsibleConfig(root));
  }

  private report(root: string, problems: readonly string[]): void {
    const report = problems.map((problem) => (problem.startsWith(SETTINGS_FILE) ? problem : `${SETTINGS_FILE}: ${problem}`)).join('; ');
    if ((this.reports.get(root) ?? '') === report) return;
    this.reports.set(root, report);
    if (!report) return;
    this.outbox.warn(`${root}: ${report}.`);
    this.outbox.warnUser(`Kube Expose: ${report}.`);
  }
}
