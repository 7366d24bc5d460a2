import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXPOSURES_REQUEST, type ExposuresResult } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE, FIXTURES, tempDir } from '../helpers/paths';
import { generatedRepository } from '../helpers/generated';

/** Every file's diagnostics as the editor holds them once the index is published. */
async function session(root: string, cacheFolder: string): Promise<{ shown: Record<string, unknown>; logs: string[] }> {
  const client = await TestClient.start(root, {}, false, undefined, { cacheFolder });
  try {
    const shown = Object.fromEntries([...client.diagnostics].filter(([, list]) => list.length).sort(([a], [b]) => a.localeCompare(b)));
    const logs = client.notifications.filter((note) => note.method === 'window/logMessage').map((note) => (note.params as { message: string }).message);
    return { shown, logs };
  } finally {
    await client.stop();
  }
}

describe('the server keeps its index in the folder the client gives', () => {
  it('a warm start shows the diagnostics of a cold one; a damaged cache is said, ignored and rewritten', async () => {
    const root = copyToTemp(EXAMPLE);
    const folder = tempDir();
    const cold = await session(root, folder);
    assert.ok(Object.keys(cold.shown).length > 0);
    const [name] = readdirSync(folder).filter((entry) => entry.endsWith('.cache'));
    assert.ok(name, 'the server wrote its cache');
    const warm = await session(root, folder);
    assert.deepEqual(warm.shown, cold.shown);
    assert.ok(!warm.logs.some((line) => line.includes('was not used')));

    // The shard holding the most entries, cut short.
    const [shard] = readdirSync(folder)
      .filter((entry) => entry.startsWith(`${name}.`) && /\.\d+$/.test(entry))
      .map((entry) => join(folder, entry))
      .sort((a, b) => readFileSync(b).length - readFileSync(a).length);
    assert.ok(shard, 'the cache has shard files');
    const bytes = readFileSync(shard);
    writeFileSync(shard, bytes.subarray(0, bytes.length - 10));
    const damaged = await session(root, folder);
    assert.deepEqual(damaged.shown, cold.shown);
    assert.ok(damaged.logs.some((line) => line.includes('was not used (it is truncated)')));
    const again = await session(root, folder);
    assert.ok(!again.logs.some((line) => line.includes('was not used')));
  });

  it('after a warm start, edits in an environment whose check was kept show what they show after a cold start', async () => {
    const root = copyToTemp(join(FIXTURES, 'clean-multi-env'));
    const vars = (env: string): string => join(root, 'inventories', env, 'group_vars/all/apps.yml');
    writeFileSync(vars('prod'), readFileSync(vars('prod'), 'utf8').replace('port: 30165', 'port: 30166'));
    const folder = tempDir();
    /** Fixes prod's mismatch in the editor, and makes one in staging; every file's diagnostics after each edit. */
    const editing = async (cacheFolder: string | undefined): Promise<unknown[]> => {
      const client = await TestClient.start(root, {}, false, undefined, cacheFolder ? { cacheFolder } : {});
      try {
        const seen: unknown[] = [];
        const snapshot = (): unknown => Object.fromEntries([...client.diagnostics].filter(([, list]) => list.length).sort(([a], [b]) => a.localeCompare(b)));
        seen.push(snapshot());
        for (const [env, from, to] of [['prod', '30166', '30165'], ['staging', '30265', '30267']] as const) {
          const text = readFileSync(vars(env), 'utf8');
          const at = text.split('\n').findIndex((line) => line.includes(from));
          const character = (text.split('\n')[at] ?? '').indexOf(from);
          await client.open(vars(env), text);
          await client.change(vars(env), [{ range: { start: { line: at, character }, end: { line: at, character: character + 5 } }, text: to }]);
          await client.waitFor(() => (env === 'prod' ? client.diagnosticsOf(vars(env)).length === 0 : client.diagnosticsOf(vars(env)).length > 0));
          seen.push(snapshot());
        }
        return seen;
      } finally {
        await client.stop();
      }
    };
    const cold = await editing(undefined);
    await session(root, folder);
    const warm = await editing(folder);
    assert.deepEqual(warm, cold);
    assert.equal(Object.keys(cold[0] as object).length, 1, 'the prod mismatch is shown at first');
  });

  it('right after a warm start, the Exposures view shows the chains a cold start shows (linked when asked)', async () => {
    const root = copyToTemp(join(FIXTURES, 'clean-multi-env'));
    const vars = join(root, 'inventories/prod/group_vars/all/apps.yml');
    writeFileSync(vars, readFileSync(vars, 'utf8').replace('port: 30165', 'port: 30166'));
    const folder = tempDir();
    const exposures = async (cacheFolder: string | undefined): Promise<unknown[]> => {
      const client = await TestClient.start(root, {}, false, undefined, cacheFolder ? { cacheFolder } : {});
      try {
        const seen: unknown[] = [];
        const { environments } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, {});
        seen.push(environments);
        for (const environment of environments ?? []) {
          const { apps } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: environment.id });
          seen.push(apps);
          for (const app of apps ?? []) seen.push(await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: environment.id, app: app.name }));
        }
        return seen;
      } finally {
        await client.stop();
      }
    };
    const cold = await exposures(undefined);
    await session(root, folder);
    assert.deepEqual(await exposures(folder), cold);
    assert.equal((cold[0] as { apps: number }[]).reduce((sum, environment) => sum + environment.apps, 0), 2);
  });

  it('on a repository whose large files keep their facts as text (from the workers, then the cache), shows what a cold start shows', async () => {
    // Over 200 files: built on worker threads, which send the large routes and proxy files' facts as text.
    const root = generatedRepository({ envs: 2, apps: 120 });
    const folder = tempDir();
    const cold = await seen(root, undefined);
    assert.deepEqual(await seen(root, folder), cold, 'the first start, writing the cache');
    assert.deepEqual(await seen(root, folder), cold, 'the warm start');
    assert.ok(Object.keys(cold[0] as object).length > 0, 'the planted mistakes are shown');
  });

  it('after a routes entry and a Service changed, a warm start keeps the other chains and shows what a cold start shows', async () => {
    const root = generatedRepository({ envs: 1, apps: 400, seed: 5 });
    const folder = tempDir();
    await seen(root, folder);
    const routes = join(root, 'inventories/protobox/webservers_pool/routes.yml');
    const text = readFileSync(routes, 'utf8');
    const ports = [...text.matchAll(/^( {4}port: )(\d+)$/gm)];
    const middle = ports[Math.floor(ports.length / 2)];
    assert.ok(middle?.index !== undefined && middle[1] && middle[2]);
    const at = middle.index + middle[1].length;
    writeFileSync(routes, `${text.slice(0, at)}${Number(middle[2]) + 1}${text.slice(at + middle[2].length)}`);
    const service = readdirSync(join(root, 'k8s'), { recursive: true, encoding: 'utf8' }).find((path) => /nodePort: \d+/.test(path.endsWith('.yml') ? readFileSync(join(root, 'k8s', path), 'utf8') : ''));
    assert.ok(service);
    const manifest = join(root, 'k8s', service);
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/nodePort: (\d+)/, (_, port: string) => `nodePort: ${Number(port) + 1}`));
    assert.deepEqual(await seen(root, folder), await seen(root, undefined));
  });
});

/** Every file's diagnostics once the index is published, and the Exposures view of each environment. */
async function seen(root: string, cacheFolder: string | undefined): Promise<unknown[]> {
  const client = await TestClient.start(root, {}, false, undefined, cacheFolder ? { cacheFolder } : {});
  try {
    const shown = Object.fromEntries([...client.diagnostics].filter(([, list]) => list.length).sort(([a], [b]) => a.localeCompare(b)));
    const { environments } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, {});
    const apps = [];
    for (const environment of environments ?? []) apps.push(await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: environment.id }));
    return [shown, environments, apps];
  } finally {
    await client.stop();
  }
}
