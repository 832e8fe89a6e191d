import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { http, passthrough } from 'msw';
import { TEST_ENV } from '../helpers/runtime.ts';
import { freePort } from '../helpers/private-postgres.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server as msw } from '../msw/server.ts';

const root = join(import.meta.dirname, '..', '..');

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  output: () => string;
  /** Ready once /readyz answers 200. */
  ready(): Promise<void>;
}

/** `porchlight start` as a real process on loopback, killed when the test ends. */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [join(root, 'bin/porchlight.js'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...TEST_ENV,
      LOG_LEVEL: 'warn',
      PORT: String(chosen),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  onTestFinished((context) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (context.task.result?.state === 'fail') process.stderr.write(`server output (port ${chosen}):\n${output}\n`);
  });
  const base = `http://127.0.0.1:${chosen}`;
  msw.use(http.all(`${base}/*`, () => passthrough()));
  return {
    base,
    child,
    output: () => output,
    ready: async () => {
      await waitFor(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 60_000, 200);
    },
  };
}
