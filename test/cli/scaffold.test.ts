import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyToTemp, EXAMPLE } from '../helpers/paths';
import { runCli, snapshot } from '../helpers/run';
import { EXPECTED, original, PROXY, ROUTES } from '../helpers/scaffoldExpected';

const GRAFANA = ['scaffold', '--env', 'protobox', '--app', 'grafana', '--namespace', 'monitoring', '--target-port', '3000', '--location', '/grafana/'];



const diagnosticsOf = (root: string): string[] => (JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as { diagnostics: { file: string; line: number; code: string }[] }).diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.code}`);

describe('kube-expose scaffold', () => {
  it('writes exactly the four files, only adding to the existing ones, and the check finds nothing new', () => {
    const root = copyToTemp(EXAMPLE);
    const before = diagnosticsOf(root);
    const result = runCli([...GRAFANA, root], root);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').length, 4);
    for (const [relative, text] of Object.entries(EXPECTED)) assert.equal(readFileSync(join(root, relative), 'utf8'), text, relative);
    assert.deepEqual(diagnosticsOf(root), before);
  });

  it('creates the HAProxy, Nginx and variables files an environment does not have yet', () => {
    const root = copyToTemp(EXAMPLE);
    for (const relative of [PROXY, ROUTES, 'inventories/protobox/group_vars/all/apps.yml']) rmSync(join(root, relative));
    const result = runCli(GRAFANA, root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /created inventories\/protobox\/kube_gateway_pool\/proxy\.yml/);
    assert.equal(readFileSync(join(root, 'inventories/protobox/group_vars/all/apps.yml'), 'utf8'), 'app:\n  grafana:\n    port: 30000\n');
    assert.equal(readFileSync(join(root, PROXY), 'utf8'), (EXPECTED[PROXY] ?? '').slice(original(PROXY).length + 1));
    assert.deepEqual(diagnosticsOf(root), []);
  });

  it('picks a node port that no app port of the workspace uses, even one no chain reaches', () => {
    const root = copyToTemp(EXAMPLE);
    const vars = join(root, 'inventories/protobox/group_vars/all/apps.yml');
    writeFileSync(vars, `${readFileSync(vars, 'utf8')}  legacy:\n    port: 30000\n`);
    const result = runCli(GRAFANA, root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(readFileSync(vars, 'utf8'), /\n {2}grafana:\n {4}port: 30001\n/);
  });

  it('prints a unified diff with --dry-run and writes nothing', () => {
    const root = copyToTemp(EXAMPLE);
    const files = snapshot(root);
    const result = runCli([...GRAFANA, '--dry-run'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(snapshot(root), files);
    assert.match(result.stdout, /^--- a\/inventories\/protobox\/group_vars\/all\/apps\.yml\n\+\+\+ b\/inventories\/protobox\/group_vars\/all\/apps\.yml\n@@ -2,3 \+2,5 @@\n app:\n {3}pgadmin4:\n {5}port: 30165\n\+ {2}grafana:\n\+ {4}port: 30000\n/);
    assert.match(result.stdout, /--- \/dev\/null\n\+\+\+ b\/k8s\/monitoring\/grafana-service\.yml\n@@ -0,0 \+1,16 @@\n\+apiVersion: v1\n/);
  });

  it('keeps CRLF line endings and uses them for what it adds', () => {
    const root = copyToTemp(EXAMPLE);
    writeFileSync(join(root, PROXY), original(PROXY).replace(/\n/g, '\r\n'));
    assert.equal(runCli(GRAFANA, root).status, 0);
    const proxy = readFileSync(join(root, PROXY), 'utf8');
    assert.ok(proxy.startsWith(original(PROXY).replace(/\n/g, '\r\n')));
    assert.equal(proxy, EXPECTED[PROXY]?.replace(/\n/g, '\r\n'));
  });

  // 1: the repository already has it (refused); 2: the value itself is wrong (bad usage), as for check.
  const refusals: [string, string[], RegExp, 1 | 2, ((root: string) => void)?][] = [
    ['an app that exists', ['--app', 'pgadmin4'], /App pgadmin4 already exists in environment protobox/, 1],
    ['a node port in use', ['--node-port', '30165'], /Port 30165 is already used/, 1],
    ['a node port outside the range', ['--node-port', '8080'], /outside the node-port range 30000-32767/, 2],
    ['a stream that exists', ['--app', 'vadmin', '--location', '/vadmin/'], /Stream stream_vadmin already exists/, 1],
    ['a location that exists', ['--location', '/v-admin/'], /Location \/v-admin\/ is already served by route pgadmin4/, 1],
    ['an unknown environment', ['--env', 'prod'], /No environment prod \(found: protobox\)/, 2],
    ['a target file that is not valid YAML', [], /routes\.yml is not valid YAML/, 1, (root) => writeFileSync(join(root, ROUTES), `${original(ROUTES)}broken: [\n`)],
    ['a path outside the workspace', [], /would fall outside the workspace/, 2, (root) => writeFileSync(join(root, '.kube-expose.json'), JSON.stringify({ scaffold: { servicePath: '../elsewhere/{app}.yml' } }))],
    ['a balance algorithm the schema does not know, naming the allowed ones', ['--balance', 'foo'], /proxy\.yml:\d+:\d+ - Value "foo" is not allowed: expected one of "roundrobin", "static-rr"/, 2],
    ['a mode other than http or tcp', ['--mode', 'udp'], /--mode must be one of http, tcp \(not "udp"\)/, 2],
    ['port 0', ['--port', '0'], /--port must be a port number from 1 to 65535 \(not "0"\)/, 2],
    ['a target port that is not a number', ['--target-port', 'abc'], /--target-port must be a port number from 1 to 65535 \(not "abc"\)/, 2],
    ['an app name Kubernetes cannot take', ['--app', 'Bad_App'], /"Bad_App" is not a valid app name/, 2],
  ];
  for (const [name, extra, message, status, prepare] of refusals) {
    it(`refuses ${name}, writing nothing (exit ${status})`, () => {
      const root = copyToTemp(EXAMPLE);
      prepare?.(root);
      const files = snapshot(root);
      const args = [...GRAFANA];
      for (let i = 0; i < extra.length; i += 2) {
        const at = args.indexOf(extra[i] ?? '');
        if (at >= 0) args[at + 1] = extra[i + 1] ?? '';
        else args.push(extra[i] ?? '', extra[i + 1] ?? '');
      }
      const result = runCli(args, root);
      assert.equal(result.status, status, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.deepEqual(snapshot(root), files);
    });
  }

  it('answers --help like check does, and says a missing value is missing', () => {
    const help = runCli(['scaffold', '--help'], EXAMPLE);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kube-expose check/);
    const missing = runCli([...GRAFANA, '--location'], EXAMPLE);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^kube-expose: --location is missing its value\n/);
  });

  it('says a file given as ROOT is not a folder', () => {
    const result = runCli([...GRAFANA, 'k8s/postgresql/pgadmin-service.yml'], EXAMPLE);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^kube-expose: k8s\/postgresql\/pgadmin-service\.yml is not a folder/);
  });

  it('exits 2 on bad usage', () => {
    assert.equal(runCli(['scaffold', '--env', 'protobox'], EXAMPLE).status, 2);
    assert.equal(runCli([...GRAFANA, '--target-port', 'http'], EXAMPLE).status, 2);
  });
});
