import { createMiddleware } from 'hono/factory';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * A webhook's sender is waiting on its answer, and a lead's message is one of them: while any webhook is being
 * answered, the bulk jobs of this process (`porchlight start` runs both) wait to start, as they do for a fast job
 * (jobs/lane-gate.ts). Handlers share one thread, and on the embedded database one connection, so a bulk job that
 * starts now would make the request wait for it; a steady stream of webhooks slows a backlog, never starves it.
 * @example app.use('/webhooks/*', holdBulkWhileAnswering(runtime))
 */
export function holdBulkWhileAnswering(runtime: Pick<Runtime, 'laneGate'>) {
  return createMiddleware<AppEnv>(async (_c, next) => {
    const answered = runtime.laneGate.fastJob();
    try {
      await next();
    } finally {
      answered();
    }
  });
}
