import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  forgetStaleWorkerProcesses,
  forgetWorkerProcess,
  recordWorkerHeartbeat,
} from '../db/queries/status/worker-processes.ts';
import type { Runtime } from './runtime.ts';

/** How often a worker process says it is alive; `porchlight status` counts a process live for three of these. */
export const WORKER_HEARTBEAT_SECONDS = 10;
export const WORKER_LIVE_SECONDS = 3 * WORKER_HEARTBEAT_SECONDS;
const FORGET_AFTER_SECONDS = 86_400;

/**
 * pg-boss knows which jobs are active, not which processes run them: each worker process heart-beats a row of
 * its own (db/schema/ops.ts `worker_processes`). A missed beat (a busy database) is logged and tried again.
 */
export async function registerWorkerProcess(
  runtime: Pick<Runtime, 'db' | 'logger'>,
  options: { concurrency: number },
): Promise<{ stop(): Promise<void> }> {
  const worker = { id: randomUUID(), host: hostname(), pid: process.pid, concurrency: options.concurrency };
  const beat = async () => {
    await recordWorkerHeartbeat(runtime.db, worker);
    await forgetStaleWorkerProcesses(runtime.db, FORGET_AFTER_SECONDS);
  };
  await beat();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = beat().catch((error) => runtime.logger.warn({ err: error }, 'worker heartbeat not recorded'));
  }, WORKER_HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await forgetWorkerProcess(runtime.db, worker.id).catch(() => {});
    },
  };
}
