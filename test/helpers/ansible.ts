import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One template to render for one host of an inventory, as `ansible <host> -m debug -a msg=<template>` would. */
export interface RenderCase {
  readonly host: string;
  readonly template: string;
}

/** What Ansible rendered (`msg`, as text), or undefined where it failed. */
export type AnsibleRendering = string | undefined;

/** Why Ansible cannot be the oracle here, or undefined when `ansible-playbook` runs. */
export function ansibleMissing(): string | undefined {
  const probe = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'ansible-playbook is not installed (apt-get install ansible-core)';
}

/**
 * Renders every case with Ansible itself, in one ansible-playbook run (each Python start costs about a second):
 * one play per host, one debug task per template, errors ignored, results read from the JSON callback. Nothing
 * connects anywhere: the debug module runs on the controller.
 */
export async function renderWithAnsible(inventory: string, cases: readonly RenderCase[]): Promise<AnsibleRendering[]> {
  const work = mkdtempSync(join(tmpdir(), 'kube-expose-ansible-'));
  try {
    const hosts = [...new Set(cases.map((item) => item.host))];
    const plays = hosts.map((host) => {
      const tasks = cases.filter((item) => item.host === host).map((item) => `      - debug: { msg: ${JSON.stringify(item.template)} }\n        ignore_errors: true\n`);
      return `- hosts: ${JSON.stringify(host)}\n  gather_facts: false\n  connection: local\n  tasks:\n${tasks.join('')}`;
    });
    const playbook = join(work, 'render.yml');
    writeFileSync(playbook, plays.join('\n'));
    mkdirSync(join(work, 'home'));
    const result = await run('ansible-playbook', ['-i', inventory, playbook], {
      cwd: work,
      env: {
        ...process.env,
        ANSIBLE_STDOUT_CALLBACK: 'json',
        ANSIBLE_HOME: join(work, 'home'),
        ANSIBLE_LOCAL_TEMP: join(work, 'home', 'tmp'),
        ANSIBLE_CONFIG: join(work, 'none.cfg'),
        ANSIBLE_LOCALHOST_WARNING: 'false',
        ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false',
        ANSIBLE_DEPRECATION_WARNINGS: 'false',
        ANSIBLE_RETRY_FILES_ENABLED: 'false',
        ANSIBLE_NOCOLOR: '1',
      },
    });
    const start = result.stdout.indexOf('{');
    if (start < 0) throw new Error(`ansible-playbook gave no JSON (status ${String(result.status)}): ${result.stderr}`);
    const report = JSON.parse(result.stdout.slice(start)) as { plays: { tasks: { hosts: Record<string, { msg?: unknown; failed?: boolean }> }[] }[] };
    const byHost = new Map<string, AnsibleRendering[]>();
    hosts.forEach((host, index) => {
      const tasks = report.plays[index]?.tasks ?? [];
      byHost.set(host, tasks.map((task) => {
        const outcome = task.hosts[host];
        return !outcome || outcome.failed ? undefined : asText(outcome.msg);
      }));
    });
    const next = new Map<string, number>();
    return cases.map((item) => {
      const index = next.get(item.host) ?? 0;
      next.set(item.host, index + 1);
      return byHost.get(item.host)?.[index];
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `jobs` with at most `limit` at once (each is one ansible-playbook process). */
export async function inParallel<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** debug's msg as the text the template rendered (Ansible may hand back a bool or a number for a bare value). */
function asText(msg: unknown): string {
  if (msg === null || msg === undefined) return '';
  if (typeof msg === 'boolean') return msg ? 'True' : 'False';
  return typeof msg === 'string' ? msg : JSON.stringify(msg);
}
