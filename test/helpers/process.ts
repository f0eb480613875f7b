import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A free loopback port, found by binding port 0. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Starts the real service (`dispute start`) in its own process and waits until it answers. Without keys (AUTH=off on loopback) unless `env` says AUTH=on. */
export async function startServerProcess(env: Record<string, string>, cwd = root): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // By absolute path, so the service can be started from any working directory.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'src/cli.ts'), 'start'], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), AUTH: 'off', RATE_LIMIT_PER_MINUTE: '1000000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Up to 30 s: a loaded 2-core machine took more than 10 s to start tsx and the store.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start in 30 s');
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}
