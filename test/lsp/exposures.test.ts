import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXPOSURES_CHANGED_NOTIFICATION, EXPOSURES_REQUEST, type ExposuresResult } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lspClient';
import { copyToTemp, EXAMPLE } from '../helpers/paths';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

async function withExample<T>(run: (client: TestClient, root: string) => Promise<T>): Promise<T> {
  const root = copyToTemp(EXAMPLE);
  const client = await TestClient.start(root);
  try {
    return await run(client, root);
  } finally {
    await client.stop();
  }
}

describe('the Exposures view over LSP (kubeExpose/exposures)', () => {
  it('lists environments, then apps with their problems, then the hops of an app in chain order', () =>
    withExample(async (client, root) => {
      const { environments } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, {});
      assert.deepEqual(environments, [{ id: 'inventories/protobox', name: 'protobox', apps: 1, errors: 1, warnings: 0, folder: client.uri(root) }]);

      const { apps } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: 'inventories/protobox' });
      assert.equal(apps?.length, 1);
      const [app] = apps ?? [];
      assert.equal(app?.name, 'pgadmin4');
      assert.equal(app?.port, 30165);
      assert.match(app?.summary ?? '', /^Nginx \/v-admin\/ -> stream_vadmin :30164 ⚠ -> HAProxy pgadmin4 :30165 -> Service postgresql\/pgadmin nodePort 30165/);
      assert.deepEqual(app?.problems.map((problem) => [problem.severity, problem.code]), [['error', 'port-mismatch']]);

      const { hops } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: 'protobox', app: 'pgadmin4' });
      assert.deepEqual(
        hops?.map((hop) => [hop.kind, hop.label, hop.description]),
        [
          ['location', 'location /v-admin/', undefined],
          ['stream', 'stream stream_vadmin', ':30164 -> kube_gateway_pool'],
          ['haproxy', 'HAProxy pgadmin4', ':30165 http'],
          ['destination', '-> kube_gateway_pool', ':30165'],
          ['variable', 'app.pgadmin4.port', '= 30165'],
          ['service', 'Service postgresql/pgadmin', 'NodePort'],
          ['service-port', 'port padmin-port', 'nodePort 30165 port 80 -> targetPort 80'],
        ],
      );
      // Only the hop where the odd port is written carries the problem, so its icon alone turns red.
      assert.deepEqual(hops?.map((hop) => hop.problems.length), [0, 1, 0, 0, 0, 0, 0]);
      assert.match(hops?.[1]?.problems[0]?.message ?? '', /stream_vadmin port is 30164/);

      // A click opens the file at the hop: the stream's port in routes.yml, line 15.
      const stream = hops?.[1];
      assert.equal(stream?.uri, client.uri(join(root, ROUTES)));
      assert.deepEqual(stream?.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } });
      const variable = hops?.[4];
      const variables = readFileSync(join(root, 'inventories/protobox/group_vars/all/apps.yml'), 'utf8').split('\n');
      assert.equal(variable?.uri, client.uri(join(root, 'inventories/protobox/group_vars/all/apps.yml')));
      assert.match(variables[variable?.range.start.line ?? -1] ?? '', /30165/);
    }));

  it('tells the view to refresh when a file changes, and the problem goes once fixed', () =>
    withExample(async (client, root) => {
      const routes = join(root, ROUTES);
      const text = readFileSync(routes, 'utf8');
      const before = client.notifications.filter((note) => note.method === EXPOSURES_CHANGED_NOTIFICATION).length;
      assert.ok(before >= 1, 'announced after indexing');
      await client.open(routes, text);
      const line = text.split('\n').findIndex((candidate) => candidate.includes('port: 30164'));
      await client.change(routes, [{ range: { start: { line, character: 10 }, end: { line, character: 15 } }, text: '30165' }]);
      await client.waitFor(() => client.notifications.filter((note) => note.method === EXPOSURES_CHANGED_NOTIFICATION).length > before);
      const { apps } = await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: 'protobox' });
      assert.deepEqual(apps?.[0]?.problems, []);
      assert.doesNotMatch(apps?.[0]?.summary ?? '', /⚠/);
    }));

  it('answers an unknown environment or app with an empty list', () =>
    withExample(async (client, root) => {
      assert.deepEqual(await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: 'nowhere' }), { apps: [] });
      assert.deepEqual(await client.request<ExposuresResult>(EXPOSURES_REQUEST, { folder: client.uri(root), env: 'protobox', app: 'nothing' }), { hops: [] });
    }));
});
