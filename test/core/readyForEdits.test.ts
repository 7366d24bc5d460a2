import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { readyForEdits } from '../../server/src/core/workspace/readyForEdits';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from '../helpers/paths';

const FIXTURE = join(FIXTURES, 'bad-port-mismatch');
const ROUTES = join(FIXTURE, 'inventories/prod/webservers_pool/routes.yml');

function filesBelow(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** The fixture as a large folder's cold index leaves it: every model built by a worker, without parsed nodes. */
function indexedByWorkers(): Workspace {
  const settings = readSettings({});
  const workspace = new Workspace(FIXTURE, settings);
  for (const path of filesBelow(FIXTURE)) {
    const descriptor = workspace.describe(path);
    if (descriptor) workspace.stagePrepared(path, prepareModel(descriptor, { text: readFileSync(path, 'utf8') }, settings));
  }
  workspace.commit();
  return workspace;
}

const shown = (workspace: Workspace): string[] =>
  [...workspace.allDiagnostics()].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => `${relative(FIXTURE, path)}:${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`)).sort();

describe('readying an opened file for its edits', () => {
  it('changes no diagnostic, and leaves the file parsed entry by entry', () => {
    const workspace = indexedByWorkers();
    const before = shown(workspace);
    assert.equal(workspace.isParsed(ROUTES), false);
    assert.deepEqual(readyForEdits(workspace, ROUTES), []);
    assert.equal(workspace.isParsed(ROUTES), true);
    assert.deepEqual(shown(workspace), before);
    // A second time there is nothing left to do.
    assert.deepEqual(readyForEdits(workspace, ROUTES), []);
  });

  it('lets the first edit read only the entry it changes: the other entries keep what was read of them', () => {
    const workspace = indexedByWorkers();
    readyForEdits(workspace, ROUTES);
    const text = workspace.file(ROUTES)?.text ?? '';
    const entries = workspace.file(ROUTES)?.routes?.entries ?? [];
    assert.ok(entries.length >= 2);
    // The first route's stream port is the planted mistake: fixing it is the user's first keystroke.
    const changed = workspace.update(ROUTES, { text: text.replace('port: 30164', 'port: 30165') });
    assert.ok(changed.includes(ROUTES));
    const after = workspace.file(ROUTES)?.routes?.entries ?? [];
    assert.notEqual(after[0], entries[0]);
    assert.deepEqual(after.slice(1), entries.slice(1));
    for (const [index, entry] of after.slice(1).entries()) assert.equal(entry, entries[index + 1], 'an untouched entry is the same object');
    assert.ok(!shown(workspace).some((line) => line.startsWith('inventories/prod/webservers_pool/routes.yml')));
  });

  it('leaves the facts of files read whole (Services) as they were', () => {
    const workspace = indexedByWorkers();
    const service = filesBelow(join(FIXTURE, 'k8s')).find((path) => workspace.file(path)) ?? '';
    const services = workspace.file(service)?.services;
    assert.ok(services?.length);
    assert.deepEqual(readyForEdits(workspace, service), []);
    assert.equal(workspace.file(service)?.services, services);
  });
});
