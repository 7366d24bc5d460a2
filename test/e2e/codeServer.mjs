// code-server (VS Code's workbench and extension host, from npm) in its own process group, so that stopping it
// by PID also stops the extension host and language server it started.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on localhost, so that two runs (or a leftover one) never collide. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function installExtension(tools, dirs, vsix) {
  execFileSync(tools.node, [tools.codeServer, ...dirs, '--install-extension', vsix], { stdio: 'inherit' });
}

/** Starts code-server on `port` and resolves once it answers HTTP; `stop()` kills its process group. */
export async function startCodeServer(tools, dirs, workspace, port, log) {
  const child = spawn(tools.node, [tools.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...dirs, workspace], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with status ${child.exitCode} (see its log)`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer within 2 minutes');
    }
    await sleep(250);
  }
  return { pid: child.pid, stop };
}
