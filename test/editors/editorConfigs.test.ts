import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { readForms, type Form } from '../helpers/lisp';
import { diagnosticsSession } from '../helpers/lspSession';
import { packAndInstall, type Installed } from '../helpers/npmPackage';
import { EXAMPLE, REPO, copyToTemp } from '../helpers/paths';
import { readmeBlock, withoutComments } from '../helpers/readmeBlocks';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

/** Starts the command an editor configuration names and gets the seed's mismatch over stdio from it. */
async function seedMismatchFrom(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const root = copyToTemp(EXAMPLE);
  const child = spawn(command, args, { env, stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const seen = (published: Map<string, { code?: number | string }[]>): boolean => (published.get(join(root, ROUTES)) ?? []).some((diagnostic) => diagnostic.code === 'port-mismatch');
  try {
    return seen(await diagnosticsSession(connection, root, seen));
  } finally {
    connection.dispose();
    child.kill();
  }
}

const tomllib = spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' });
const noToml = tomllib.status === 0 ? undefined : 'python3 with tomllib (3.11 or newer) is not installed (apt-get install python3)';

describe('the Helix and Emacs configurations of the README', () => {
  let installed: Installed;
  before(() => {
    installed = packAndInstall();
  });

  it('Helix: languages.toml parses, adds kube-expose to YAML, and its command serves the example', { skip: noToml }, async () => {
    const block = readmeBlock('### Helix', 'toml');
    assert.equal(block.trim(), withoutComments(readFileSync(join(REPO, 'editors/helix/languages.toml'), 'utf8'), '#'));
    // A real TOML parser: Python's standard library.
    const parsed = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: block, encoding: 'utf8' });
    assert.equal(parsed.status, 0, parsed.stderr);
    const config = JSON.parse(parsed.stdout) as { 'language-server': Record<string, { command: string; args: string[] }>; language: { name: string; 'language-servers': string[] }[] };
    const server = config['language-server']['kube-expose'];
    assert.deepEqual(server, { command: 'kube-expose-language-server', args: ['--stdio'] });
    assert.deepEqual(config.language.find((language) => language.name === 'yaml')?.['language-servers'], ['yaml-language-server', 'kube-expose']);
    assert.ok(await seedMismatchFrom(server.command, server.args, installed.env));
  });

  it('Emacs: the eglot configuration reads as Lisp, maps both YAML modes to the server, and its command serves the example', async () => {
    const block = readmeBlock('### Emacs', 'elisp');
    assert.equal(block.trim(), withoutComments(readFileSync(join(REPO, 'editors/emacs/kube-expose.el'), 'utf8'), ';'));
    const forms = readForms(block);
    const program = forms
      .filter((form): form is Form[] => Array.isArray(form) && form[0] === 'with-eval-after-load')
      .flatMap((form) => form.slice(2))
      .find((form): form is Form[] => Array.isArray(form) && form[0] === 'add-to-list');
    assert.ok(program, 'an add-to-list inside with-eval-after-load');
    assert.deepEqual(program.slice(0, 2), ['add-to-list', ['quote', 'eglot-server-programs']]);
    assert.deepEqual(program[2], ['quote', [['yaml-mode', 'yaml-ts-mode'], { string: 'kube-expose-language-server' }, { string: '--stdio' }]]);
    const hooks = forms.filter((form): form is Form[] => Array.isArray(form) && form[0] === 'add-hook').map((form) => form.slice(1));
    assert.deepEqual(hooks, [[['quote', 'yaml-mode-hook'], ['function', 'eglot-ensure']], [['quote', 'yaml-ts-mode-hook'], ['function', 'eglot-ensure']]]);
    const [command, ...args] = ((program[2] as Form[])[1] as Form[]).slice(1).map((word) => (word as { string: string }).string);
    assert.ok(await seedMismatchFrom(command ?? '', args, installed.env));
  });

  it('the Lisp reader rejects what Emacs would reject', () => {
    assert.throws(() => readForms('(add-hook \'yaml-mode-hook'), /unbalanced \(|unexpected end/);
    assert.throws(() => readForms('(a))'), /unbalanced \)/);
    assert.throws(() => readForms('("kube-expose)'), /unterminated string/);
  });
});
