import { createMiddleware } from 'hono/factory';
import { queueBacklog } from '../../db/queries/readiness.ts';
import type { AppEnv } from '../app-env.ts';
import { DEFAULT_GHL_MAX_BACKLOG, type BacklogGate } from '../middleware/backlog-gate.ts';

export interface EdgeBacklogGate extends BacklogGate {
  /** Recounts with this request's database when the last count is older than the refresh interval. */
  recountIfStale(count: () => Promise<number>): Promise<void>;
}

/**
 * The `ghl.event` back-pressure gate of an edge isolate. On Node the gate recounts in the background; a Worker
 * may start nothing that outlives its request (its connection closes with it), so here the first request after
 * the interval recounts before it is judged, with its own connection, and the rest of the second answer from
 * that count: the same 429 at the same limit, at most one count per isolate per second.
 * @example const gate = createEdgeBacklogGate(); app.post('/webhooks/ghl', recountBacklog(gate), …)
 */
export function createEdgeBacklogGate(
  options: { maxBacklog?: number; refreshMs?: number; now?: () => number } = {},
): EdgeBacklogGate {
  const maxBacklog = options.maxBacklog ?? DEFAULT_GHL_MAX_BACKLOG;
  const refreshMs = options.refreshMs ?? 1000;
  const now = options.now ?? Date.now;
  let backlog = 0;
  let countedAt = -Infinity;
  return {
    check: () => ({ over: backlog > maxBacklog, backlog, maxBacklog, retryAfterSeconds: 10 }),
    refresh: async () => backlog,
    async recountIfStale(count) {
      if (now() - countedAt < refreshMs) return;
      // Claimed before the count, so the requests arriving meanwhile use the last count instead of counting too.
      countedAt = now();
      backlog = await count();
    },
  };
}

/** Brings the gate's count up to date for this request, through this request's database. */
export function recountBacklog(gate: EdgeBacklogGate) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, logger } = c.get('runtime');
    await gate
      .recountIfStale(() => queueBacklog(db, 'ghl.event'))
      .catch((error) => logger.warn({ err: error }, 'could not count the ghl.event backlog; keeping the last count'));
    await next();
  });
}
