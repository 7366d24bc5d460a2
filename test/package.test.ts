import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from '../server/src/core/types';
import { REPO } from './helpers/paths';

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown }; virtualWorkspaces: { supported: unknown } };
  contributes: {
    configuration: { properties: Record<string, { default: unknown; properties?: Record<string, { enum: string[] }> }> };
    commands: { command: string; title: string; category: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The first column of the README table that follows `heading`. */
function tableColumn(heading: string): string[] {
  const lines = readme.slice(readme.indexOf(heading)).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  return table.flatMap((row) => {
    const name = /^\| `([^`]+)`/.exec(row)?.[1];
    return name === undefined ? [] : [name];
  });
}

describe('the extension manifest and package', () => {
  it('is a real VS Code extension manifest', () => {
    assert.equal(manifest.name, 'kube-expose');
    assert.ok(manifest.publisher);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.equal(manifest.main, './dist/client.js');
    assert.ok(existsSync(join(REPO, manifest.main)));
    assert.ok(existsSync(join(REPO, manifest.bin['kube-expose'] ?? '')));
    assert.ok(manifest.activationEvents.length > 0 && !manifest.activationEvents.includes('*'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    for (const command of manifest.contributes.commands) {
      assert.ok(command.title && command.category === 'Kube Expose', command.command);
    }
  });

  it('documents every setting in the README, with the defaults the server uses', () => {
    const settings = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(tableColumn('## Settings').sort(), settings);
    const property = (name: string): unknown => manifest.contributes.configuration.properties[`kubeExpose.${name}`]?.default;
    for (const key of Object.keys(DEFAULT_SETTINGS.files) as (keyof typeof DEFAULT_SETTINGS.files)[]) assert.deepEqual(property(`files.${key}`), DEFAULT_SETTINGS.files[key]);
    assert.equal(property('gatewayGroup'), DEFAULT_SETTINGS.gatewayGroup);
    assert.equal(property('nodePortRange'), `${DEFAULT_SETTINGS.nodePortRange.min}-${DEFAULT_SETTINGS.nodePortRange.max}`);
    assert.equal(property('maxFileSize'), DEFAULT_SETTINGS.maxFileSize);
    assert.equal(property('maxAliasCount'), DEFAULT_SETTINGS.maxAliasCount);
  });

  it('documents every diagnostic code, and lets each be set in kubeExpose.severity', () => {
    assert.deepEqual(tableColumn('## Diagnostic codes'), [...DIAGNOSTIC_CODES]);
    const severity = manifest.contributes.configuration.properties['kubeExpose.severity']?.properties ?? {};
    assert.deepEqual(Object.keys(severity), [...DIAGNOSTIC_CODES]);
    for (const code of DIAGNOSTIC_CODES) assert.ok(readme.includes(`| \`${code}\` | ${DEFAULT_SEVERITY[code]} |`), `README states the default severity of ${code}`);
  });

  it('packages the bundles and data files only (vsce ls)', () => {
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, result.stderr);
    const files = result.stdout.trim().split('\n');
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'package.json', 'README.md', 'LICENSE', 'schemas/kubernetes/service-v1.json']) assert.ok(files.includes(needed), needed);
    assert.ok(!files.some((file) => /^(client|server|test|node_modules|examples|bench)\//.test(file) || file.endsWith('.map')), files.join('\n'));
  });

  it('bundles the server and CLI without runtime dependencies, and leaves vscode to the editor', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const bundle of ['dist/server.js', 'dist/cli.js']) {
      const required = [...readFileSync(join(REPO, bundle), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
      assert.deepEqual(required.filter((name) => !builtins.has(name)), [], bundle);
    }
    assert.match(readFileSync(join(REPO, 'dist/client.js'), 'utf8'), /require\("vscode"\)/);
  });
});
