import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from '../server/src/core/types';
import { REPO, tempDir } from './helpers/paths';
import { zipEntries } from './helpers/zip';

interface Manifest {
  name: string;
  version: string;
  icon: string;
  publisher: string;
  main: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces: { supported: unknown } };
  contributes: {
    configuration: { title: string; properties: Record<string, { default: unknown; enum?: string[]; properties?: Record<string, { enum: string[] }> }> };
    commands: { command: string; title: string; category: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
    grammars?: { path: string }[];
    snippets?: { path: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

/** `true` when A and B have the same keys and each is assignable to the other (optional and required differ). */

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** The modules a bundle still requires at run time. */
function requiredBy(bundle: string): string[] {
  return [...readFileSync(join(REPO, bundle), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
}

/** Every file below a folder of the repository, as a path relative to the root with / separators. */
function filesBelow(folder: string): string[] {
  const absolute = join(REPO, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(REPO, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

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
    assert.equal(manifest.contributes.configuration.title, 'Kube Expose');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });

  it('activates on specific workspaces and on YAML, never on everything', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:yaml'));
    assert.ok(manifest.activationEvents.some((event) => event.startsWith('workspaceContains:')));
    for (const event of manifest.activationEvents) {
      assert.ok(event === 'onLanguage:yaml' || (event.startsWith('workspaceContains:') && event !== 'workspaceContains:**'), event);
    }
  });

  it('keeps the workspace from choosing the files read in an untrusted workspace', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    const settings = Object.keys(manifest.contributes.configuration.properties);
    for (const name of restricted) assert.ok(settings.includes(name), name);
    for (const name of settings.filter((setting) => setting.startsWith('kubeExpose.files.'))) assert.ok(restricted.includes(name), name);
  });

  it('contributes exactly the commands the client registers, each named in the README', () => {
    const registered = new Set<string>();
    for (const file of filesBelow('client/src')) {
      for (const match of readFileSync(join(REPO, file), 'utf8').matchAll(/registerCommand\(\s*'([^']+)'/g)) registered.add(match[1] ?? '');
    }
    const contributed = manifest.contributes.commands.map((command) => command.command);
    assert.deepEqual([...registered].sort(), [...contributed].sort());
    const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const command of manifest.contributes.commands) {
      assert.ok(command.title && command.category === 'Kube Expose', command.command);
      if (!hidden.has(command.command)) assert.ok(readme.includes(`**Kube Expose: ${command.title}**`), `README names ${command.command}`);
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
    for (const [code, property] of Object.entries(severity)) assert.deepEqual(property.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
    assert.deepEqual(manifest.contributes.configuration.properties['kubeExpose.trace.server']?.enum, ['off', 'messages', 'verbose']);
    for (const code of DIAGNOSTIC_CODES) assert.ok(readme.includes(`| \`${code}\` | ${DEFAULT_SEVERITY[code]} |`), `README states the default severity of ${code}`);
  });

  it('packages a .vsix under 3 MB with the bundles, data files, docs and icon, and no sources (npm run package)', () => {
    // vsce runs vscode:prepublish, a production build over dist/, which the other test files run while this one
    // does: package a copy of the repository whose manifest skips it, with the bundles `npm test` just built.
    const copy = tempDir();
    cpSync(REPO, copy, { recursive: true, filter: (source) => !/\/(node_modules|\.git|out|bench\/repos)$/.test(source) && !source.endsWith('.vsix') });
    const copied = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    delete copied.scripts['vscode:prepublish'];
    writeFileSync(join(copy, 'package.json'), JSON.stringify(copied, null, 2));
    const out = join(tempDir(), `${manifest.name}-${manifest.version}.vsix`);
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: copy, encoding: 'utf8', timeout: 180_000 });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.ok(statSync(out).size < 3 * 1024 * 1024, `${statSync(out).size} bytes`);
    const files = zipEntries(out)
      .map((entry) => entry.name)
      .filter((name) => name.startsWith('extension/'))
      .map((name) => name.slice('extension/'.length));
    const contributed = [...(manifest.contributes.grammars ?? []), ...(manifest.contributes.snippets ?? [])].map((entry) => entry.path.replace(/^\.\//, ''));
    const data = [...filesBelow('schemas'), ...filesBelow('syntaxes'), ...filesBelow('snippets')];
    assert.ok(data.some((file) => file.startsWith('schemas/')), 'schemas/ holds files');
    assert.equal(manifest.icon, 'images/icon.png');
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/modelWorker.js', 'dist/kube-expose.schema.json', 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', manifest.icon, ...contributed, ...data]) {
      assert.ok(files.some((file) => file.toLowerCase() === needed.toLowerCase()), `${needed} is packaged (${files.join(', ')})`);
    }
    const stray = files.filter((file) => /^(client|server|src|test|out|node_modules|examples|bench|scripts|\.vscode-test)\//.test(file) || /(^|\/)src\//.test(file) || file.endsWith('.map') || file.endsWith('.ts'));
    assert.deepEqual(stray, []);
  });

  it('follows semver, with a CHANGELOG entry for the version', () => {
    assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    assert.ok(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8').includes(`## ${manifest.version}`), `CHANGELOG.md has a "## ${manifest.version}" section`);
  });

  it('bundles the server and CLI without runtime dependencies, and leaves vscode to the editor', () => {
    for (const bundle of ['dist/server.js', 'dist/cli.js', 'dist/modelWorker.js']) assert.deepEqual(requiredBy(bundle).filter((name) => !builtins.has(name)), [], bundle);
    // The client bundles vscode-languageclient, and requires `vscode`, which only the extension host provides.
    const client = requiredBy('dist/client.js');
    assert.ok(client.includes('vscode'), 'dist/client.js requires vscode');
    assert.deepEqual(client.filter((name) => name !== 'vscode' && !builtins.has(name)), [], 'dist/client.js');
  });

  it('keeps the client free of server code: it shares only the protocol file, which imports types only', () => {
    const shared = 'server/src/lsp/protocol.ts';
    for (const file of filesBelow('client/src')) {
      for (const match of readFileSync(join(REPO, file), 'utf8').matchAll(/from '([^']+)'/g)) {
        const specifier = match[1] ?? '';
        if (!specifier.startsWith('.')) continue;
        const target = relative(REPO, join(REPO, file, '..', specifier)).split('\\').join('/');
        assert.ok(target.startsWith('client/src/') || `${target}.ts` === shared, `${file} imports ${specifier}`);
      }
    }
    for (const match of readFileSync(join(REPO, shared), 'utf8').matchAll(/^import (.*) from/gm)) assert.match(match[1] ?? '', /^type /, `${shared} imports values`);
  });

});
