import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from '../../server/src/core/types';
import { ROOT, ROUTES, PROXY, APPS, HOSTS, SERVICE, type Setup, setup, mark } from '../helpers/exampleSetup';

/** A range lies inside its text: lines and characters that exist. */
function assertInside(text: string, range: Range, what: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < lines.length, `${what}: line ${position.line}`);
    assert.ok(position.character >= 0 && position.character <= (lines[position.line]?.length ?? 0), `${what}: character ${position.character}`);
  }
}

const ODD: Record<string, string> = {
  broken: 'pgadmin4:\n  stream: [\n    name: stream_vadmin\n  port: 30164 }\n: - ::\n  "unclosed\n',
  empty: '',
  blank: '\n\n   \n',
  comments: '# only\n# comments\n',
  crlf: 'pgadmin4:\r\n  webserver:\r\n    - location: /v-admin/\r\n      params:\r\n        proxy_pass:\r\n          values: http://stream_vadmin\r\n  stream:\r\n    name: stream_vadmin\r\n    port: 30164\r\n    group: kube_gateway_pool\r\n',
  bom: '\ufeffpgadmin4:\n  stream:\n    name: "stream_vadmin"\n    port: "{{ app.pgadmin4.port }}"\n    group: \'kube_gateway_pool\'\n',
  flow: '{pgadmin4: {stream: {name: stream_vadmin, port: 30164, group: kube_gateway_pool}, webserver: [{location: /v-admin/}]}}\n',
  aliases: 'base: &b\n  mode: http\npgadmin4:\n  <<: *b\n  port: *b\n',
  keys: '1: one\n~: null key\n? [complex, key]\n: value\ntrue: yes\n"": empty\n',
  unicode: 'pgadmin4:\n  webserver:\n    - location: /🚀/é/\n  stream:\n    name: stream_vadmin # 👋\n    port: 30164\n    group: kube_gateway_pool\n',
  templates: 'pgadmin4:\n  port: "{{ }}"\n  mode: "{{ app. }}"\n  address: "{{ app[\'x\'] | default( }}"\n  destination: "{{ {{ app.pgadmin4.port }} }}"\n  other: "{{ app.pgadmin4.port"\n',
  lists: '- a\n- b: {{ c }}\n- [1, 2]\n',
  deep: `${'['.repeat(200)}${']'.repeat(200)}\n`,
  tabs: 'pgadmin4:\n\tstream:\n\t\tname: x\n',
  ini: '[kube_gateway_pool\n[ :children]\n[]\n[x:vars]\n=1\nk=\n[x:children]\n\n',
};

describe('odd input', () => {
  it('answers every request at every position of broken, empty and strange files without throwing, with ranges inside the text', () => {
    for (const [name, text] of Object.entries(ODD)) {
      const targets = name === 'ini' ? ['inventories/protobox/hosts'] : [ROUTES, PROXY, APPS, HOSTS, 'k8s/odd/service.yml'];
      for (const target of targets) {
        const content = target.startsWith('k8s/') ? `apiVersion: v1\nkind: Service\n${text}` : text;
        const { service } = setup({ [target]: content, ...(name === 'ini' ? { [HOSTS]: undefined } : {}) });
        const path = `${ROOT}/${target}`;
        const lines = content.split('\n');
        const check = (range: Range | undefined, what: string): void => {
          if (range) assertInside(content, range, `${name} ${target} ${what}`);
        };
        for (const symbol of service.documentSymbols(path)) check(symbol.range, 'symbol');
        for (const lens of service.codeLenses(path)) check(lens.range, 'lens');
        service.workspaceSymbols('');
        for (let line = -1; line <= lines.length + 1; line++) {
          for (let character = -1; character <= (lines[line]?.length ?? 0) + 2; character++) {
            const position = { line, character };
            check(service.hover(path, position)?.range, `hover ${line}:${character}`);
            for (const location of service.definition(path, position)) assert.ok(location.file.startsWith(ROOT));
            service.references(path, position, true);
            const prepared = service.prepareRename(path, position);
            check(prepared?.range, 'prepareRename');
            if (prepared) {
              try {
                service.rename(path, position, 'renamed_name');
              } catch (error) {
                assert.match(String(error), /already exists/);
              }
            }
          }
        }
      }
    }
  });
});

describe('large files', () => {
  const APPS_COUNT = 2000;

  function largeWorkspace(): Setup & { routes: string } {
    let routes = '';
    let proxy = '';
    let apps = 'app:\n';
    const files: Record<string, string> = {};
    for (let n = 0; n < APPS_COUNT; n++) {
      const port = 30000 + n;
      routes += `app${n}:\n  webserver:\n    - location: /app${n}/\n      params:\n        proxy_set_header:\n          type: repeat\n          values:\n            Host: $http_host\n            X-Real-IP: $remote_addr\n        proxy_pass:\n          values: http://stream_app${n}\n  stream:\n    name: stream_app${n}\n    port: ${n === 1000 ? port + 1 : port}\n    group: kube_gateway_pool\n`;
      proxy += `app${n}:\n  mode: http\n  address: "*"\n  port: "{{ app.app${n}.port }}"\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: "{{ app.app${n}.port }}"\n    balance: roundrobin\n`;
      apps += `  app${n}:\n    port: ${port}\n`;
      files[`k8s/ns${n % 20}/app${n}-service.yml`] = `apiVersion: v1\nkind: Service\nmetadata:\n  name: app${n}\n  namespace: ns${n % 20}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: ${port}\n      targetPort: 8080\n`;
    }
    const marked = mark(routes, `port: ${30000 + 1000 + 1}`, 6);
    const setupResult = setup({ ...files, [ROUTES]: marked, [PROXY]: proxy, [APPS]: apps, [SERVICE]: undefined });
    return { ...setupResult, routes };
  }

  // The times are reported, not asserted: speed goals live in bench/ (a loaded CI machine is no verdict on speed).
  it('answers hover, definition, references, rename, lenses and symbols on a 2,000-app environment', (t) => {
    const { service, path, position, routes } = largeWorkspace();
    assert.ok(routes.split('\n').length > 25_000);
    const time = (run: () => unknown, times = 20): number => {
      run();
      const start = process.hrtime.bigint();
      for (let i = 0; i < times; i++) run();
      return Number(process.hrtime.bigint() - start) / 1e6 / times;
    };
    const hover = service.hover(path, position);
    assert.match(hover?.markdown ?? '', /stream_app1000 :31001 ⚠ -> HAProxy app1000 :31000 -> Service ns0\/app1000 nodePort 31000/);
    const key = { line: position.line - 13, character: 2 };
    const proxyPath = `${ROOT}/${PROXY}`;
    const servicePath = `${ROOT}/k8s/ns0/app1000-service.yml`;
    const timings = {
      hover: time(() => service.hover(path, position)),
      hoverKey: time(() => service.hover(path, key)),
      hoverService: time(() => service.hover(servicePath, { line: 9, character: 18 })),
      definition: time(() => service.definition(path, position)),
      definitionProxy: time(() => service.definition(proxyPath, { line: 1000 * 9 + 3, character: 22 })),
      references: time(() => service.references(path, key, true)),
      rename: time(() => service.rename(path, key, 'renamed'), 5),
      lensesRoutes: time(() => service.codeLenses(path), 5),
      lensesService: time(() => service.codeLenses(servicePath)),
      symbols: time(() => service.documentSymbols(path), 5),
      workspaceSymbols: time(() => service.workspaceSymbols('app19'), 5),
    };
    t.diagnostic(`ms per request: ${Object.entries(timings).map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}`);
    assert.equal(service.codeLenses(path).length, APPS_COUNT);
    assert.equal(Object.values(service.rename(path, key, 'renamed')?.changes ?? {}).flat().length, 5);
    const definition = service.definition(path, position).map((location) => location.file.slice(ROOT.length + 1));
    assert.equal(definition[0], 'k8s/ns0/app1000-service.yml');
    assert.deepEqual(service.definition(proxyPath, { line: 1000 * 9 + 3, character: 22 }).map((location) => [location.file.slice(ROOT.length + 1), location.range.start.line]), [[APPS, 2001]], 'the app segment of the reference: app.app1000');
  });
});
