import { Hono } from 'hono';
import { createFloodMeter, type FloodMeter } from '../../core/inbound/flood-meter.ts';
import { queueBacklog } from '../../db/queries/readiness.ts';
import { ingestGhlEvent } from '../../db/use-cases/inbound/ingest-ghl-event.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import {
  backlogGate,
  createBacklogGate,
  DEFAULT_GHL_MAX_BACKLOG,
  type BacklogGate,
} from '../middleware/backlog-gate.ts';
import { verifySignature } from '../middleware/verify-signature.ts';

export interface GhlRouteOptions {
  /** Replaces the default `ghl.event` backlog gate (tests pin its count; the edge keeps one per isolate). */
  ghlBacklogGate?: BacklogGate;
  /** Replaces the per-app flood meter: the edge Worker builds an app per request and keeps one meter per isolate. */
  ghlFloodMeter?: FloodMeter;
}

/**
 * `POST /webhooks/ghl` (design.md §3): verified → backlog gate → deduped, stored with its job →
 * 200 with what happened (`accepted`, `duplicate`, `ignored`, `quarantined`). Signed events we
 * cannot use are still answered 200, so GHL neither retries them forever nor pauses our endpoint.
 */
export function ghlRoutes(runtime: Runtime, options: GhlRouteOptions = {}): Hono<AppEnv> {
  const gate =
    options.ghlBacklogGate ??
    createBacklogGate({
      count: () => queueBacklog(runtime.db, 'ghl.event'),
      maxBacklog: DEFAULT_GHL_MAX_BACKLOG,
      onError: (error) =>
        runtime.logger.warn({ err: error }, 'could not count the ghl.event backlog; keeping the last count'),
    });
  const flood = options.ghlFloodMeter ?? createFloodMeter(runtime.env.GHL_LOCATION_EVENTS_PER_MINUTE);
  const app = new Hono<AppEnv>();
  app.post('/webhooks/ghl', verifySignature('ghl', runtime), backlogGate(gate, 'GHL event'), async (c) => {
    const { db, queue, clock, locations, inboundWriter: writer } = runtime;
    const result = await ingestGhlEvent(
      { db, queue, clock, flood, locations, writer },
      {
        rawBody: c.get('rawBody'),
        scheme: c.get('verified').scheme,
        headers: c.get('inboundHeaders'),
      },
    );
    return c.json({ status: result.status, id: result.id, ...(result.reason ? { reason: result.reason } : {}) });
  });
  return app;
}
