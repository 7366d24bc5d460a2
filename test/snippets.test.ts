import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import type { Workspace } from '../server/src/core/workspace/workspace';
import { memoryWorkspace, summary } from './helpers/memory';
import { REPO } from './helpers/paths';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
const files = manifest.contributes.snippets.map((entry) => ({ ...entry, snippets: JSON.parse(readFileSync(join(REPO, entry.path), 'utf8')) as Record<string, Snippet> }));

/** `${1/regex/format/}`: a mirror of tabstop 1 rewritten, with `$n` and `${n:+text}` in the format. */
const TRANSFORM = /\$\{(\d+)\/([^/]*)\/((?:\$\{\d+:\+[^}]*\}|[^}/])*)\/([a-z]*)\}/g;

function transform(value: string, pattern: string, format: string, flags: string): string {
  return value.replace(new RegExp(pattern, flags), (...match: unknown[]) => {
    const group = (index: string): string => (typeof match[Number(index)] === 'string' ? (match[Number(index)] as string) : '');
    return format.replace(/\$\{(\d+):\+([^}]*)\}|\$(\d+)/g, (_all, ifIndex: string | undefined, text: string | undefined, index: string | undefined) =>
      ifIndex !== undefined ? (group(ifIndex) ? (text ?? '') : '') : group(index ?? ''),
    );
  });
}

/** Expands a snippet as an editor would with its defaults: placeholders and choices take their first value. */
function expand(body: readonly string[], values: Record<string, string> = {}): string {
  const transforms: [string, string, string, string][] = [];
  let text = body.join('\n').replace(TRANSFORM, (_all, index: string, pattern: string, format: string, flags: string) => `\uE000${transforms.push([index, pattern, format, flags]) - 1}\uE000`);
  const defaults: Record<string, string> = { ...values };
  for (let pass = 0; pass < 4; pass++) {
    text = text.replace(/\$\{(\d+):([^{}]*)\}/g, (_all, index: string, value: string) => (defaults[index] ??= value));
    text = text.replace(/\$\{(\d+)\|([^,|}]*)[^}]*\|\}/g, (_all, index: string, first: string) => (defaults[index] ??= first));
  }
  return text
    .replace(/\$(\d+)/g, (_all, index: string) => defaults[index] ?? '')
    .replace(/\\\$/g, '$')
    .replace(/\uE000(\d+)\uE000/g, (_all, at: string) => {
      const [index = '', pattern = '', format = '', flags = ''] = transforms[Number(at)] ?? [];
      return transform(defaults[index] ?? '', pattern, format, flags);
    });
}

describe('snippets', () => {
  it('are contributed for YAML, each with a prefix, a body and a description', () => {
    assert.deepEqual(files.map((file) => file.language), ['yaml']);
    const prefixes = files.flatMap((file) => Object.values(file.snippets).map((snippet) => snippet.prefix));
    assert.deepEqual(prefixes.sort(), ['ke-app-port', 'ke-haproxy', 'ke-route', 'ke-service']);
    for (const snippet of files.flatMap((file) => Object.values(file.snippets))) {
      assert.ok(snippet.description.length > 20 && snippet.body.length > 0, snippet.prefix);
      assert.deepEqual(parseDocument(expand(snippet.body)).errors, [], snippet.prefix);
    }
  });

  const snippet = (prefix: string): Snippet => {
    const found = files.flatMap((file) => Object.values(file.snippets)).find((candidate) => candidate.prefix === prefix);
    assert.ok(found);
    return found;
  };

  /** A workspace made of the four snippets alone, with `name` typed as the app and 30300 as its port. */
  const chainOf = (name: string): Workspace => {
    const app = { 1: name };
    return memoryWorkspace({
      'inventories/dev/hosts.yml': 'all:\n  children:\n    kube_gateway_pool:\n    webservers_pool:\n',
      'inventories/dev/group_vars/all/apps.yml': `app:\n${expand(snippet('ke-app-port').body, { ...app, 2: '30300' }).replace(/^/gm, '  ')}`,
      'inventories/dev/kube_gateway_pool/proxy.yml': expand(snippet('ke-haproxy').body, app),
      'inventories/dev/webservers_pool/routes.yml': expand(snippet('ke-route').body, app),
      [`k8s/${name}.yml`]: expand(snippet('ke-service').body, { ...app, 2: 'monitoring', 3: '30300' }),
    });
  };

  it('expand, with one name typed once, into a complete chain the checker finds clean', () => {
    const workspace = chainOf('grafana');
    assert.deepEqual(summary(workspace), []);
    assert.equal(workspace.chains('inventories/dev')[0]?.expected, 30300);
    assert.match(expand(snippet('ke-route').body, { 1: 'grafana' }), /location: \/grafana\/\n/);
  });

  it("write a name Jinja cannot read after a dot in brackets (app['my-app'].port), and the chain is still clean", () => {
    assert.match(expand(snippet('ke-haproxy').body, { 1: 'grafana' }), /port: "\{\{ app\.grafana\.port \}\}"/);
    assert.match(expand(snippet('ke-haproxy').body, { 1: 'my-app' }), /port: "\{\{ app\['my-app'\]\.port \}\}"/);
    const workspace = chainOf('my-app');
    assert.deepEqual(summary(workspace), []);
    assert.equal(workspace.chains('inventories/dev')[0]?.expected, 30300);
  });

  it('offer the HAProxy modes and balance algorithms as choices', () => {
    const body = snippet('ke-haproxy').body.join('\n');
    assert.match(body, /\$\{2\|http,tcp\|\}/);
    assert.match(body, /\$\{4\|roundrobin,leastconn,/);
  });
});
