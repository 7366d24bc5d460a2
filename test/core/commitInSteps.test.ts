import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from '../helpers/paths';

const FIXTURE = join(FIXTURES, 'clean-multi-env');
const ROUTES = join(FIXTURE, 'inventories/prod/webservers_pool/routes.yml');

function filesBelow(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

function staged(edits: ReadonlyMap<string, string> = new Map()): Workspace {
  const workspace = new Workspace(FIXTURE, readSettings({}));
  for (const path of filesBelow(FIXTURE)) if (workspace.wants(path)) workspace.stage(path, { text: edits.get(path) ?? readFileSync(path, 'utf8') });
  return workspace;
}

const shown = (workspace: Workspace): string[] =>
  [...workspace.allDiagnostics()].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => `${relative(FIXTURE, path)}:${diagnostic.range.start.line + 1} ${diagnostic.code}`)).sort();

describe('a commit in steps', () => {
  it('takes at least a step for the Services and one per environment, and ends where commit ends', () => {
    const stepped = staged();
    const steps = stepped.commitInSteps();
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    const whole = staged();
    assert.deepEqual(step.value.sort(), whole.commit().sort());
    // An environment checked from scratch takes several steps (thousands of entries in a large one).
    assert.ok(count >= 1 + whole.environmentNames().length);
    assert.deepEqual(shown(stepped), shown(whole));
  });

  it('leaves what is staged between its steps to the next commit, which then shows what a fresh check shows', () => {
    const text = readFileSync(ROUTES, 'utf8');
    const broken = text.replace('http://stream_', 'http://nostream_');
    assert.notEqual(broken, text);
    const workspace = staged();
    const steps = workspace.commitInSteps();
    let edited = false;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (edited) continue;
      // An edit served between two steps of the index's commit.
      workspace.stage(ROUTES, { text: broken });
      edited = true;
    }
    workspace.commit();
    const fresh = staged(new Map([[ROUTES, broken]]));
    fresh.commit();
    assert.ok(shown(fresh).some((line) => line.startsWith('inventories/prod/webservers_pool/routes.yml')), 'the edit made a problem');
    assert.deepEqual(shown(workspace), shown(fresh));
  });

  it('holds an edit staged in the middle of an environment until its check ends, then shows what a fresh check shows', () => {
    const text = readFileSync(ROUTES, 'utf8');
    const broken = text.replace('http://stream_', 'http://nostream_');
    const workspace = staged();
    const steps = workspace.commitInSteps();
    let count = 0;
    // An edit served between every two steps, the last one broken.
    for (let step = steps.next(); !step.done; step = steps.next()) workspace.stage(ROUTES, { text: count++ % 2 === 0 ? broken : text });
    if (count % 2 === 0) workspace.stage(ROUTES, { text: broken });
    assert.equal(workspace.file(ROUTES)?.text, broken, 'the file reads as last staged');
    workspace.commit();
    const fresh = staged(new Map([[ROUTES, broken]]));
    fresh.commit();
    assert.deepEqual(shown(workspace), shown(fresh));
  });
});
