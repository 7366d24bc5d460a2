import { where } from '../rules/sink';
import type { EnvironmentView } from '../rules/view';
import type { FileModel } from '../workspace/fileModel';

const OUT_OF_REACH = 'Role defaults, play vars, extra vars and facts are not read by Kube Expose: if it comes from one of them, only a run of the playbook can tell.';

/**
 * What each group of hosts reading `file` sees for `path`, with the definition that wins for them: one line
 * per distinct outcome, so a host_vars override or a replaced dict shows at once.
 */
export function hostValueLines(view: EnvironmentView, path: string, file: FileModel): string[] {
  const values = view.scope.perHost(path, file);
  if (!values) return [];
  const outcomes = new Map<string, string[]>();
  for (const value of values) {
    let text: string;
    if (value.fact && !value.opaque) {
      const shown = value.fact.kind === 'scalar' ? `**${String(value.fact.scalar)}**` : `(${value.fact.kind})`;
      text = `${shown} — ${where(value.file ?? file, value.fact.keySpan)}`;
    } else if (value.encrypted) {
      text = `may come from the vault-encrypted ${value.encrypted.relativePath}`;
    } else if (value.opaque) {
      text = 'inside a list or a template, not resolved here';
    } else {
      text = `undefined${value.reason ? `: ${value.reason}` : ''}`;
    }
    const hosts = outcomes.get(text);
    if (hosts) hosts.push(value.host);
    else outcomes.set(text, [value.host]);
  }
  if (outcomes.size < 2 && values.every((value) => value.fact && !value.opaque)) return [];
  const lines = ['', 'Per host:'];
  for (const [text, hosts] of outcomes) lines.push(`- ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''}: ${text}`);
  if (values.some((value) => !value.fact && !value.encrypted)) lines.push('', OUT_OF_REACH);
  return lines;
}

/** For a reference that nothing in the inventory defines. */
export function outOfReachNote(view: EnvironmentView, path: string, file: FileModel): string {
  const encrypted = view.scope.encryptedFor(path, file);
  return encrypted ? `It may come from the vault-encrypted ${encrypted.relativePath}.` : OUT_OF_REACH;
}
