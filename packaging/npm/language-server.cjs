#!/usr/bin/env node
// The npm package's `kube-expose-language-server`. vscode-languageserver reads the transport from the arguments
// and throws a stack trace when none is given: an editor configured without `--stdio` gets a usage line instead.
'use strict';
const args = process.argv.slice(2);
const USAGE = 'usage: kube-expose-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n'
  + 'Speaks the Language Server Protocol to the editor that starts it; see the README of the kube-expose package.';
if (args.includes('--version')) {
  console.log(require('../package.json').version);
} else if (args.some((arg) => /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/.test(arg))) {
  require('../dist/server.js');
} else if (args.includes('--help')) {
  console.log(USAGE);
} else {
  console.error(`kube-expose-language-server: no transport given${args.length > 0 ? ` (got ${args.join(' ')})` : ''}\n${USAGE}`);
  process.exitCode = 2;
}
