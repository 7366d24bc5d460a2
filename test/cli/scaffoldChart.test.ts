import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyToTemp, FIXTURES } from '../helpers/paths';
import { runCli, snapshot } from '../helpers/run';

const FIXTURE = join(FIXTURES, 'clean-helm-scaffold');
const GRAFANA_VALUES = 'charts/grafana/values.yaml';
const GRAFANA = ['scaffold', '--env', 'prod', '--app', 'grafana', '--location', '/grafana/'];

const original = (relative: string): string => readFileSync(join(FIXTURE, relative), 'utf8');
const diagnosticsOf = (root: string): string[] => (JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as { diagnostics: { file: string; line: number; code: string }[] }).diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.code}`);

describe('kube-expose scaffold --chart', () => {
  it("writes the node port (and the type NodePort the template needs) into the chart's values.yaml, changing only those values", () => {
    const root = copyToTemp(FIXTURE);
    const result = runCli([...GRAFANA, '--chart', 'charts/grafana'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['updated charts/grafana/values.yaml', 'updated inventories/prod/group_vars/all/apps.yml', 'updated inventories/prod/kube_gateway_pool/proxy.yml', 'updated inventories/prod/webservers_pool/routes.yml']);
    assert.equal(readFileSync(join(root, GRAFANA_VALUES), 'utf8'), original(GRAFANA_VALUES).replace('type: ClusterIP', 'type: NodePort').replace('nodePort: ""', 'nodePort: 30000'));
    assert.ok(!existsSync(join(root, 'k8s/grafana/grafana-service.yml')), 'no manifest is created');
    assert.match(readFileSync(join(root, 'inventories/prod/group_vars/all/apps.yml'), 'utf8'), /\n {2}grafana:\n {4}port: 30000\n$/);
    assert.deepEqual(diagnosticsOf(root), []);
    // The chart's Service is in the new chain: a node port changed in values.yaml now disagrees with the variable.
    writeFileSync(join(root, GRAFANA_VALUES), readFileSync(join(root, GRAFANA_VALUES), 'utf8').replace('nodePort: 30000', 'nodePort: 30009'));
    const report = JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as { diagnostics: { file: string; line: number; code: string; message: string }[] };
    assert.deepEqual(report.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.code}`), ['inventories/prod/group_vars/all/apps.yml:6 port-mismatch']);
    assert.match(report.diagnostics[0]?.message ?? '', /charts\/grafana\/values\.yaml:12/);
  });

  it("creates the environment's values file when the chart has values files for other environments only", () => {
    const root = copyToTemp(FIXTURE);
    const result = runCli([...GRAFANA, '--app', 'loki', '--location', '/loki/', '--chart', 'charts/loki'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^created charts\/loki\/values\/prod\.yaml$/m);
    assert.equal(readFileSync(join(root, 'charts/loki/values/prod.yaml'), 'utf8'), 'service:\n  nodePort: 30000\n');
    assert.equal(readFileSync(join(root, 'charts/loki/values.yaml'), 'utf8'), original('charts/loki/values.yaml'));
    assert.deepEqual(diagnosticsOf(root), []);
  });

  it("adds the key to the environment's values file when it has one, with the file's own line endings", () => {
    const root = copyToTemp(FIXTURE);
    writeFileSync(join(root, 'charts/loki/values/prod.yaml'), '# Production.\r\nreplicas: 3\r\nservice:\r\n  port: 3100\r\n');
    const result = runCli([...GRAFANA, '--chart', join(root, 'charts/loki')], root);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(join(root, 'charts/loki/values/prod.yaml'), 'utf8'), '# Production.\r\nreplicas: 3\r\nservice:\r\n  port: 3100\r\n  nodePort: 30000\r\n');
  });

  it('prints the values edit in the dry-run diff and writes nothing', () => {
    const root = copyToTemp(FIXTURE);
    const files = snapshot(root);
    const result = runCli([...GRAFANA, '--chart', 'charts/grafana/', '--node-port', '30444', '--dry-run'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(snapshot(root), files);
    assert.match(result.stdout, /^--- a\/charts\/grafana\/values\.yaml\n\+\+\+ b\/charts\/grafana\/values\.yaml\n/);
    assert.match(result.stdout, /^\+ {2}nodePort: 30444$/m);
    assert.doesNotMatch(result.stdout, /k8s\//);
  });

  const refusals: [string, string[], RegExp, ((root: string) => void)?][] = [
    ['a chart whose Service template reads no node port from values', ['--chart', 'charts/redis'], /No Service template of the chart charts\/redis reads its nodePort from values/],
    ['a folder that is not a chart', ['--chart', 'charts/nope'], /No Helm chart at charts\/nope \(a folder with a Chart\.yaml; found: charts\/grafana, charts\/loki, charts\/redis\)/],
    ['a values file that already sets the node port', ['--chart', 'charts/grafana'], /charts\/grafana\/values\.yaml already sets service\.nodePort to 30080/, (root) => writeFileSync(join(root, GRAFANA_VALUES), original(GRAFANA_VALUES).replace('nodePort: ""', 'nodePort: 30080'))],
    ['a template whose type is not NodePort and not read from values', ['--chart', 'charts/loki'], /is of type ClusterIP, which the template writes/, (root) => writeFileSync(join(root, 'charts/loki/templates/service.yaml'), readFileSync(join(root, 'charts/loki/templates/service.yaml'), 'utf8').replace('type: NodePort', 'type: ClusterIP'))],
    ['a port guarded by a value nobody sets', ['--chart', 'charts/loki'], /still does not render the nodePort for environment prod/, (root) => writeFileSync(join(root, 'charts/loki/templates/service.yaml'), readFileSync(join(root, 'charts/loki/templates/service.yaml'), 'utf8').replace('{{- if .Values.service.nodePort }}', '{{- if .Values.service.exposed }}'))],
    ['a values file that is not valid YAML', ['--chart', 'charts/grafana'], /charts\/grafana\/values\.yaml is not valid YAML/, (root) => writeFileSync(join(root, GRAFANA_VALUES), `${original(GRAFANA_VALUES)}broken: [\n`)],
    ['a chart path outside the workspace', ['--chart', '../charts/grafana'], /would fall outside the workspace/],
  ];
  for (const [name, extra, message, prepare] of refusals) {
    it(`refuses ${name}, writing nothing`, () => {
      const root = copyToTemp(FIXTURE);
      prepare?.(root);
      const files = snapshot(root);
      const result = runCli([...GRAFANA, ...extra], root);
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.deepEqual(snapshot(root), files);
    });
  }

  it('exits 2 when given what only a manifest needs', () => {
    for (const extra of [['--namespace', 'monitoring'], ['--target-port', '3000'], ['--port', '80']]) {
      const result = runCli([...GRAFANA, '--chart', 'charts/grafana', ...extra], FIXTURE);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /is not used with --chart: the chart's Service template sets it/);
    }
    assert.match(runCli([...GRAFANA], FIXTURE).stderr, /scaffold needs --namespace/);
  });
});
