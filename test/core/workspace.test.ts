import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/features/hover';
import { readSettings } from '../../server/src/core/settings';
import { memoryWorkspace, ROOT, summary } from '../helpers/memory';

const HOSTS = `all:
  children:
    kube_gateway_pool:
      hosts:
        gateway-1:
    webservers_pool:
      hosts:
        webserver-1:
`;
const APPS = 'app:\n  argocd:\n    port: 30170\n';
const PROXY = `argocd:
  mode: http
  address: "*"
  port: "{{ app.argocd.port | int }}"
  destination:
    group:
      name: kube_gateway_pool
      port: "{{ app.argocd.port }}"
    balance: roundrobin
`;
const ROUTES = `argocd:
  webserver:
    - location: /argocd/
      params:
        proxy_pass:
          values: http://stream_argocd
  stream:
    name: stream_argocd
    port: "{{ app.argocd.port }}"
    group: kube_gateway_pool
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: argocd-server
  namespace: argocd
spec:
  type: NodePort
  ports:
    - port: 80
      targetPort: 8080
      nodePort: 30170
`;

const files = (overrides: Record<string, string> = {}): Record<string, string> => ({
  'inventories/prod/hosts.yml': HOSTS,
  'inventories/prod/group_vars/all/apps.yml': APPS,
  'inventories/prod/kube_gateway_pool/proxy.yml': PROXY,
  'inventories/prod/webservers_pool/routes.yml': ROUTES,
  'k8s/argocd/service.yml': SERVICE,
  ...overrides,
});

describe('workspace index', () => {
  it('resolves Jinja ports with filters through the environment and finds nothing wrong', () => {
    assert.deepEqual(summary(memoryWorkspace(files())), []);
  });

  it('builds the chain of each app with every hop resolved', () => {
    const workspace = memoryWorkspace(files());
    const [chain] = workspace.chains('inventories/prod');
    assert.equal(chain?.app, 'argocd');
    assert.equal(chain?.expected, 30170);
    assert.deepEqual(chain?.hops.map((hop) => [hop.kind, hop.value]), [
      ['service', 30170],
      ['variable', 30170],
      ['haproxy-port', 30170],
      ['haproxy-destination', 30170],
      ['stream', 30170],
    ]);
    assert.equal(chain?.service?.by, 'nodePort');
  });

  it('reports a changed variable once, at its definition, and says which files changed', () => {
    const workspace = memoryWorkspace(files());
    const changed = workspace.update(`${ROOT}/inventories/prod/group_vars/all/apps.yml`, { text: APPS.replace('30170', '30171') });
    assert.deepEqual(changed, [`${ROOT}/inventories/prod/group_vars/all/apps.yml`]);
    assert.deepEqual(summary(workspace), ['inventories/prod/group_vars/all/apps.yml:3 port-mismatch']);
    const [diagnostic] = workspace.diagnostics(`${ROOT}/inventories/prod/group_vars/all/apps.yml`);
    assert.match(diagnostic?.message ?? '', /app\.argocd\.port is 30171, but Service argocd\/argocd-server nodePort is 30170 \(k8s\/argocd\/service\.yml:11\)/);
    assert.deepEqual(workspace.update(`${ROOT}/inventories/prod/group_vars/all/apps.yml`, { text: APPS }), [`${ROOT}/inventories/prod/group_vars/all/apps.yml`]);
    assert.deepEqual(summary(workspace), []);
  });

  it('links a Service by name when no nodePort matches; on a tie the Service is taken as the truth', () => {
    const workspace = memoryWorkspace(files({ 'k8s/argocd/service.yml': SERVICE.replace('30170', '30190') }));
    assert.deepEqual(summary(workspace), ['inventories/prod/group_vars/all/apps.yml:3 port-mismatch']);
    assert.match(workspace.diagnostics(`${ROOT}/inventories/prod/group_vars/all/apps.yml`)[0]?.message ?? '', /but Service argocd\/argocd-server nodePort is 30190 .*linked by its name/);
  });

  it('handles deletion and creation of files', () => {
    const workspace = memoryWorkspace(files());
    const changed = workspace.update(`${ROOT}/inventories/prod/kube_gateway_pool/proxy.yml`, undefined);
    assert.deepEqual(changed, [`${ROOT}/inventories/prod/webservers_pool/routes.yml`]);
    assert.deepEqual(summary(workspace), ['inventories/prod/webservers_pool/routes.yml:1 missing-link']);
    workspace.update(`${ROOT}/inventories/prod/kube_gateway_pool/proxy.yml`, { text: PROXY });
    assert.deepEqual(summary(workspace), []);
  });

  it('reads app ports from the inventory vars and the wrapped proxies form', () => {
    const inventory = `all:\n  vars:\n    app:\n      argocd:\n        port: 30170\n${HOSTS.slice('all:\n'.length)}`;
    const wrapped = `proxies:\n  target:\n    group: kube_gateway_pool\n  routes:\n${PROXY.split('\n').map((line) => (line ? `    ${line}` : line)).join('\n')}`;
    const workspace = memoryWorkspace(files({ 'inventories/prod/hosts.yml': inventory, 'inventories/prod/group_vars/all/apps.yml': '', 'inventories/prod/kube_gateway_pool/proxy.yml': wrapped }));
    assert.deepEqual(summary(workspace), []);
    assert.equal(workspace.chains('inventories/prod')[0]?.proxy?.entry.app, 'argocd');
  });

  it('reads INI inventories and group_vars/<group>/ layouts', () => {
    const ini = '[kube_gateway_pool]\ngateway-1\n\n[webservers_pool]\nwebserver-1\n\n[all:vars]\nbase_port=30170\n';
    const workspace = memoryWorkspace({
      'inventories/prod/hosts': ini,
      'inventories/prod/group_vars/all.yml': 'app:\n  argocd:\n    port: "{{ base_port }}"\n',
      'inventories/prod/group_vars/kube_gateway_pool/proxy.yml': PROXY,
      'inventories/prod/group_vars/webservers_pool/routes.yml': ROUTES.replace('group: kube_gateway_pool', 'group: missing_pool'),
      'k8s/argocd/service.yml': SERVICE,
    });
    assert.deepEqual(summary(workspace), ['inventories/prod/group_vars/webservers_pool/routes.yml:10 unknown-group']);
    assert.equal(workspace.chains('inventories/prod')[0]?.hops.find((hop) => hop.kind === 'variable')?.value, 30170);
  });

  it('never reports a route to another group', () => {
    const grafana = `grafana:\n  webserver:\n    - location: /grafana/\n      params:\n        proxy_pass:\n          values: "http://stream_grafana/grafana"\n  stream:\n    name: stream_grafana\n    port: 3000\n    group: webservers_pool\n`;
    const workspace = memoryWorkspace(files({ 'inventories/prod/webservers_pool/routes.yml': `${ROUTES}${grafana}` }));
    assert.deepEqual(summary(workspace), []);
  });

  it("resolves a variable as the hosts that read the file see it: their group's vars over group_vars/all", () => {
    const override = 'app:\n  argocd:\n    port: 30180\n';
    const atGateways = files({ 'inventories/prod/group_vars/kube_gateway_pool/ports.yml': override });
    // HAProxy hosts read 30180; Nginx hosts (webservers_pool) still read 30170 from all: the chain disagrees, and
    // the odd value is reported where it is written.
    const split = memoryWorkspace(atGateways);
    assert.deepEqual(summary(split), ['inventories/prod/group_vars/kube_gateway_pool/ports.yml:3 port-mismatch']);
    assert.match(split.diagnostics(`${ROOT}/inventories/prod/group_vars/kube_gateway_pool/ports.yml`)[0]?.message ?? '', /30180/);
    // The same override for the web servers too, and the Service moved to it: one port all along again.
    const agreed = memoryWorkspace({
      ...atGateways,
      'inventories/prod/group_vars/webservers_pool/ports.yml': override,
      'inventories/prod/group_vars/all/apps.yml': APPS,
      'k8s/argocd/service.yml': SERVICE.replace('30170', '30180'),
    });
    assert.deepEqual(summary(agreed), [], 'all\'s value, read by no host of the chain, is no hop of it');
    // Hover on the reference in proxy.yml shows the value its hosts read first.
    const proxyText = split.file(`${ROOT}/inventories/prod/kube_gateway_pool/proxy.yml`)?.text ?? '';
    const before = proxyText.slice(0, proxyText.indexOf('port }}'));
    const position = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    const markdown = hover(split, `${ROOT}/inventories/prod/kube_gateway_pool/proxy.yml`, position)?.markdown ?? '';
    assert.match(markdown, /^`app\.argocd\.port` = \*\*30180\*\* — inventories\/prod\/group_vars\/kube_gateway_pool\/ports\.yml:3\n- also defined as 30170 — inventories\/prod\/group_vars\/all\/apps\.yml:3/);
    // Another group's vars never win over all's for these hosts, whatever the order of the files.
    const elsewhere = memoryWorkspace(files({ 'inventories/prod/group_vars/aaa_other/ports.yml': override }));
    assert.deepEqual(summary(elsewhere), []);
  });

  it('reads a proxy_pass written as a list, as any directive may be', () => {
    const listed = (values: string): Record<string, string> => files({ 'inventories/prod/webservers_pool/routes.yml': ROUTES.replace('values: http://stream_argocd', values) });
    assert.deepEqual(summary(memoryWorkspace(listed('values: [http://stream_argocd]'))), []);
    assert.deepEqual(summary(memoryWorkspace(listed('values:\n            - http://stream_argocd'))), []);
    assert.deepEqual(summary(memoryWorkspace(listed('values:\n            - http://stream_argocd\n            - http://stream_argcd'))), ['inventories/prod/webservers_pool/routes.yml:8 unknown-stream']);
  });

  it('applies severities and turns codes off', () => {
    const broken = files({ 'inventories/prod/group_vars/all/apps.yml': APPS.replace('30170', '30171') });
    assert.deepEqual(summary(memoryWorkspace(broken, { severity: { 'port-mismatch': 'off' } })), []);
    const workspace = memoryWorkspace(broken, { severity: { 'port-mismatch': 'hint' } });
    assert.equal(workspace.diagnostics(`${ROOT}/inventories/prod/group_vars/all/apps.yml`)[0]?.severity, 'hint');
  });

  it('keeps a broken file from hiding the problems of the others', () => {
    const workspace = memoryWorkspace(files({ 'inventories/prod/webservers_pool/routes.yml': 'argocd: [\n', 'k8s/other.yml': SERVICE.replace('argocd-server', 'other') }));
    const codes = summary(workspace);
    assert.ok(codes.includes('inventories/prod/webservers_pool/routes.yml:2 yaml-syntax'), codes.join('\n'));
    assert.ok(codes.includes('k8s/other.yml:11 duplicate-nodeport'));
    assert.ok(codes.includes('k8s/argocd/service.yml:11 duplicate-nodeport'));
  });
});

describe('workspace settings', () => {
  it('re-reads every file under new settings, even when no text changed', () => {
    const workspace = memoryWorkspace(files());
    assert.deepEqual(summary(workspace), []);
    workspace.setSettings(readSettings({ maxFileSize: 100 }));
    assert.ok(summary(workspace).includes('inventories/prod/kube_gateway_pool/proxy.yml:1 file-skipped'), summary(workspace).join('\n'));
    workspace.setSettings(readSettings(undefined));
    assert.deepEqual(summary(workspace), []);
  });

  it('does nothing when a file is staged again with the same text', () => {
    const workspace = memoryWorkspace(files());
    assert.deepEqual(workspace.update(`${ROOT}/inventories/prod/webservers_pool/routes.yml`, { text: ROUTES }), []);
  });
});

describe('rules at the edges', () => {
  it('asks no Nginx route of a tcp frontend', () => {
    const tcp = 'postgres:\n  mode: tcp\n  address: "*"\n  port: 30190\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30190\n';
    assert.deepEqual(summary(memoryWorkspace(files({ 'inventories/prod/kube_gateway_pool/proxy.yml': `${PROXY}${tcp}` }))), []);
    assert.deepEqual(summary(memoryWorkspace(files({ 'inventories/prod/kube_gateway_pool/proxy.yml': `${PROXY}${tcp.replace('mode: tcp', 'mode: http')}` }))), ['inventories/prod/kube_gateway_pool/proxy.yml:10 missing-link']);
  });

  it('reports a Service that a chain reaches by name but that opens no node port', () => {
    const clusterIp = SERVICE.replace('  type: NodePort\n', '').replace('      nodePort: 30170\n', '');
    assert.deepEqual(summary(memoryWorkspace(files({ 'k8s/argocd/service.yml': clusterIp }))), ['k8s/argocd/service.yml:4 service-type']);
  });
});
