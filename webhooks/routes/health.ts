import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function check(name: string, fn: () => Promise<unknown>): Promise<[string, string]> {
  try {
    await withTimeout(fn(), name);
    return [name, 'ok'];
  } catch (error) {
    return [name, (error as Error).message];
  }
}

/** Liveness, readiness (database + queue) and Prometheus metrics. */
export function healthRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = Object.fromEntries(
      await Promise.all([
        check('database', () => runtime.db.execute(sql`select 1`)),
        check('queue', () => runtime.queue.boss.getQueue('maintenance')),
      ]),
    );
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => k);
    if (down.length) return c.json({ status: 'unavailable', down, checks }, 503);
    return c.json({ status: 'ready', checks });
  });
  app.get('/metrics', async (c) => {
    try {
      const queues = await withTimeout(runtime.queue.boss.getQueues(), 'queue');
      for (const q of queues) {
        runtime.metrics.queueDepth.set({ queue: q.name, state: 'queued' }, q.queuedCount);
        runtime.metrics.queueDepth.set({ queue: q.name, state: 'active' }, q.activeCount);
        runtime.metrics.queueDepth.set({ queue: q.name, state: 'deferred' }, q.deferredCount);
      }
    } catch {
      // Metrics must still answer while the queue is down; depth gauges keep their last value.
    }
    return c.text(await runtime.metrics.registry.metrics(), 200, {
      'Content-Type': runtime.metrics.registry.contentType,
    });
  });
  return app;
}
