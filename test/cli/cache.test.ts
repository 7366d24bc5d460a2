import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { cacheKey, ModelCache } from '../../server/src/node/modelCache';
import { CLI, copyToTemp, EXAMPLE, FIXTURES, tempDir } from '../helpers/paths';
import { generatedRepository } from '../helpers/generated';

interface Report {
  readonly files: number;
  readonly diagnostics: unknown[];
}

function check(root: string, ...options: (string | { env: NodeJS.ProcessEnv })[]): { status: number | null; report: Report; stderr: string; stdout: string } {
  const env = options.find((option) => typeof option !== 'string')?.env ?? process.env;
  const result = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', ...options.filter((option) => typeof option === 'string')], { encoding: 'utf8', cwd: root, env });
  return { status: result.status, report: options.includes('text') ? { files: 0, diagnostics: [] } : (JSON.parse(result.stdout) as Report), stderr: result.stderr, stdout: result.stdout };
}

function cacheFileIn(folder: string): string {
  const [name] = readdirSync(folder).filter((entry) => entry.endsWith('.cache'));
  assert.ok(name, `a cache file in ${folder}`);
  return join(folder, name);
}

/** The hints files of a cache, one per shard (`<file>.hashes.<n>`). */
function hintShards(folder: string): string[] {
  const prefix = `${basename(cacheFileIn(folder))}.hashes.`;
  return readdirSync(folder)
    .filter((entry) => entry.startsWith(prefix))
    .map((entry) => join(folder, entry));
}

/** The shard file of a cache (`<file>.<n>`) that holds the most. */
function largestShard(folder: string, file: string): string {
  const shards = readdirSync(folder).filter((entry) => entry.startsWith(`${basename(file)}.`) && /\.\d+$/.test(entry));
  assert.ok(shards.length > 0, 'the cache has shard files');
  return shards.map((entry) => join(folder, entry)).sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? '';
}

/** Whether the cache on disk is one the next run trusts (written by this version with these settings). */
function trusted(file: string, settings: unknown = {}): boolean {
  const version = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
  return ModelCache.load(file, cacheKey(version, readSettings(settings))).ignored === undefined;
}

describe('kube-expose check --cache', () => {
  it('keeps the cache in node_modules/.cache/kube-expose/ by default and reports what a run without it reports', () => {
    const root = copyToTemp(EXAMPLE);
    const cold = check(root);
    const first = check(root, '--cache');
    const folder = join(root, 'node_modules', '.cache', 'kube-expose');
    assert.ok(existsSync(folder));
    const warm = check(root, '--cache');
    assert.deepEqual(first.report, cold.report);
    assert.deepEqual(warm.report, cold.report);
    assert.equal(warm.status, cold.status);
    assert.ok(trusted(cacheFileIn(folder)));
  });

  it('reads a changed file again, and only takes kept models of files whose content is the same', () => {
    const root = copyToTemp(EXAMPLE);
    const location = join(tempDir(), 'cache/');
    check(root, '--cache-location', location);
    const routes = join(root, 'inventories/protobox/webservers_pool/routes.yml');
    writeFileSync(routes, readFileSync(routes, 'utf8').replace('port: 30164', 'port: 30165'));
    const warm = check(root, '--cache-location', location);
    const cold = check(root);
    assert.deepEqual(warm.report, cold.report);
    assert.equal(warm.report.diagnostics.length, 0);
  });

  for (const [name, damage] of [
    ['a flipped byte', (bytes: Buffer) => bytes.map((byte, index) => (index === bytes.length - 40 ? byte ^ 0x04 : byte))],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['a foreign file', () => Buffer.from('{"not":"a cache"}\n{}')],
    ['garbage', () => Buffer.from([0xff, 0x00, 0x13, 0x37])],
  ] as const) {
    for (const part of ['header', 'largest shard', 'checks'] as const) {
      it(`ignores ${name} in place of the cache's ${part}, reports as without it, and rewrites it`, () => {
        const root = copyToTemp(EXAMPLE);
        const folder = tempDir();
        const cold = check(root);
        check(root, '--cache-location', `${folder}/`);
        const file = cacheFileIn(folder);
        const damaged = part === 'header' ? file : part === 'checks' ? `${file}.checks` : largestShard(folder, file);
        writeFileSync(damaged, damage(readFileSync(damaged)));
        assert.ok(!trusted(file));
        const warm = check(root, '--cache-location', `${folder}/`);
        assert.deepEqual(warm.report, cold.report);
        assert.ok(trusted(file));
      });
    }
  }

  it('does not trust a cache written by another version', () => {
    const root = copyToTemp(EXAMPLE);
    const folder = tempDir();
    check(root, '--cache-location', `${folder}/`);
    const file = cacheFileIn(folder);
    const text = readFileSync(file, 'utf8');
    const swapped = text.replace(/\\"version\\":\\"[^\\]*\\"/, '\\"version\\":\\"0.0.1\\"');
    assert.notEqual(swapped, text);
    writeFileSync(file, swapped);
    assert.ok(!trusted(file));
    const cold = check(root);
    assert.deepEqual(check(root, '--cache-location', `${folder}/`).report, cold.report);
    assert.ok(trusted(file));
  });

  it('does not trust a cache written with other settings: the files it reads are read again', () => {
    const root = copyToTemp(EXAMPLE);
    const folder = tempDir();
    const before = check(root, '--cache-location', `${folder}/`);
    assert.ok(before.report.diagnostics.length > 0);
    // The same files, now excluded: a cache trusted across settings would still show their problems.
    writeFileSync(join(root, '.kube-expose.json'), JSON.stringify({ files: { exclude: ['**/webservers_pool/**', '**/node_modules/**'] } }));
    const cold = check(root);
    const warm = check(root, '--cache-location', `${folder}/`);
    assert.deepEqual(warm.report, cold.report);
    assert.notDeepEqual(warm.report, before.report);
  });

  it('says on stderr when it cannot write the cache, and still checks', () => {
    const root = copyToTemp(EXAMPLE);
    const blocker = join(tempDir(), 'file');
    writeFileSync(blocker, 'not a folder');
    const result = check(root, '--cache-location', join(blocker, 'cache'));
    assert.deepEqual(result.report, check(root).report);
    assert.match(result.stderr, /cannot write the cache/);
  });
});

describe('ModelCache', () => {
  it('trusts a cache only under the key it was written with', () => {
    const file = join(tempDir(), 'models.cache');
    const settings = readSettings({});
    const cache = ModelCache.load(file, cacheKey('1.0.0', settings));
    const descriptor = { path: '/repo/k8s/a.yml', relativePath: 'k8s/a.yml', kind: 'kubernetes' as const, env: undefined };
    cache.remember(descriptor, undefined, 'kind: ConfigMap\n');
    assert.equal(cache.save().written, true);
    assert.equal(ModelCache.load(file, cacheKey('1.0.0', settings)).lookup(descriptor, 'kind: ConfigMap\n'), undefined);
    assert.equal(typeof ModelCache.load(file, cacheKey('1.0.0', settings)).lookup(descriptor, 'kind: Secret\n'), 'symbol');
    assert.match(ModelCache.load(file, cacheKey('1.0.1', settings)).ignored ?? '', /another version or with other settings/);
    assert.match(ModelCache.load(file, cacheKey('1.0.0', readSettings({ maxFileSize: 10 }))).ignored ?? '', /other settings/);
  });
  it('keeps text outside ASCII exactly, in a cache file of ASCII bytes', () => {
    const file = join(tempDir(), 'models.cache');
    const settings = readSettings({});
    const descriptor = { path: '/repo/inventories/prod/group_vars/all/apps.yml', relativePath: 'inventories/prod/group_vars/all/apps.yml', kind: 'vars' as const, env: 'inventories/prod' };
    const text = 'café:\n  motd: "naïve 🚀 ok"\n  ünïcode: [ä, "\u2028"]\n';
    const model = prepareModel(descriptor, { text }, settings);
    assert.ok(model && model.variables.length > 0);
    const cache = ModelCache.load(file, cacheKey('1.0.0', settings));
    cache.remember(descriptor, model, text);
    assert.equal(cache.save().written, true);
    assert.ok(readFileSync(file).every((byte) => byte < 0x80), 'the cache file is ASCII');
    // The model as it was built, every field of it.
    assert.deepEqual(ModelCache.load(file, cacheKey('1.0.0', settings)).lookup(descriptor, text), model);
  });
  it('rewrites only the shard of a changed file, and the next run still finds every file', () => {
    const file = join(tempDir(), 'models.cache');
    const key = cacheKey('1.0.0', readSettings({}));
    const descriptors = Array.from({ length: 1024 }, (_, index) => ({ path: `/repo/k8s/app-${index}.yml`, relativePath: `k8s/app-${index}.yml`, kind: 'kubernetes' as const, env: undefined }));
    const first = ModelCache.load(file, key);
    for (const descriptor of descriptors) first.remember(descriptor, undefined, `# ${descriptor.path}\n`);
    const whole = first.save();
    assert.ok(whole.written);
    const second = ModelCache.load(file, key);
    for (const descriptor of descriptors.slice(1)) assert.equal(second.lookup(descriptor, `# ${descriptor.path}\n`), undefined);
    const [changed] = descriptors;
    if (changed) second.remember(changed, undefined, '# changed\n');
    const partial = second.save();
    assert.ok(partial.written && partial.bytes < whole.bytes / 4, `${partial.bytes} bytes written of ${whole.bytes}`);
    const third = ModelCache.load(file, key);
    assert.equal(third.ignored, undefined);
    if (changed) assert.equal(third.lookup(changed, '# changed\n'), undefined);
    for (const descriptor of descriptors.slice(1)) assert.equal(third.lookup(descriptor, `# ${descriptor.path}\n`), undefined);
    // Nothing changed: nothing is written.
    assert.equal(third.save().written, false);
  });

  it('reads a value JSON cannot hold (a port of .inf) the same on worker threads, from the cache and on one thread', () => {
    const root = copyToTemp(EXAMPLE);
    const vars = join(root, 'inventories/protobox/group_vars/all/apps.yml');
    writeFileSync(vars, readFileSync(vars, 'utf8').replace('port: 30165', 'port: .inf\n  grafana:\n    port: .nan'));
    const location = join(tempDir(), 'cache/');
    const onOneThread = check(root);
    const workers = { ...process.env, KUBE_EXPOSE_PARALLEL_MIN_FILES: '0' };
    const onWorkers = check(root, '--cache-location', location, { env: workers });
    const warm = check(root, '--cache-location', location, { env: workers });
    assert.ok(onOneThread.report.diagnostics.length > 0, 'the .inf port is reported');
    assert.deepEqual(onWorkers.report, onOneThread.report);
    assert.deepEqual(warm.report, onOneThread.report);
  });

  it('checks again the environment whose files changed, takes what the others found, and reports as a cold run', () => {
    const root = copyToTemp(join(FIXTURES, 'clean-multi-env'));
    const vars = (env: string): string => join(root, 'inventories', env, 'group_vars/all/apps.yml');
    writeFileSync(vars('prod'), readFileSync(vars('prod'), 'utf8').replace('port: 30165', 'port: 30166'));
    const location = join(tempDir(), 'cache/');
    const first = check(root, '--cache-location', location);
    assert.ok(existsSync(join(location, `${basename(cacheFileIn(location))}.checks`)), 'what the checks found is kept');
    // The hints for the worker that reads the files come back when lost, even when nothing else is written.
    const hints = hintShards(location);
    assert.ok(hints.length > 1 && hints.every((path) => existsSync(path)));
    for (const path of hints) rmSync(path);
    check(root, '--cache-location', location);
    assert.ok(hints.every((path) => existsSync(path)));
    writeFileSync(vars('staging'), readFileSync(vars('staging'), 'utf8').replace('port: 30265', 'port: 30267'));
    const warm = check(root, '--cache-location', location);
    const cold = check(root);
    assert.deepEqual(warm.report, cold.report);
    assert.notDeepEqual(warm.report, first.report, 'the staging mismatch is new');
    const summary = check(root, '--cache-location', location, '--format', 'text');
    assert.match(summary.stdout + summary.stderr, /2 chains/);
  });

  it('builds a large changed file from the entries kept of its last version, and reports as a cold run', () => {
    const root = generatedRepository({ envs: 1, apps: 400, seed: 5 });
    const routes = join(root, 'inventories/protobox/webservers_pool/routes.yml');
    const text = readFileSync(routes, 'utf8');
    assert.ok(text.length > 64 * 1024, 'large enough for its entries to be kept');
    const location = join(tempDir(), 'cache/');
    check(root, '--cache-location', location);
    const hints = hintShards(location).map((path) => readFileSync(path, 'utf8')).join('\n');
    assert.match(hints, /routes\.yml":"[^"]+#"/, 'the routes file is marked as having its entries kept');
    // One stream port changed in the middle of the file: a new mismatch.
    const ports = [...text.matchAll(/^( {4}port: )(\d+)$/gm)];
    const middle = ports[Math.floor(ports.length / 2)];
    assert.ok(middle?.index !== undefined && middle[1] && middle[2]);
    const at = middle.index + middle[1].length;
    writeFileSync(routes, `${text.slice(0, at)}${Number(middle[2]) + 1}${text.slice(at + middle[2].length)}`);
    const warm = check(root, '--cache-location', location);
    const cold = check(root);
    assert.deepEqual(warm.report, cold.report);
    assert.ok(cold.report.diagnostics.length > 3, 'the new mismatch is reported');
    // An entry added at the top moves every other: the next warm run still agrees with a cold one.
    writeFileSync(routes, readFileSync(routes, 'utf8').replace('---\n', '---\nzz_first:\n  stream:\n    name: stream_zz\n    port: 30001\n    group: kube_gateway_pool\n'));
    assert.deepEqual(check(root, '--cache-location', location).report, check(root).report);
  });

  it('after Services changed, added or removed, keeps the chains they cannot reach and reports as a cold run', () => {
    const root = generatedRepository({ envs: 2, apps: 60, seed: 11 });
    const location = join(tempDir(), 'cache/');
    check(root, '--cache-location', location);
    const checks = JSON.parse(readFileSync(`${cacheFileIn(location)}.checks`, 'utf8')) as Record<string, { units?: string }>;
    assert.ok(Object.entries(checks).some(([source, check]) => source.startsWith('env:') && check.units !== undefined), 'the environments keep their chains');
    const services = readdirSync(join(root, 'k8s'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.yml') || path.endsWith('.yaml')).map((path) => join(root, 'k8s', path));
    const withNodePort = services.filter((path) => /nodePort: \d+/.test(readFileSync(path, 'utf8')));
    const [first, second, third] = withNodePort;
    assert.ok(first && second && third);
    const nodePortOf = (path: string): string => /nodePort: (\d+)/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
    // A comment, then another app's node port (a duplicate and a mismatch), then a file removed and one added.
    writeFileSync(first, `${readFileSync(first, 'utf8')}# reviewed\n`);
    assert.deepEqual(check(root, '--cache-location', location).report, check(root).report);
    writeFileSync(second, readFileSync(second, 'utf8').replace(/nodePort: \d+/, `nodePort: ${nodePortOf(third)}`));
    const warm = check(root, '--cache-location', location);
    assert.deepEqual(warm.report, check(root).report);
    assert.ok(warm.report.diagnostics.some((diagnostic) => (diagnostic as { code: string }).code === 'duplicate-nodeport'));
    const added = join(root, 'k8s', 'added-service.yml');
    writeFileSync(added, readFileSync(third, 'utf8'));
    rmSync(third);
    assert.deepEqual(check(root, '--cache-location', location).report, check(root).report);
  });

  it('checks again after a setting that changes no file model but changes the checks (nodePortRange)', () => {
    const root = copyToTemp(EXAMPLE);
    const location = join(tempDir(), 'cache/');
    check(root, '--cache-location', location);
    writeFileSync(join(root, '.kube-expose.json'), '{ "nodePortRange": "30000-30100" }\n');
    const warm = check(root, '--cache-location', location);
    const cold = check(root);
    assert.deepEqual(warm.report, cold.report);
    assert.ok(cold.report.diagnostics.some((diagnostic) => (diagnostic as { code: string }).code === 'nodeport-range'));
  });
});
