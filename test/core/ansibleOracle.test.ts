import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { groupHosts } from '../../server/src/core/features/groups';
import type { PortRef } from '../../server/src/core/model/facts';
import type { Resolution } from '../../server/src/core/rules/scope';
import { renderValue } from '../../server/src/core/rules/templateValue';
import type { EnvironmentView } from '../../server/src/core/rules/view';
import type { FileModel } from '../../server/src/core/workspace/fileModel';
import { ansibleMissing, inParallel, renderWithAnsible, type RenderCase } from '../helpers/ansible';
import { memoryWorkspace, ROOT } from '../helpers/memory';
import { EXAMPLE, FIXTURES } from '../helpers/paths';

/** Repositories Ansible could not load as they are (broken or skipped files are the point of these fixtures). */
const NOT_LOADABLE = new Set(['bad-yaml-syntax', 'bad-file-skipped']);
const INVENTORIES = ['hosts.yml', 'hosts.yaml', 'hosts.ini', 'hosts'];

interface Case extends RenderCase {
  readonly where: string;
  readonly ours: Resolution;
}

function filesOf(dir: string, root = dir, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesOf(path, root, into);
    else if (/\.(ya?ml|ini)$|^hosts$/.test(name)) into[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return into;
}

/** The group whose hosts read a file: `group_vars/<group>/...`, or the folder beside the inventory. */
function readerGroup(file: FileModel, env: string): string {
  const parts = file.relativePath.slice(env.length + 1).split('/');
  if (parts[0] === 'group_vars' && parts[1]) return parts[1].replace(/\.ya?ml$/, '');
  return parts.length > 1 ? (parts[0] ?? 'all') : 'all';
}

function firstHost(view: EnvironmentView, group: string): string | undefined {
  const hosts = [...groupHosts(view, group)].sort();
  return hosts[0];
}

/** Every template of the repository's Ansible files, with what we make of it, for a host that reads it. */
function casesOf(repository: string): Map<string, Case[]> {
  const workspace = memoryWorkspace(filesOf(repository));
  const byInventory = new Map<string, Case[]>();
  for (const file of workspace.allFiles()) {
    if (!file.env || (file.kind !== 'proxy' && file.kind !== 'routes' && file.kind !== 'vars')) continue;
    const view = workspace.environment(file.env);
    const inventory = INVENTORIES.map((name) => join(repository, file.env ?? '', name)).find((path) => existsSync(path));
    if (!view || !inventory) continue;
    const host = firstHost(view, readerGroup(file, file.env)) ?? firstHost(view, 'all');
    if (!host) continue;
    const found = byInventory.get(inventory) ?? [];
    byInventory.set(inventory, found);
    const add = (template: string, ours: Resolution, span: { start: number }): void => {
      found.push({ host, template, ours, where: `${file.relativePath.slice(ROOT.length)}:${file.lines.positionAt(span.start).line + 1}` });
    };
    const refs: PortRef[] = [];
    for (const entry of file.proxy?.entries ?? []) refs.push(...[entry.port, entry.destinationPort].filter((ref): ref is PortRef => ref !== undefined));
    for (const entry of file.routes?.entries ?? []) if (entry.stream?.port) refs.push(entry.stream.port);
    for (const ref of refs) if (ref.jinja !== undefined) add(ref.jinja, view.scope.resolvePort(ref, file), ref.span);
    for (const fact of file.variables) {
      if (typeof fact.scalar !== 'string' || !fact.scalar.includes('{{') || !fact.valueSpan) continue;
      add(fact.scalar, renderValue(view.scope, fact.scalar, file, fact.valueSpan, file, []), fact.valueSpan);
    }
  }
  return byInventory;
}

/** What Ansible reads for an inventory: the file itself and the group_vars and host_vars beside it. */
function loadedBy(inventory: string): string {
  const folder = join(inventory, '..');
  const parts = [readFileSync(inventory, 'utf8')];
  for (const sub of ['group_vars', 'host_vars']) {
    const dir = join(folder, sub);
    if (!existsSync(dir)) continue;
    for (const [path, text] of Object.entries(filesOf(dir)).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${sub}/${path}\n${text}`);
  }
  return parts.join('\0');
}

/** Our value agrees with Ansible's text: the same text, or the same number where we read the port. */
function agrees(ours: number | string, ansible: string | undefined): boolean {
  if (ansible === undefined) return false;
  return typeof ours === 'number' ? /^\s*[-+]?\d+\s*$/.test(ansible) && Number(ansible) === ours : ours === ansible;
}

describe('Ansible is the oracle for template values', () => {
  it('every template of every fixture renders, where we claim a value, to what Ansible renders', async (t) => {
    const missing = ansibleMissing();
    if (missing) return t.skip(missing);
    const repositories = [EXAMPLE, ...readdirSync(FIXTURES).filter((name) => !NOT_LOADABLE.has(name)).map((name) => join(FIXTURES, name))];
    const all = new Map<string, Case[]>();
    for (const repository of repositories) for (const [inventory, cases] of casesOf(repository)) all.set(inventory, cases);
    let claimed = 0;
    let declined = 0;
    const disagreements: string[] = [];
    // Fixtures often share their inventory and vars: one ansible-playbook run per distinct set (a Python start
    // costs about a second), a few at once.
    const runs = new Map<string, { inventory: string; cases: RenderCase[] }>();
    for (const [inventory, cases] of all) {
      const key = loadedBy(inventory);
      const run = runs.get(key) ?? { inventory, cases: [] };
      runs.set(key, run);
      for (const item of cases) if (!run.cases.some((other) => other.host === item.host && other.template === item.template)) run.cases.push({ host: item.host, template: item.template });
    }
    const ordered = [...runs.values()].filter((run) => run.cases.length > 0);
    const renderings = await inParallel(ordered.map((run) => () => renderWithAnsible(run.inventory, run.cases)), 6);
    const answer = new Map<string, string | undefined>();
    ordered.forEach((run, index) => run.cases.forEach((item, at) => answer.set(`${loadedBy(run.inventory)}\0${item.host}\0${item.template}`, renderings[index]?.[at])));
    for (const [inventory, cases] of all) {
      for (const item of cases) {
        const ansible = answer.get(`${loadedBy(inventory)}\0${item.host}\0${item.template}`);
        if (item.ours.value === undefined) {
          declined++;
          continue;
        }
        claimed++;
        if (!agrees(item.ours.value, ansible)) {
          disagreements.push(`${relative(FIXTURES, inventory)} ${item.where} ${item.template}: ours ${JSON.stringify(item.ours.value)}, Ansible ${ansible === undefined ? 'fails' : JSON.stringify(ansible)}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
    // The comparison means something only if most templates were read.
    assert.ok(claimed >= 40, `only ${claimed} templates read (${declined} declined)`);
    t.diagnostic(`${claimed} template values agree with Ansible, ${declined} not resolved`);
  });
});
