import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { databaseAnswers } from '../../db/queries/readiness.ts';

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

/** `GET /healthz`: 200 while the process (or, on the edge, the Worker) answers at all. */
export function livenessRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}

/** Liveness, readiness (database + queue) and, unless METRICS_PORT moves it, Prometheus metrics. */
export function healthRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.route('/', livenessRoutes());
  app.get('/readyz', async (c) => {
    const checks = Object.fromEntries(
      await Promise.all([
        check('database', () => databaseAnswers(runtime.db)),
        check('queue', () => runtime.queue.boss.getQueue('maintenance')),
      ]),
    );
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) => k);
    if (down.length) return c.json({ status: 'unavailable', down, checks }, 503);
    return c.json({ status: 'ready', checks });
  });
  // With METRICS_PORT set, /metrics lives only on the private listener (bin/service.ts), not on the public port.
  if (runtime.env.METRICS_PORT === undefined) app.route('/', metricsRoutes(runtime));
  return app;
}

/** `GET /metrics` (Prometheus text): on the public app by default, alone on METRICS_PORT when set. */
export function metricsRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
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
