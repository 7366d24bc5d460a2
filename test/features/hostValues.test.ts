import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleFiles, mark, PROXY, setup, where } from '../helpers/exampleSetup';

const GATEWAY_3 = 'inventories/protobox/host_vars/gateway-3.yml';

/** Hover and go-to-definition on a reference that the hosts reading proxy.yml do not all resolve alike. */
describe('per-host values in the editor', () => {
  const withOverride = (): ReturnType<typeof setup> => {
    const proxy = exampleFiles()[PROXY] ?? '';
    return setup({ [PROXY]: mark(proxy, 'pgadmin4.port', 10), [GATEWAY_3]: 'app:\n  pgadmin4:\n    port: 30166\n' });
  };

  it('hover lists the value each group of hosts sees, with the definition that wins for them', () => {
    const { service, path, position } = withOverride();
    const markdown = service.hover(path, position)?.markdown ?? '';
    assert.match(markdown, /Per host:/);
    assert.match(markdown, /- gateway-1, gateway-2: \*\*30165\*\* — inventories\/protobox\/group_vars\/all\/apps\.yml:\d+/);
    assert.match(markdown, /- gateway-3: \*\*30166\*\* — inventories\/protobox\/host_vars\/gateway-3\.yml:3/);
  });

  it('hover on a reference no source defines says what Kube Expose cannot read', () => {
    const proxy = (exampleFiles()[PROXY] ?? '').replace('app.pgadmin4.port', 'nowhere_port');
    const { service, path, position } = setup({ [PROXY]: mark(proxy, 'nowhere_port', 2) });
    assert.match(service.hover(path, position)?.markdown ?? '', /not defined in environment protobox\. Role defaults, play vars, extra vars and facts are not read/);
  });

  it('go-to-definition from a reference in proxy.yml jumps first to the definition that wins for the gateway hosts', () => {
    const proxy = exampleFiles()[PROXY] ?? '';
    const { service, path, position } = setup({
      [PROXY]: mark(proxy, 'pgadmin4.port', 10),
      'inventories/protobox/group_vars/kube_gateway_pool/apps.yml': 'app:\n  pgadmin4:\n    port: 30165\n',
    });
    assert.equal(service.definition(path, position).map(where)[0], 'inventories/protobox/group_vars/kube_gateway_pool/apps.yml:3:4');
  });
  it('hover and go-to-definition work in group_vars beside the playbooks, read in the environments below them', () => {
    const { service, path, position } = setup({ 'group_vars/all.yml': mark('pgadmin_url: "http://gw:{{ app.pgadmin4.port }}/"\n', 'app.pgadmin4.port', 4) });
    assert.match(service.hover(path, position)?.markdown ?? '', /30165/);
    const [first] = service.definition(path, position);
    assert.ok(first && where(first).startsWith('inventories/protobox/group_vars/all/apps.yml:'), JSON.stringify(first));
  });
});
