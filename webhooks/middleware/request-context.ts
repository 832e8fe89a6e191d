import { createMiddleware } from 'hono/factory';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';

/** Request id (honouring an inbound X-Request-Id), a child logger, and HTTP metrics per route. */
export function requestContext(runtime: Runtime) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    const logger = runtime.logger.child({ requestId });
    c.set('runtime', runtime);
    c.set('requestId', requestId);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const route = c.req.routePath || 'unmatched';
    const seconds = (performance.now() - started) / 1000;
    runtime.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    runtime.metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
    logger.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  });
}
