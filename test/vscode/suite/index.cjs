// Runs inside VS Code's extension host, started by ../run.mjs on a copy of examples/protobox/.
// node:test is not available there, so this is a tiny runner: the tests run one after the other (they share the
// editor), each failure is reported, and the run rejects if any failed. Nothing sleeps a fixed time: every wait
// re-checks on vscode.languages.onDidChangeDiagnostics and gives up after a timeout.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION = 'kube-expose.kube-expose';
const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';
const APPS = 'inventories/protobox/group_vars/all/apps.yml';
const WAIT_MS = 30_000;
const TEST_MS = 60_000;

const folder = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const uriOf = (relative) => vscode.Uri.file(path.join(folder(), relative));

/** The diagnostics of the language server, in one file or in the whole workspace. */
function ours(relative) {
  const all = relative === undefined ? vscode.languages.getDiagnostics().flatMap(([, diagnostics]) => diagnostics) : vscode.languages.getDiagnostics(uriOf(relative));
  return all.filter((diagnostic) => diagnostic.source === 'kube-expose');
}

/** The seed mistake: the Nginx stream port on line 15 of routes.yml (30164 where the rest say 30165). */
const seedMismatch = () => ours(ROUTES).find((diagnostic) => diagnostic.code === 'port-mismatch' && diagnostic.range.start.line === 14);

/** Resolves with the first truthy value of `condition()`, re-checked on every change of the diagnostics. */
function until(what, condition, timeoutMs = WAIT_MS) {
  return new Promise((resolve, reject) => {
    let listener;
    let timer;
    const finish = (settle, value) => {
      listener?.dispose();
      clearTimeout(timer);
      settle(value);
    };
    const check = () => {
      try {
        const value = condition();
        if (value) finish(resolve, value);
      } catch (error) {
        finish(reject, error);
      }
    };
    listener = vscode.languages.onDidChangeDiagnostics(check);
    timer = setTimeout(() => {
      const left = ours().map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
      finish(reject, new Error(`timed out after ${timeoutMs} ms waiting for ${what}; Kube Expose diagnostics: ${left.join(' | ') || 'none'}`));
    }, timeoutMs);
    check();
  });
}

/** The position just after the first occurrence of `text` in the document (`offset` characters into it if given). */
function after(document, text, offset = text.length) {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `${path.basename(document.uri.fsPath)} contains ${JSON.stringify(text)}`);
  return document.positionAt(index + offset);
}

const tests = {
  async 'registers its commands'() {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['kubeExpose.restartServer', 'kubeExpose.showOutput', 'kubeExpose.showLocations', 'kubeExpose.exposeService']) {
      assert.ok(commands.includes(command), command);
    }
  },

  async 'reports the port mismatch on line 15 of routes.yml'() {
    await vscode.window.showTextDocument(uriOf(ROUTES));
    const mismatch = await until('port-mismatch on routes.yml:15', seedMismatch);
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.match(mismatch.message, /30164/);
    assert.match(mismatch.message, /30165/);
  },

  async 'completes http after mode: in proxy.yml'() {
    const document = await vscode.workspace.openTextDocument(uriOf(PROXY));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, after(document, 'mode: '));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('http'), `completion offers http; got ${labels.join(', ')}`);
  },

  async 'goes from {{ app.pgadmin4.port }} in proxy.yml to group_vars/all/apps.yml'() {
    const document = await vscode.workspace.openTextDocument(uriOf(PROXY));
    const position = after(document, 'app.pgadmin4.port', 'app.pgadmin4.'.length + 1);
    const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
    assert.ok(found.length > 0, 'a definition is found');
    const uri = found[0].targetUri ?? found[0].uri;
    const range = found[0].targetSelectionRange ?? found[0].targetRange ?? found[0].range;
    assert.equal(uri.fsPath, uriOf(APPS).fsPath);
    const target = await vscode.workspace.openTextDocument(uri);
    assert.match(target.lineAt(range.start.line).text, /\bport:/);
  },

  async 'restarts the server, which reports the mismatch again'() {
    await vscode.commands.executeCommand('kubeExpose.restartServer');
    await until('port-mismatch on routes.yml:15 after the restart', seedMismatch);
  },

  async 'fixes the mismatch with its quick-fix, leaving no Kube Expose diagnostic'() {
    const mismatch = await until('port-mismatch on routes.yml:15', seedMismatch);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uriOf(ROUTES), mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Set port to 30165');
    assert.ok(fix?.edit, `the quick-fix "Set port to 30165" is offered; got ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    const document = await vscode.workspace.openTextDocument(uriOf(ROUTES));
    assert.match(document.lineAt(14).text, /30165/);
    await until('no Kube Expose diagnostic in the workspace', () => ours().length === 0);
  },
};

function withTimeout(name, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${TEST_MS} ms`)), TEST_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

exports.run = async function run() {
  const extension = vscode.extensions.getExtension(EXTENSION);
  assert.ok(extension, `${EXTENSION} is installed`);
  await extension.activate();
  const failures = [];
  for (const [name, test] of Object.entries(tests)) {
    try {
      await withTimeout(name, test());
      console.log(`ok - ${name}`);
    } catch (error) {
      console.error(`not ok - ${name}\n${error?.stack ?? error}`);
      failures.push(name);
    }
  }
  console.log(`${Object.keys(tests).length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} in-editor test(s) failed: ${failures.join('; ')}`);
};
