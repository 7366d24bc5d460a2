import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Document } from 'yaml';
import { documentsOf } from '../../server/src/core/workspace/documents';
import { lazyKeys } from '../../server/src/core/workspace/lazyFacts';
import type { FileDescriptor } from '../../server/src/core/workspace/prepare';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { forEachNode } from '../../server/src/core/yaml/walk';
import { discover } from '../../server/src/node/discover';
import { prepareModels, type ParallelOptions } from '../../server/src/node/parallelModels';
import { readIfPresent } from '../../server/src/node/readText';
import { readSettingsFile } from '../../server/src/node/settingsFile';
import { generatedRepository } from '../helpers/generated';
import { EXAMPLE, REPO, tempDir } from '../helpers/paths';

const WORKER = join(REPO, 'dist', 'modelWorker.js');

function open(root: string): { workspace: Workspace; files: string[] } {
  const { settings } = readSettingsFile(root);
  const workspace = new Workspace(root, settings);
  return { workspace, files: discover(root, (path) => workspace.wants(path), (path) => workspace.isExcluded(path)).files };
}

function sequential(root: string): Workspace {
  const { workspace, files } = open(root);
  for (const path of files) workspace.stage(path, readIfPresent(path, workspace.currentSettings().maxFileSize));
  workspace.commit();
  return workspace;
}

/** The workspace indexed through workers, and the files its main thread had to build itself. */
async function parallel(root: string, options: ParallelOptions): Promise<Workspace & { fallbacks: string[] }> {
  const { workspace, files } = open(root);
  const descriptors = files.map((path) => workspace.describe(path)).filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
  assert.equal(descriptors.length, files.length);
  const fallbacks: string[] = [];
  const models = await prepareModels(descriptors, workspace.currentSettings(), { ...options, onFallback: (path) => fallbacks.push(path) });
  descriptors.forEach((descriptor, index) => workspace.stagePrepared(descriptor.path, models[index]));
  workspace.commit();
  return Object.assign(workspace, { fallbacks });
}

/** Every diagnostic of the workspace, file by file in the index's order: the order shows in the output too. */
const diagnostics = (workspace: Workspace): unknown[] => [...workspace.allDiagnostics()];

/** The ranges of every node: the documents parsed later must be the ones a build on this thread keeps. */
function ranges(documents: readonly Document.Parsed[]): unknown[] {
  return documents.map((document) => {
    const found: unknown[] = [document.range, document.errors.length];
    forEachNode(document.contents, (node) => found.push(node.range));
    return found;
  });
}

/** Files the discovery finds but the index does not keep (manifests without a Service). */
function notKept(root: string): number {
  const { files } = open(root);
  return files.length - sequential(root).fileCount;
}

/** A worker script for the failure cases, written next to nothing: it needs no module but node's. */
function script(source: string): string {
  const path = join(tempDir(), 'worker.js');
  writeFileSync(path, source);
  return path;
}

describe('file models built on worker threads', () => {
  let root: string;
  let expected: unknown[];

  before(() => {
    root = generatedRepository({ envs: 2, apps: 120 });
    expected = diagnostics(sequential(root));
    assert.ok(expected.length > 0, 'the generated repository has mistakes to find');
  });

  it('gives exactly the diagnostics of the sequential path, in the same order', async () => {
    const workspace = await parallel(root, { workers: 2, workerPath: WORKER });
    assert.deepEqual(workspace.fallbacks, [], 'the workers built every file');
    assert.deepEqual(diagnostics(workspace), expected);
    assert.deepEqual(workspace.chains().length, sequential(root).chains().length);
  });

  it('sends back plain data, the same models as built one by one, and parses the documents when asked', async () => {
    const { workspace, files } = open(root);
    const descriptors = files.map((path) => workspace.describe(path)).filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
    let workers = -1;
    const settings = workspace.currentSettings();
    const models = await prepareModels(descriptors, settings, { workers: 2, workerPath: WORKER, onWorkers: (count) => (workers = count) });
    assert.equal(workers, 2);
    // The large files' facts came as text, parsed when read (by the comparison below).
    assert.ok(models.some((model) => model && model.kind === 'routes' && lazyKeys(model)?.includes('routes')));
    const reference = sequential(root);
    for (const [index, descriptor] of descriptors.entries()) {
      const content = readIfPresent(descriptor.path, settings.maxFileSize);
      assert.deepEqual(models[index], content && prepareModel(descriptor, content, settings), descriptor.relativePath);
      workspace.stagePrepared(descriptor.path, models[index]);
    }
    workspace.commit();
    for (const file of workspace.allFiles()) {
      assert.equal(workspace.isParsed(file.path), false);
      const built = reference.file(file.path);
      assert.ok(built?.documents, file.relativePath);
      assert.deepEqual(ranges(documentsOf(file)), ranges(built.documents), file.relativePath);
      assert.equal(documentsOf(file), documentsOf(file), 'parsed once, then kept');
    }
  });

  it('re-parses the documents of a file whose text changed after they were read', async () => {
    const workspace = await parallel(EXAMPLE, { workers: 1, workerPath: WORKER });
    const path = join(EXAMPLE, 'inventories/protobox/group_vars/all/apps.yml');
    const file = workspace.file(path);
    assert.ok(file);
    const before = documentsOf(file);
    workspace.update(path, { text: `${file.text}extra: 1\n` });
    assert.notEqual(documentsOf(file), before);
    assert.ok(documentsOf(file).some((document) => String(document).includes('extra: 1')));
  });

  for (const [name, source] of [
    ['cannot start', undefined],
    ['crashes on its first batch', "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });"],
    ['throws on every file', "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage({ results: m.jobs.map((job) => ({ index: job.index, error: 'boom' })) }));"],
    ['dies after its first batch', `const { parentPort } = require('node:worker_threads'); let seen = 0; parentPort.on('message', () => { if (++seen === 2) process.exit(3); }); require(${JSON.stringify(WORKER)});`],
  ] as const) {
    it(`loses no file when a worker ${name}: those files are built on the main thread`, async () => {
      const workerPath = source === undefined ? join(tempDir(), 'missing.js') : script(source);
      const workspace = await parallel(root, { workers: 2, workerPath });
      assert.ok(workspace.fallbacks.length > 0, 'the main thread took over');
      if (name === 'throws on every file') assert.equal(workspace.fallbacks.length, workspace.fileCount + notKept(root));
      assert.deepEqual(diagnostics(workspace), expected);
    });
  }
});
