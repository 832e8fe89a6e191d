import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { TEST_ENV } from '../helpers/runtime.ts';

const root = join(import.meta.dirname, '..', '..');

export interface WorkProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** `porchlight work <args>` as a real process, SIGKILLed when the test ends if still running. */
export function startWorkProcess(env: Record<string, string>, args: readonly string[] = []): WorkProcess {
  const child = spawn(process.execPath, [join(root, 'bin/porchlight.js'), 'work', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished((context) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (context.task.result?.state === 'fail') process.stderr.write(`work process ${child.pid} output:\n${output}\n`);
  });
  return { child, pid: child.pid!, output: () => output, exited };
}
