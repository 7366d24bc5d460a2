// Runs inside VS Code's extension host. node:test is not available there, so this is a tiny runner:
// each test waits on editor events (never a fixed sleep) and the first failure rejects the run.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const folder = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const uriOf = (relative) => vscode.Uri.file(path.join(folder(), relative));
const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';
const PROXY = 'inventories/protobox/kube_gateway_pool/proxy.yml';

/** Resolves once `condition()` returns a truthy value, re-checking on every diagnostics change. */
function until(condition, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = condition();
      if (value) {
        listener.dispose();
        clearTimeout(timer);
        resolve(value);
      }
    };
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error('timed out'));
    }, timeoutMs);
    check();
  });
}

const ours = (relative) => vscode.languages.getDiagnostics(uriOf(relative)).filter((diagnostic) => diagnostic.source === 'kube-expose');

const tests = {
  async 'shows the seed mismatch in routes.yml'() {
    await vscode.window.showTextDocument(uriOf(ROUTES));
    const [mismatch] = await until(() => ours(ROUTES).length > 0 && ours(ROUTES));
    assert.equal(mismatch.code, 'port-mismatch');
    assert.equal(mismatch.range.start.line, 14);
  },
  async 'completes http after mode:'() {
    const document = await vscode.workspace.openTextDocument(uriOf(PROXY));
    const line = document.getText().split('\n').findIndex((text) => text.includes('mode: http'));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, '  mode: '.length));
    assert.ok(list.items.some((item) => item.label === 'http' || item.label.label === 'http'));
  },
  async 'goes from {{ app.pgadmin4.port }} to its definition'() {
    const document = await vscode.workspace.openTextDocument(uriOf(PROXY));
    const text = document.getText();
    const position = document.positionAt(text.indexOf('app.pgadmin4.port') + 14);
    const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, position);
    const target = locations[0].uri ?? locations[0].targetUri;
    assert.ok(target.fsPath.endsWith(path.join('group_vars', 'all', 'apps.yml')));
  },
  async 'fixes the mismatch with one quick-fix'() {
    const [mismatch] = ours(ROUTES);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uriOf(ROUTES), mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Set port to 30165');
    assert.ok(fix, 'the quick-fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await until(() => ours(ROUTES).length === 0);
  },
};

exports.run = async function run() {
  await vscode.extensions.getExtension('kube-expose.kube-expose').activate();
  const failures = [];
  for (const [name, test] of Object.entries(tests)) {
    try {
      await test();
      console.log(`ok - ${name}`);
    } catch (error) {
      console.error(`not ok - ${name}: ${error.stack ?? error}`);
      failures.push(name);
    }
  }
  if (failures.length) throw new Error(`${failures.length} in-editor test(s) failed: ${failures.join(', ')}`);
};
