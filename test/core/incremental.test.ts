import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import { MEMORY_ROOT, workspaceOf } from '../helpers/workspaceFiles';

/**
 * The workspace re-checks only what an edit touched (entries kept by identity, chains kept per entry, the
 * variable scope kept while no variable changed). Whatever the edits, the diagnostics and chains must be
 * those of a workspace built from scratch on the final texts.
 */

const ROOT = MEMORY_ROOT;
const ENV = 'inventories/prod';
const ROUTES = `${ENV}/webservers_pool/routes.yml`;
const PROXY = `${ENV}/kube_gateway_pool/proxy.yml`;
const VARS = `${ENV}/group_vars/all/apps.yml`;
/**
 * What the HAProxy hosts read instead of group_vars/all: its `app` replaces the whole `app` of group_vars/all
 * for them, as Ansible's default hash_behaviour does, so it lists every app (delta's stream reads all's).
 */
const GATEWAY_VARS = `${ENV}/group_vars/kube_gateway_pool/ports.yml`;
const APPS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'kappa', 'theta', 'sigma', 'zeta'];
const PORT = (index: number): number => 30100 + index;

function routeOf(app: string, index: number): string {
  // beta's stream is one port off (a mismatch); gamma goes to another group (no chain); zeta's stream name is
  // shared with alpha (duplicate); kappa sends to a stream nobody defines; sigma links by port only.
  const stream = app === 'zeta' ? 'stream_alpha' : `stream_${app}`;
  const port = app === 'beta' ? PORT(index) + 1 : app === 'delta' ? `"{{ app.${app}.port }}"` : PORT(index);
  const key = app === 'sigma' ? 'sigma_web' : app;
  return [
    `# route of ${app}`,
    `${key}:`,
    '  webserver:',
    `    - location: /${app === 'omega' ? 'alpha' : app}/`,
    '      params:',
    '        proxy_pass:',
    `          values: http://${app === 'kappa' ? 'stream_nowhere' : stream}`,
    '  stream:',
    `    name: ${stream}`,
    `    port: ${port}`,
    `    group: ${app === 'gamma' ? 'nat_gateway_pool' : 'kube_gateway_pool'}`,
    '',
  ].join('\n');
}

function proxyOf(app: string): string {
  // theta has no variable nor Service: its HAProxy port, a wrong one, wins over the stream by priority, so the
  // stream's diagnostic quotes a line of proxy.yml.
  if (app === 'theta') return ['theta:', '  mode: http', `  port: ${PORT(APPS.indexOf(app)) + 50}`, ''].join('\n');
  return [`${app}:`, '  mode: http', `  port: "{{ app.${app}.port }}"`, '  destination:', '    group:', '      name: kube_gateway_pool', `      port: "{{ app.${app}.port }}"`, ''].join('\n');
}

function serviceOf(app: string, index: number): string {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${app.replace('_', '-')}`, 'spec:', '  type: NodePort', '  ports:', `    - nodePort: ${app === 'omega' ? PORT(index) - 1 : PORT(index)}`, '      port: 80', ''].join('\n');
}

function initialFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(`${ENV}/hosts.yml`, 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gw-1:\n    webservers_pool:\n      hosts:\n        web-1:\n');
  files.set(VARS, `app:\n${APPS.filter((app) => app !== 'theta').map((app) => `  ${app}:\n    port: ${PORT(APPS.indexOf(app))}\n`).join('')}`);
  files.set(GATEWAY_VARS, files.get(VARS) ?? '');
  files.set(PROXY, APPS.filter((app) => app !== 'gamma' && app !== 'kappa').map(proxyOf).join(''));
  files.set(ROUTES, `---\n${APPS.map(routeOf).join('')}`);
  APPS.forEach((app, index) => {
    if (app !== 'gamma' && app !== 'theta') files.set(`k8s/${app}-service.yml`, serviceOf(app, index));
  });
  return files;
}

/** Everything a user sees: each file's diagnostics, and the chains the editor features use. */
function observed(workspace: Workspace): string {
  const diagnostics = [...workspace.allDiagnostics()].sort(([a], [b]) => a.localeCompare(b));
  const chains = workspace.environmentNames().map((env) =>
    workspace.chains(env).map((chain) => ({
      app: chain.app,
      expected: chain.expected,
      link: chain.routeProxyLink,
      route: chain.route ? [chain.route.file.path, chain.route.entry.keySpan] : undefined,
      proxy: chain.proxy ? [chain.proxy.file.path, chain.proxy.entry.keySpan] : undefined,
      service: chain.service ? [chain.service.file.path, chain.service.by] : undefined,
      hops: chain.hops.map((hop) => [hop.kind, hop.label, hop.file.path, hop.file === workspace.file(hop.file.path), hop.span, hop.value, hop.source?.file.path, hop.source?.span]),
    })),
  );
  return JSON.stringify({ diagnostics, chains, counts: workspace.severityCounts() }, null, 1);
}

const PIECES = ['\n', '  ', ':', '- ', '#', '1', '3010', 'port: ', 'stream_alpha', 'kube_gateway_pool', '{{ app.beta.port }}', 'alpha', '"', '&a ', '---\n', '\t'];

const edit = fc.record({
  file: fc.constantFrom(ROUTES, ROUTES, ROUTES, PROXY, PROXY, VARS, GATEWAY_VARS, 'k8s/alpha-service.yml', 'k8s/omega-service.yml'),
  kind: fc.constantFrom('digit', 'insert', 'delete', 'replace', 'same-length', 'delete-line'),
  at: fc.nat(),
  length: fc.nat({ max: 30 }),
  text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
  swap: fc.stringMatching(/^[a-z0-9 \n:]{1,8}$/),
});

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, generated: Edit): string {
  const at = generated.at % (text.length + 1);
  switch (generated.kind) {
    case 'digit': {
      // The benchmark's edit: one digit of a number replaced by another, so nothing moves.
      const digits = [...text.matchAll(/\d/g)];
      const match = digits[generated.at % Math.max(1, digits.length)];
      if (match?.index === undefined) return text;
      return `${text.slice(0, match.index)}${(Number(match[0]) + 1 + (generated.length % 8)) % 10}${text.slice(match.index + 1)}`;
    }
    case 'insert':
      return `${text.slice(0, at)}${generated.text}${text.slice(at)}`;
    case 'delete':
      return `${text.slice(0, at)}${text.slice(at + generated.length)}`;
    case 'replace':
      return `${text.slice(0, at)}${generated.text}${text.slice(at + generated.length)}`;
    case 'same-length': {
      // Same length, possibly other line breaks: what follows keeps its offsets but may change lines.
      const end = Math.min(text.length, at + generated.swap.length);
      return `${text.slice(0, at)}${generated.swap.slice(0, end - at)}${text.slice(end)}`;
    }
    case 'delete-line': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      return `${text.slice(0, start)}${end < 0 ? '' : text.slice(end + 1)}`;
    }
  }
}

describe('incremental re-check', () => {
  it('gives the diagnostics and chains of a fresh workspace after any edits', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const files = initialFiles();
        const order = [...files.keys()];
        const workspace = workspaceOf(files, order);
        for (const generated of edits) {
          const text = apply(files.get(generated.file) ?? '', generated);
          files.set(generated.file, text);
          workspace.update(`${ROOT}/${generated.file}`, { text });
          // A file that stopped holding a Service left the index, and comes back at its end.
          const current = [...workspace.allFiles()].map((file) => file.path.slice(ROOT.length + 1));
          const fresh = workspaceOf(files, [...current, ...order.filter((path) => !current.includes(path))]);
          assert.equal(observed(workspace), observed(fresh));
        }
      }),
      { numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 100) },
    );
  });

  it('gives the diagnostics of a fresh workspace after keystrokes that change one route alone', () => {
    // Digits and characters inside values: the routes keep their part for the others, so the last check is
    // patched rather than redone (see EnvironmentCheck).
    const keystroke = fc.record({ at: fc.nat(), length: fc.nat({ max: 7 }), kind: fc.constantFrom('digit' as const, 'same-length' as const) });
    fc.assert(
      fc.property(fc.array(keystroke, { minLength: 1, maxLength: 12 }), (keystrokes) => {
        const files = initialFiles();
        const order = [...files.keys()];
        const workspace = workspaceOf(files, order);
        for (const { at, length, kind } of keystrokes) {
          const text = apply(files.get(ROUTES) ?? '', { file: ROUTES, kind, at, length, text: '', swap: String(length) });
          files.set(ROUTES, text);
          workspace.update(`${ROOT}/${ROUTES}`, { text });
          assert.equal(observed(workspace), observed(workspaceOf(files, order)));
        }
      }),
      { numRuns: Number(process.env['INCREMENTAL_RUNS'] ?? 100) },
    );
  });

  it('starts from a repository that exercises every kind of chain', () => {
    const workspace = workspaceOf(initialFiles(), [...initialFiles().keys()]);
    const codes = new Set([...workspace.allDiagnostics().values()].flat().map((diagnostic) => diagnostic.code));
    for (const code of ['port-mismatch', 'duplicate-stream', 'duplicate-location', 'unknown-stream'] as const) assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
    const links = new Set(workspace.chains().map((chain) => chain.routeProxyLink));
    assert.ok(links.has('port') && links.has('key'));
  });
});
