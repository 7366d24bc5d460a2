import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeActions } from '../../server/src/core/features/codeActions';
import type { CodeActionEntry, TextEdit, WorkspaceEdit } from '../../server/src/core/features/types';
import { readSettings } from '../../server/src/core/settings';
import type { Diagnostic, Position } from '../../server/src/core/types';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { APPS, PROXY, ROUTES, SERVICE } from '../helpers/exampleSetup';
import { copyToTemp, EXAMPLE } from '../helpers/paths';


const original = (relative: string): string => readFileSync(join(EXAMPLE, relative), 'utf8');
/** The seed with its one mistake corrected, to test other problems alone. */
const FIXED_ROUTES = original(ROUTES).replace('port: 30164', 'port: 30165');

function filesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

interface Scenario {
  readonly workspace: Workspace;
  readonly root: string;
  readonly path: (relative: string) => string;
  readonly text: (relative: string) => string;
}

/** A workspace over a private copy of the example; `changes` replaces, adds (text) or removes (null) files. */
function scenario(changes: Record<string, string | null> = {}): Scenario {
  const root = copyToTemp(EXAMPLE);
  const workspace = new Workspace(root, readSettings(undefined));
  for (const path of filesOf(root)) if (!(path.slice(root.length + 1) in changes)) workspace.update(path, { text: readFileSync(path, 'utf8') });
  for (const [relative, text] of Object.entries(changes)) if (text !== null) workspace.update(join(root, relative), { text });
  return { workspace, root, path: (relative) => join(root, relative), text: (relative) => workspace.file(join(root, relative))?.text ?? '' };
}

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    assert.ok(next >= 0, `line ${position.line} exists`);
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const content = (end < 0 ? text.length : end) - (end > 0 && text[end - 1] === '\r' ? 1 : 0);
  assert.ok(offset + position.character <= content, 'the position is inside its line');
  return offset + position.character;
}

/** Applies text edits, the last first; checks that they do not overlap and that every other byte stays. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText })).sort((a, b) => b.start - a.start);
  for (let index = 1; index < located.length; index++) assert.ok((located[index]?.end ?? 0) <= (located[index - 1]?.start ?? 0), 'edits do not overlap');
  let result = text;
  for (const edit of located) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  const first = Math.min(...located.map((edit) => edit.start));
  const last = Math.max(...located.map((edit) => edit.end));
  assert.equal(result.slice(0, first), text.slice(0, first), 'bytes before the edits stay');
  assert.equal(result.slice(result.length - (text.length - last)), text.slice(last), 'bytes after the edits stay');
  return result;
}

/** Applies a workspace edit to the index (created files first), as the editor would write it. */
function apply(target: Scenario, edit: WorkspaceEdit): void {
  for (const created of edit.creates ?? []) {
    assert.equal(target.workspace.file(created.file), undefined, `${created.file} is created, not overwritten`);
    target.workspace.update(created.file, { text: created.text });
  }
  for (const [path, edits] of Object.entries(edit.changes)) {
    const file = target.workspace.file(path);
    assert.ok(file, `${path} is a file of the workspace`);
    target.workspace.update(path, { text: applyEdits(file.text, edits) });
  }
}

function allDiagnostics(target: Scenario): Diagnostic[] {
  return [...target.workspace.allDiagnostics().values()].flat();
}

function fixesOf(target: Scenario, diagnostic: Diagnostic): CodeActionEntry[] {
  const actions = codeActions(target.workspace, diagnostic.file, diagnostic.range, [diagnostic]);
  for (const action of actions) assert.deepEqual(action.diagnostic, diagnostic, 'each action names the diagnostic it fixes');
  return actions;
}

/** The only diagnostic of the workspace, of the given code. */
function only(target: Scenario, code: Diagnostic['code']): Diagnostic {
  const diagnostics = allDiagnostics(target);
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    [code],
    diagnostics.map((diagnostic) => diagnostic.message).join('\n'),
  );
  return diagnostics[0] as Diagnostic;
}

/** Every fix of every diagnostic, each applied alone to a fresh copy, leaves no diagnostic in any file. */
function everyFixCleans(make: () => Scenario): void {
  const initial = make();
  const diagnostics = allDiagnostics(initial);
  assert.ok(diagnostics.length > 0, 'the scenario has a problem');
  for (const [index, diagnostic] of diagnostics.entries()) {
    const count = fixesOf(initial, diagnostic).length;
    assert.ok(count > 0, `${diagnostic.code} has a fix`);
    for (let fix = 0; fix < count; fix++) {
      const fresh = make();
      const again = allDiagnostics(fresh)[index];
      assert.ok(again);
      const action = fixesOf(fresh, again)[fix];
      assert.ok(action);
      apply(fresh, action.edit);
      assert.deepEqual(allDiagnostics(fresh).map((left) => `${left.file}: ${left.message}`), [], `"${action.title}" leaves nothing`);
    }
  }
}

function serviceFor(name: string, namespace: string, nodePort: number): string {
  return original(SERVICE).replace(/pgadmin/g, name).replace('namespace: postgresql', `namespace: ${namespace}`).replace('padmin-port', `${name}-port`).replace('nodePort: 30165', `nodePort: ${nodePort}`);
}

describe('quick-fixes: port-mismatch', () => {
  it('the seed has one port-mismatch, in routes.yml, with two fixes', () => {
    const seed = scenario();
    const diagnostic = only(seed, 'port-mismatch');
    assert.equal(diagnostic.file, seed.path(ROUTES));
    assert.deepEqual(diagnostic.data, { app: 'pgadmin4', env: 'inventories/protobox', expectedPort: 30165 });
    const actions = fixesOf(seed, diagnostic);
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Set port to 30165', 'Replace with {{ app.pgadmin4.port }}'],
    );
    assert.equal(actions[0]?.isPreferred, true);
    // A range elsewhere in the file gets no fix.
    assert.deepEqual(codeActions(seed.workspace, diagnostic.file, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, [diagnostic]), []);
  });

  it('"Set port to 30165" replaces just the number', () => {
    const seed = scenario();
    const [set] = fixesOf(seed, only(seed, 'port-mismatch'));
    assert.ok(set);
    const edits = set.edit.changes[seed.path(ROUTES)] ?? [];
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]?.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } });
    apply(seed, set.edit);
    assert.equal(seed.text(ROUTES), FIXED_ROUTES);
    assert.deepEqual(allDiagnostics(seed), []);
  });

  it('"Replace with {{ app.pgadmin4.port }}" writes the quoted reference', () => {
    const seed = scenario();
    const replace = fixesOf(seed, only(seed, 'port-mismatch'))[1];
    assert.ok(replace);
    apply(seed, replace.edit);
    assert.equal(seed.text(ROUTES), original(ROUTES).replace('port: 30164', 'port: "{{ app.pgadmin4.port }}"'));
    assert.deepEqual(allDiagnostics(seed), []);
  });

  it('keeps the quotes of a quoted number, or replaces the whole scalar with the reference', () => {
    // A quoted number is a port like the number it spells (Ansible renders both alike): the fix keeps the quotes.
    const make = (): Scenario => scenario({ [ROUTES]: original(ROUTES).replace('port: 30164', 'port: "30164"') });
    const quoted = make();
    const mismatch = allDiagnostics(quoted).find((diagnostic) => diagnostic.code === 'port-mismatch');
    assert.ok(mismatch);
    const [set] = fixesOf(quoted, mismatch);
    assert.ok(set);
    apply(quoted, set.edit);
    assert.equal(quoted.text(ROUTES), original(ROUTES).replace('port: 30164', 'port: "30165"'));
    assert.deepEqual(allDiagnostics(quoted), []);
    const other = make();
    const replace = fixesOf(other, allDiagnostics(other).find((diagnostic) => diagnostic.code === 'port-mismatch') as Diagnostic)[1];
    assert.equal(replace?.title, 'Replace with {{ app.pgadmin4.port }}');
    assert.ok(replace);
    apply(other, replace.edit);
    assert.equal(other.text(ROUTES), original(ROUTES).replace('port: 30164', 'port: "{{ app.pgadmin4.port }}"'));
    assert.deepEqual(allDiagnostics(other), []);
  });

  it('fixes a literal HAProxy port', () => {
    const proxy = original(PROXY).replace('port: "{{ app.pgadmin4.port }}"\n  destination', 'port: 30999\n  destination');
    const make = (): Scenario => scenario({ [ROUTES]: FIXED_ROUTES, [PROXY]: proxy });
    const target = make();
    const diagnostic = only(target, 'port-mismatch');
    assert.equal(diagnostic.file, target.path(PROXY));
    assert.deepEqual(
      fixesOf(target, diagnostic).map((action) => action.title),
      ['Set port to 30165', 'Replace with {{ app.pgadmin4.port }}'],
    );
    everyFixCleans(make);
  });

  it('at the variable definition, only sets the number', () => {
    const make = (): Scenario => scenario({ [ROUTES]: FIXED_ROUTES, [APPS]: original(APPS).replace('30165', '30999') });
    const target = make();
    const diagnostic = only(target, 'port-mismatch');
    assert.equal(diagnostic.file, target.path(APPS));
    assert.deepEqual(
      fixesOf(target, diagnostic).map((action) => action.title),
      ['Set port to 30165'],
    );
    everyFixCleans(make);
  });

  it('offers no reference when app.<name>.port is not defined', () => {
    const proxy = original(PROXY).replace(/"\{\{ app\.pgadmin4\.port \}\}"/g, '30165');
    const target = scenario({ [APPS]: null, [PROXY]: proxy });
    assert.deepEqual(
      fixesOf(target, only(target, 'port-mismatch')).map((action) => action.title),
      ['Set port to 30165'],
    );
  });
});

describe('quick-fixes: missing-link', () => {
  const ARGOCD_ROUTE = 'argocd:\n  stream:\n    name: stream_argocd\n    port: 30170\n    group: kube_gateway_pool\n';
  const argocd = (extra: Record<string, string | null> = {}): Scenario =>
    scenario({ [ROUTES]: `${FIXED_ROUTES}${ARGOCD_ROUTE}`, 'k8s/argocd/argocd-service.yml': serviceFor('argocd', 'argocd', 30170), ...extra });

  it('adds the HAProxy entry at the end of proxy.yml, with the literal port', () => {
    const target = argocd();
    const diagnostic = only(target, 'missing-link');
    assert.deepEqual(diagnostic.data, { app: 'argocd', env: 'inventories/protobox', missing: 'haproxy' });
    const [add] = fixesOf(target, diagnostic);
    assert.equal(add?.title, `Add the HAProxy entry argocd to ${PROXY}`);
    assert.ok(add);
    apply(target, add.edit);
    const entry = 'argocd:\n  mode: http\n  address: "*"\n  port: 30170\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30170\n    balance: roundrobin\n    options:\n      - httplog\n';
    assert.equal(target.text(PROXY), `${original(PROXY)}\n${entry}`);
    assert.deepEqual(allDiagnostics(target), []);
  });

  it('refers to app.<name>.port when it is defined', () => {
    const target = argocd({ [APPS]: `${original(APPS)}  argocd:\n    port: 30170\n` });
    const [add] = fixesOf(target, only(target, 'missing-link'));
    assert.ok(add);
    apply(target, add.edit);
    assert.match(target.text(PROXY), /\nargocd:\n {2}mode: http\n {2}address: "\*"\n {2}port: "\{\{ app\.argocd\.port \}\}"\n/);
    assert.match(target.text(PROXY), / {6}port: "\{\{ app\.argocd\.port \}\}"\n {4}balance: roundrobin\n/);
    assert.deepEqual(allDiagnostics(target), []);
  });

  it('keeps CRLF line endings and the file indentation step', () => {
    const crlf = original(PROXY).replace(/^( +)/gm, (spaces) => spaces + spaces).replace(/\n/g, '\r\n');
    const target = argocd({ [PROXY]: crlf });
    const [add] = fixesOf(target, only(target, 'missing-link'));
    assert.ok(add);
    apply(target, add.edit);
    const text = target.text(PROXY);
    assert.ok(text.startsWith(crlf.trimEnd()), 'existing bytes stay');
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feed');
    assert.ok(text.includes('\r\n\r\nargocd:\r\n    mode: http\r\n'), 'a blank line, then the entry indented by 4');
    assert.ok(text.includes('\r\n            port: 30170\r\n'), 'nested levels use the same step');
    assert.deepEqual(allDiagnostics(target), []);
  });

  it('adds a blank line when the file does not end with a line break', () => {
    const target = argocd({ [PROXY]: original(PROXY).trimEnd() });
    const [add] = fixesOf(target, only(target, 'missing-link'));
    assert.ok(add);
    apply(target, add.edit);
    assert.ok(target.text(PROXY).startsWith(`${original(PROXY).trimEnd()}\n\nargocd:\n`));
    assert.deepEqual(allDiagnostics(target), []);
  });

  it('adds nothing to a proxy.yml that is not valid YAML', () => {
    const target = argocd({ [PROXY]: `${original(PROXY)}keycloak: {\n` });
    const diagnostic = allDiagnostics(target).find((candidate) => candidate.code === 'missing-link');
    assert.ok(diagnostic, allDiagnostics(target).map((candidate) => candidate.message).join('\n'));
    assert.deepEqual(fixesOf(target, diagnostic), []);
  });

  it('creates proxy.yml when the environment has none', () => {
    const target = scenario({ [ROUTES]: FIXED_ROUTES, [PROXY]: null });
    const diagnostic = only(target, 'missing-link');
    const [add] = fixesOf(target, diagnostic);
    assert.ok(add);
    assert.deepEqual(add.edit.creates?.map((created) => created.file), [target.path(PROXY)]);
    apply(target, add.edit);
    assert.equal(target.text(PROXY), original(PROXY));
    assert.deepEqual(allDiagnostics(target), []);
  });

  it('adds the Nginx route and its stream to routes.yml', () => {
    const keycloak = 'keycloak:\n  mode: http\n  address: "*"\n  port: 30180\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30180\n';
    const make = (): Scenario => scenario({ [ROUTES]: FIXED_ROUTES, [PROXY]: `${original(PROXY)}${keycloak}`, 'k8s/keycloak/keycloak-service.yml': serviceFor('keycloak', 'keycloak', 30180) });
    const target = make();
    const diagnostic = only(target, 'missing-link');
    assert.equal(diagnostic.data?.missing, 'nginx');
    const [add] = fixesOf(target, diagnostic);
    assert.equal(add?.title, `Add the Nginx route /keycloak/ and stream stream_keycloak to ${ROUTES}`);
    assert.ok(add);
    apply(target, add.edit);
    const route = [
      'keycloak:',
      '  webserver:',
      '    - location: /keycloak/',
      '      params:',
      '        proxy_set_header:',
      '          type: repeat',
      '          values:',
      '            Host: $http_host',
      '            X-Real-IP: $remote_addr',
      '            X-Forwarded-For: $proxy_add_x_forwarded_for',
      '        proxy_pass:',
      '          values: http://stream_keycloak',
      '  stream:',
      '    name: stream_keycloak',
      '    port: 30180',
      '    group: kube_gateway_pool',
      '',
    ].join('\n');
    assert.equal(target.text(ROUTES), `${FIXED_ROUTES}\n${route}`);
    assert.deepEqual(allDiagnostics(target), []);
    everyFixCleans(make);
  });
});

describe('quick-fixes: node ports', () => {
  it('moves a Service outside the range to the next free nodePort', () => {
    const make = (): Scenario => scenario({ [ROUTES]: FIXED_ROUTES, 'k8s/monitoring/grafana-service.yml': serviceFor('grafana', 'monitoring', 40000) });
    const target = make();
    const diagnostic = only(target, 'nodeport-range');
    const [move] = fixesOf(target, diagnostic);
    assert.equal(move?.title, 'Move to the next free nodePort, 30000');
    assert.ok(move);
    const edits = move.edit.changes[target.path('k8s/monitoring/grafana-service.yml')] ?? [];
    assert.deepEqual(
      edits.map((edit) => edit.newText),
      ['30000'],
    );
    everyFixCleans(make);
  });

  it('moves the rest of the chain with its Service', () => {
    const make = (): Scenario =>
      scenario({
        [ROUTES]: original(ROUTES).replace('port: 30164', 'port: 40000'),
        [APPS]: original(APPS).replace('30165', '40000'),
        [SERVICE]: original(SERVICE).replace('nodePort: 30165', 'nodePort: 40000'),
      });
    const target = make();
    const [move] = fixesOf(target, only(target, 'nodeport-range'));
    assert.ok(move);
    assert.deepEqual(Object.keys(move.edit.changes).sort(), [target.path(APPS), target.path(SERVICE), target.path(ROUTES)].sort());
    for (const [path, edits] of Object.entries(move.edit.changes)) {
      for (const edit of edits) {
        const file = target.workspace.file(path);
        assert.ok(file);
        assert.equal(file.text.slice(file.lines.offsetAt(edit.range.start), file.lines.offsetAt(edit.range.end)), '40000', 'only the number changes');
      }
    }
    everyFixCleans(make);
  });

  it('moves either of two Services that share a nodePort', () => {
    const make = (): Scenario => scenario({ [ROUTES]: FIXED_ROUTES, 'k8s/postgresql/pgadmin-copy-service.yml': serviceFor('copy', 'postgresql', 30165) });
    const target = make();
    const diagnostics = allDiagnostics(target);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ['duplicate-nodeport', 'duplicate-nodeport'],
    );
    for (const diagnostic of diagnostics) assert.match(fixesOf(target, diagnostic)[0]?.title ?? '', /^Move to the next free nodePort, 30000/);
    everyFixCleans(make);
  });

  it('skips ports that app variables use, in any environment', () => {
    const apps = `${original(APPS)}  reserved:\n    port: 30000\n`;
    const target = scenario({ [ROUTES]: FIXED_ROUTES, [APPS]: apps, 'k8s/monitoring/grafana-service.yml': serviceFor('grafana', 'monitoring', 40000) });
    const [move] = fixesOf(target, only(target, 'nodeport-range'));
    assert.equal(move?.title, 'Move to the next free nodePort, 30001');
  });
});

describe('quick-fixes: a hyphenated app name after a dot', () => {
  /** The seed with its mismatch fixed and pgadmin4 renamed pg-admin4 everywhere, references written with dots. */
  const hyphenated = (): Scenario =>
    scenario(Object.fromEntries([APPS, PROXY, ROUTES].map((relative) => [relative, (relative === ROUTES ? FIXED_ROUTES : original(relative)).replaceAll('pgadmin4', 'pg-admin4')])));

  it('says what Jinja reads instead, on the whole name, and writes it in brackets', () => {
    const target = hyphenated();
    const diagnostics = allDiagnostics(target);
    assert.deepEqual(
      diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`),
      [
        "unknown-variable Jinja reads app.pg-admin4.port as app.pg minus admin4.port: a name with a hyphen needs brackets, app['pg-admin4'].port.",
        "unknown-variable Jinja reads app.pg-admin4.port as app.pg minus admin4.port: a name with a hyphen needs brackets, app['pg-admin4'].port.",
      ],
    );
    const first = diagnostics[0] as Diagnostic;
    const line = target.text(PROXY).split('\n')[first.range.start.line] ?? '';
    assert.equal(line.slice(first.range.start.character, first.range.end.character), 'app.pg-admin4.port');
    assert.deepEqual(
      fixesOf(target, first).map((action) => action.title),
      ["Write app['pg-admin4'].port"],
    );
    // Each fix repairs its own reference; the two together leave nothing.
    for (let left = 2; left > 0; left--) {
      const next = allDiagnostics(target)[0];
      assert.ok(next && allDiagnostics(target).length === left);
      apply(target, fixesOf(target, next)[0]?.edit ?? { changes: {} });
    }
    assert.deepEqual(allDiagnostics(target), []);
    assert.match(target.text(PROXY), /port: "\{\{ app\['pg-admin4'\]\.port \}\}"/);
  });
});
