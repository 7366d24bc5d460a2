import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits } from '../../server/src/core/edit/applyText';
import { scaffold, ScaffoldError } from '../../server/src/core/edit/scaffold';
import { LanguageService } from '../../server/src/core/features/languageService';
import type { WorkspaceEdit } from '../../server/src/core/features/types';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { EXAMPLE, FIXTURES } from '../helpers/paths';

/** Every YAML or INI file of a folder, as relative path -> text. */
function filesOf(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|ini)$|\/hosts$/.test(path)) files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

const ROOT = '/ws';
function workspaceOf(files: Record<string, string>): Workspace {
  const workspace = new Workspace(ROOT, readSettings(undefined));
  for (const [path, text] of Object.entries(files)) workspace.stage(`${ROOT}/${path}`, { text });
  workspace.commit();
  return workspace;
}

/** Applies an edit to the files, checking that each text edit only inserts or replaces its own range. */
function applied(files: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const result = { ...files };
  for (const created of edit.creates ?? []) {
    const path = created.file.slice(ROOT.length + 1);
    assert.equal(result[path], undefined, `${path} is created, not overwritten`);
    result[path] = created.text;
  }
  for (const [file, edits] of Object.entries(edit.changes)) {
    const path = file.slice(ROOT.length + 1);
    const before = result[path] ?? '';
    const after = applyTextEdits(before, edits);
    if (edits.length === 1 && edits[0]) {
      // One edit: everything before its start and after its end is the same, byte for byte.
      const lines = before.split('\n');
      const start = lines.slice(0, edits[0].range.start.line).join('\n').length + (edits[0].range.start.line ? 1 : 0) + edits[0].range.start.character;
      assert.equal(after.slice(0, start), before.slice(0, start));
      const tail = before.length - (lines.slice(0, edits[0].range.end.line).join('\n').length + (edits[0].range.end.line ? 1 : 0) + edits[0].range.end.character);
      assert.equal(after.slice(after.length - tail), before.slice(before.length - tail));
    }
    result[path] = after;
  }
  return result;
}

const codes = (workspace: Workspace): string[] => [...workspace.allDiagnostics()].flatMap(([path, list]) => list.map((diagnostic) => `${path}:${diagnostic.code}`)).sort();

describe('quick-fixes and the scaffold, on random inputs', () => {
  const example = filesOf(EXAMPLE);
  const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
  const SERVICE = 'k8s/postgresql/pgadmin-service.yml';

  it('every quick-fix of a port mismatch or a node-port problem removes it and touches only its range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (stream, nodePort) => {
        const files = { ...example, [ROUTES]: (example[ROUTES] ?? '').replace('port: 30164', `port: ${stream}`), [SERVICE]: (example[SERVICE] ?? '').replace('nodePort: 30165', `nodePort: ${nodePort}`) };
        const workspace = workspaceOf(files);
        const service = new LanguageService(workspace);
        for (const [path, diagnostics] of workspace.allDiagnostics()) {
          for (const diagnostic of diagnostics) {
            for (const action of service.codeActions(path, diagnostic.range, [diagnostic])) {
              const after = workspaceOf(applied(files, action.edit));
              const still = after.diagnostics(path).filter((other) => other.code === diagnostic.code && other.range.start.line === diagnostic.range.start.line);
              assert.deepEqual(still, [], `${action.title} leaves ${diagnostic.code}`);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every scaffold either refuses or only adds, and leaves the check with nothing new', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/);
    fc.assert(
      fc.property(name, name, fc.integer({ min: 1, max: 65535 }), fc.option(fc.integer({ min: 29990, max: 32800 }), { nil: undefined }), fc.option(fc.stringMatching(/^\/[a-z0-9/-]{0,10}$/), { nil: undefined }), (app, namespace, targetPort, nodePort, location) => {
        const workspace = workspaceOf(example);
        const before = codes(workspace);
        let result;
        try {
          result = scaffold(workspace, { env: 'protobox', app, namespace, targetPort, ...(nodePort === undefined ? {} : { nodePort }), ...(location === undefined ? {} : { location }) });
        } catch (error) {
          assert.ok(error instanceof ScaffoldError, String(error));
          return;
        }
        const files = applied(example, result.edit);
        for (const [path, text] of Object.entries(example)) assert.ok(files[path]?.startsWith(text.replace(/\n$/, '')), `${path} keeps its bytes`);
        assert.deepEqual(codes(workspaceOf(files)), before);
      }),
      { numRuns: 150 },
    );
  });
});

describe('every position of every fixture file', () => {
  const roots = readdirSync(FIXTURES).map((name) => join(FIXTURES, name));
  it('answers hover, definition, references, completion and symbols without throwing', () => {
    let positions = 0;
    for (const root of [EXAMPLE, ...roots]) {
      const files = filesOf(root);
      const workspace = workspaceOf(files);
      const service = new LanguageService(workspace);
      for (const [path, text] of Object.entries(files)) {
        const absolute = `${ROOT}/${path}`;
        service.documentSymbols(absolute);
        service.codeLenses(absolute);
        const lines = text.split('\n');
        for (let line = 0; line <= lines.length; line++) {
          for (let character = 0; character <= (lines[line]?.length ?? 0) + 1; character++) {
            const position = { line, character };
            service.hover(absolute, position);
            service.definition(absolute, position);
            service.references(absolute, position, true);
            if (character % 4 === 0) service.completion(absolute, position);
            positions++;
          }
        }
      }
    }
    assert.ok(positions > 10_000);
  });
});

describe('the missing-link quick-fix', () => {
  it('adds a route whose stream and location collide with no other route', () => {
    const example = filesOf(EXAMPLE);
    const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
    const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
    const keycloak = 'keycloak:\n  mode: http\n  address: "*"\n  port: 30180\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30180\n';
    // Another route already uses the names the fix would pick first.
    const taken = 'other:\n  webserver:\n    - location: /keycloak/\n  stream:\n    name: stream_keycloak\n    port: 8080\n    group: webservers_pool\n';
    const files = { ...example, [PROXY]: `${example[PROXY] ?? ''}${keycloak}`, [ROUTES]: `${example[ROUTES] ?? ''}${taken}` };
    const workspace = workspaceOf(files);
    const service = new LanguageService(workspace);
    const [diagnostic] = workspace.diagnostics(`${ROOT}/${PROXY}`).filter((candidate) => candidate.code === 'missing-link');
    assert.ok(diagnostic);
    const [fix] = service.codeActions(`${ROOT}/${PROXY}`, diagnostic.range, [diagnostic]);
    assert.equal(fix?.title, `Add the Nginx route /keycloak-2/ and stream stream_keycloak_2 to ${ROUTES}`);
    const after = workspaceOf(applied(files, fix.edit));
    assert.deepEqual(codes(after).filter((code) => !code.endsWith(':port-mismatch')), []);
  });
});
