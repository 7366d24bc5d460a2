import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { lazyKeys } from '../../server/src/core/workspace/lazyFacts';
import { completePrepared } from '../../server/src/core/workspace/fileModel';
import { prepareModel, type FileDescriptor } from '../../server/src/core/workspace/prepare';
import { shardOf } from '../../server/src/node/cacheShards';
import { cacheKey, ModelCache } from '../../server/src/node/modelCache';
import { received, shipped, type ShippedModel } from '../../server/src/node/shippedModel';
import { tempDir } from '../helpers/paths';

const settings = readSettings({});
const key = cacheKey('1.0.0', settings);

const proxy: FileDescriptor = { path: '/repo/inventories/prod/kube_gateway_pool/proxy.yml', relativePath: 'inventories/prod/kube_gateway_pool/proxy.yml', kind: 'proxy', env: 'inventories/prod' };

/** A proxy file of `apps` entries, one of them named outside ASCII. */
function proxyText(apps: number): string {
  const entry = (name: string, port: number): string =>
    `${name}:\n  mode: http\n  address: "*"\n  port: "{{ app.${name}.port }}"\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: ${port}\n    balance: roundrobin\n`;
  return ['café-ünïcode', ...Array.from({ length: apps }, (_, index) => `app${index}`)].map((name, index) => entry(name, 30000 + index)).join('');
}

/** A shipped model as the other thread takes it in. */
function arrived(sent: ShippedModel): ReturnType<typeof received> {
  const copy = structuredClone(sent);
  return received(copy.model, copy.texts);
}

/** Another file whose cache entry lies in the same shard as `path`'s. */
function sameShardAs(path: string): FileDescriptor {
  for (let index = 0; ; index++) {
    const other = `/repo/k8s/service-${index}.yml`;
    if (shardOf(other) === shardOf(path)) return { path: other, relativePath: `k8s/service-${index}.yml`, kind: 'kubernetes', env: undefined };
  }
}

describe("the model cache's large facts, read when asked", () => {
  it('keeps a proxy file of many entries exactly, its facts read only when asked, and writes them back as they were', () => {
    const file = join(tempDir(), 'models.cache');
    const text = proxyText(40);
    const model = prepareModel(proxy, { text }, settings);
    assert.ok(model?.proxy && model.proxy.entries.length === 41);
    const first = ModelCache.load(file, key);
    first.remember(proxy, model, text);
    assert.ok(first.save().written);
    const shard = readdirSync(join(file, '..')).find((name) => name === `models.cache.${shardOf(proxy.path)}`);
    assert.ok(shard);
    assert.ok(
      readFileSync(join(file, '..', shard)).every((byte) => byte < 0x80),
      'the shard, facts after its JSON too, is ASCII',
    );

    const second = ModelCache.load(file, key);
    const kept = second.lookup(proxy, text);
    assert.ok(kept && typeof kept === 'object');
    const staged = completePrepared(kept);
    assert.deepEqual(lazyKeys(staged), ['proxy', 'templates'], 'staged without reading the entries');
    assert.deepEqual(staged.proxy, model.proxy);
    assert.deepEqual(staged.templates, model.templates);
    assert.deepEqual(kept, model, 'the copy the cache gave shares what the staged model read');
    // Read, their text is let go: the shard written again holds them as read.
    second.remember(sameShardAs(proxy.path), undefined, '# a file\n');
    assert.ok(second.save().written);
    assert.deepEqual(ModelCache.load(file, key).lookup(proxy, text), model);

    // Another file in its shard rewrites the shard: the kept facts go back as they were read, never parsed here.
    const third = ModelCache.load(file, key);
    assert.ok(third.lookup(proxy, text));
    const other = sameShardAs(proxy.path);
    third.remember(other, undefined, '# another file\n');
    assert.ok(third.save().written);
    const fourth = ModelCache.load(file, key);
    assert.equal(fourth.ignored, undefined);
    assert.deepEqual(fourth.lookup(proxy, text), model);
  });

  it('keeps a small file whole in the JSON, and a model copied over a lazy one is no longer lazy', () => {
    const file = join(tempDir(), 'models.cache');
    const small = proxyText(0);
    const model = prepareModel(proxy, { text: small }, settings);
    assert.ok(model);
    const cache = ModelCache.load(file, key);
    cache.remember(proxy, model, small);
    cache.save();
    const kept = ModelCache.load(file, key).lookup(proxy, small);
    assert.ok(kept && typeof kept === 'object');
    assert.equal(lazyKeys(kept)?.length ?? 0, 0);
    assert.deepEqual(kept, model);

    const large = proxyText(40);
    const lazy = ModelCache.load(file, key);
    const big = prepareModel(proxy, { text: large }, settings);
    lazy.remember(proxy, big, large);
    lazy.save();
    const read = ModelCache.load(file, key).lookup(proxy, large);
    assert.ok(read && typeof read === 'object' && big);
    const staged = completePrepared(read);
    Object.defineProperties(staged, Object.getOwnPropertyDescriptors(completePrepared(model)));
    assert.equal(lazyKeys(staged)?.length ?? 0, 0);
    assert.deepEqual(staged.proxy, model.proxy);
  });

  it('ships a large fact from a worker as text, unless JSON cannot hold it as it is (an .inf)', () => {
    const text = proxyText(40);
    const model = prepareModel(proxy, { text }, settings);
    assert.ok(model);
    const sent = shipped(model);
    assert.ok(sent.texts?.proxy !== undefined && !('proxy' in sent.model));
    assert.deepEqual(arrived(sent), model);
    // Kept in the cache as the worker sent it, a name outside ASCII (even outside Latin-1) comes back as it was.
    const wide = prepareModel(proxy, { text: text.replace('café-ünïcode', 'café-ünïcode-🚀-数据') }, settings);
    assert.ok(wide);
    const file = join(tempDir(), 'models.cache');
    const cache = ModelCache.load(file, key);
    cache.remember(proxy, arrived(shipped(wide)), wide.text);
    assert.ok(cache.save().written);
    assert.ok(readFileSync(`${file}.${shardOf(proxy.path)}`).every((byte) => byte < 0x80), 'the shard is ASCII');
    assert.deepEqual(ModelCache.load(file, key).lookup(proxy, wide.text), wide);
    const infinite = prepareModel(proxy, { text: text.replace('port: 30000', 'port: .inf') }, settings);
    assert.ok(infinite);
    const kept = shipped(infinite);
    assert.equal(kept.texts?.proxy, undefined, 'the entries, holding an .inf, are sent as they are');
    assert.deepEqual(arrived(kept), infinite);
  });
});
