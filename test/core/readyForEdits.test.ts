import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { readyForEdits, rehearseEdit } from '../../server/src/core/workspace/readyForEdits';
import { isBlockParsed } from '../../server/src/core/yaml/blocks';
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
function indexedByWorkers(fixture = FIXTURE, coldReader: 'fast' | 'yaml' = 'fast'): Workspace {
  const settings = readSettings({ coldReader });
  const workspace = new Workspace(fixture, settings);
  for (const path of filesBelow(fixture)) {
    const descriptor = workspace.describe(path);
    if (descriptor) workspace.stagePrepared(path, prepareModel(descriptor, { text: readFileSync(path, 'utf8') }, settings));
  }
  workspace.commit();
  return workspace;
}

/** The same files checked by a workspace that read them all on this thread, as a fresh check does. */
function checkedFresh(fixture: string, edits: ReadonlyMap<string, string> = new Map()): string[] {
  const workspace = new Workspace(fixture, readSettings({}));
  for (const path of filesBelow(fixture)) if (workspace.wants(path)) workspace.stage(path, { text: edits.get(path) ?? readFileSync(path, 'utf8') });
  workspace.commit();
  return shown(workspace, fixture);
}

/** Readies the file to the end, as idle time does, a step of one entry at a time. */
function readyAll(workspace: Workspace, path: string): { steps: number; changed: string[] } {
  const changed: string[] = [];
  for (let steps = 1; ; steps++) {
    let budget = 1;
    const result = readyForEdits(workspace, path, () => budget-- > 0);
    changed.push(...result.changed);
    if (result.done) return { steps, changed };
  }
}

const parsedEntries = (workspace: Workspace, path: string): number => (workspace.file(path)?.blocks ?? []).filter(isBlockParsed).length;

const shown = (workspace: Workspace, fixture = FIXTURE): string[] =>
  [...workspace.allDiagnostics()].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => `${relative(fixture, path)}:${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`)).sort();

describe('readying an opened file for its edits', () => {
  it('cuts the file into its entries at once without parsing them, then parses them step by step; no diagnostic changes', () => {
    const workspace = indexedByWorkers();
    const before = shown(workspace);
    assert.equal(workspace.isParsed(ROUTES), false);
    assert.deepEqual(readyForEdits(workspace, ROUTES, () => false), { done: false, changed: [] });
    assert.equal(workspace.isParsed(ROUTES), true);
    const entries = workspace.file(ROUTES)?.blocks?.length ?? 0;
    assert.ok(entries >= 2);
    assert.equal(parsedEntries(workspace, ROUTES), 0);
    assert.deepEqual(shown(workspace), before);
    const { steps, changed } = readyAll(workspace, ROUTES);
    assert.deepEqual(changed, []);
    assert.equal(steps, entries, "one entry parsed per step");
    assert.equal(parsedEntries(workspace, ROUTES), entries);
    assert.deepEqual(shown(workspace), before);
    // Once done there is nothing left to do.
    assert.deepEqual(readyForEdits(workspace, ROUTES), { done: true, changed: [] });
  });

  it('lets the first edit read only the entry it changes, before any other entry is parsed', () => {
    const workspace = indexedByWorkers();
    readyForEdits(workspace, ROUTES, () => false);
    const text = workspace.file(ROUTES)?.text ?? '';
    const entries = workspace.file(ROUTES)?.routes?.entries ?? [];
    assert.ok(entries.length >= 2);
    // The first route's stream port is the planted mistake: fixing it is the user's first keystroke.
    const fixed = text.replace('port: 30164', 'port: 30165');
    const changed = workspace.update(ROUTES, { text: fixed });
    assert.ok(changed.includes(ROUTES));
    assert.equal(parsedEntries(workspace, ROUTES), 1);
    const after = workspace.file(ROUTES)?.routes?.entries ?? [];
    assert.notEqual(after[0], entries[0]);
    for (const [index, entry] of after.slice(1).entries()) assert.equal(entry, entries[index + 1], 'an untouched entry is the same object');
    assert.ok(!shown(workspace).some((line) => line.startsWith('inventories/prod/webservers_pool/routes.yml')));
    assert.deepEqual(shown(workspace), checkedFresh(FIXTURE, new Map([[ROUTES, fixed]])));
    // Readying goes on after the edit, to the same end.
    assert.deepEqual(readyAll(workspace, ROUTES).changed, []);
    assert.deepEqual(shown(workspace), checkedFresh(FIXTURE, new Map([[ROUTES, fixed]])));
  });

  it('rehearses an edit when the file is opened without touching its model, and the real first edit reads as fresh', () => {
    for (const name of readdirSync(FIXTURES)) {
      const fixture = join(FIXTURES, name);
      if (!statSync(fixture).isDirectory()) continue;
      const workspace = indexedByWorkers(fixture);
      const before = shown(workspace, fixture);
      for (const path of filesBelow(fixture).filter((candidate) => workspace.file(candidate)?.parse === 'entries')) {
        readyForEdits(workspace, path, () => false);
        const model = workspace.file(path);
        const facts = JSON.stringify([model?.routes, model?.proxy, model?.variables, model?.templates, model?.problems]);
        const blocks = (model?.blocks ?? []).map((block) => [block, block.start] as const);
        rehearseEdit(workspace, path);
        assert.equal(workspace.file(path), model, `${name}: the same model`);
        assert.equal(JSON.stringify([model?.routes, model?.proxy, model?.variables, model?.templates, model?.problems]), facts, `${name}: the same facts, at the same places`);
        assert.deepEqual((model?.blocks ?? []).map((block) => [block, block.start] as const), blocks, `${name}: the same entries, unmoved`);
        const text = model?.text ?? '';
        // The rehearsed keystroke made for real (the first digit from the middle on, changed), then one at the end.
        const at = text.slice(Math.floor(text.length / 2)).search(/\d/) + Math.floor(text.length / 2);
        const middle = at < Math.floor(text.length / 2) ? text : `${text.slice(0, at)}${text[at] === '1' ? '2' : '1'}${text.slice(at + 1)}`;
        for (const edited of [middle, `${middle}\n# edited\n`]) {
          workspace.update(path, { text: edited });
          assert.deepEqual(shown(workspace, fixture), checkedFresh(fixture, new Map([[path, edited]])), `${name}: ${relative(fixture, path)} edited`);
        }
        workspace.update(path, { text });
      }
      assert.deepEqual(shown(workspace, fixture), before, name);
    }
  });

  it('gives every entry of every fixture the facts a fresh check reads, however the index read it', () => {
    for (const name of readdirSync(FIXTURES)) {
      const fixture = join(FIXTURES, name);
      for (const reader of ['fast', 'yaml'] as const) {
        const workspace = indexedByWorkers(fixture, reader);
        for (const file of [...workspace.allFiles()]) {
          const { changed } = readyAll(workspace, file.path);
          assert.deepEqual(changed, [], `${name}/${relative(fixture, file.path)} (${reader}) read otherwise when parsed`);
        }
        assert.deepEqual(shown(workspace, fixture), checkedFresh(fixture), `${name} (${reader})`);
      }
    }
  });

  it('reads again an entry the index read otherwise, and shows what a fresh check shows', () => {
    const settings = readSettings({});
    const workspace = new Workspace(FIXTURE, settings);
    for (const path of filesBelow(FIXTURE)) {
      const descriptor = workspace.describe(path);
      const text = readFileSync(path, 'utf8');
      const model = descriptor && prepareModel(descriptor, { text }, settings);
      // As if the index had read the planted mistake right: the file's own entries say otherwise.
      const misread = path === ROUTES && model ? { ...model, routes: { entries: (model.routes?.entries ?? []).map((entry) => (entry.stream?.port?.literal === 30164 ? { ...entry, stream: { ...entry.stream, port: { ...entry.stream.port, literal: 30165 } } } : entry)) } } : model;
      if (descriptor) workspace.stagePrepared(path, misread);
    }
    workspace.commit();
    assert.ok(!shown(workspace).some((line) => line.includes('port-mismatch') && line.startsWith('inventories/prod/webservers_pool/routes.yml')));
    const { changed } = readyAll(workspace, ROUTES);
    assert.ok(changed.includes(ROUTES));
    assert.deepEqual(shown(workspace), checkedFresh(FIXTURE));
  });

  it('parses a file with YAML errors whole, in one step, as its first edit would', () => {
    const fixture = join(FIXTURES, 'bad-yaml-syntax');
    const workspace = indexedByWorkers(fixture);
    const before = shown(workspace, fixture);
    const broken = [...workspace.allFiles()].find((file) => file.problems.some((problem) => problem.code === 'yaml-syntax') && file.parse === 'entries');
    assert.ok(broken, 'the fixture has a routes, proxy or vars file with a YAML error');
    assert.equal(readyForEdits(workspace, broken.path, () => false).done, true);
    assert.equal(workspace.isParsed(broken.path), true);
    assert.deepEqual(shown(workspace, fixture), before);
  });

  it('leaves the facts of files read whole (Services) as they were', () => {
    const workspace = indexedByWorkers();
    const service = filesBelow(join(FIXTURE, 'k8s')).find((path) => workspace.file(path)) ?? '';
    const services = workspace.file(service)?.services;
    assert.ok(services?.length);
    assert.deepEqual(readyForEdits(workspace, service), { done: true, changed: [] });
    assert.equal(workspace.file(service)?.services, services);
  });
});
