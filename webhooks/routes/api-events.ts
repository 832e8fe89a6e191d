import { Hono } from 'hono';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { ingestApiEvent } from '../ingest/ingest-api-event.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

/**
 * `POST /api/v1/events`: a generic CRM event for CRMs other than GHL (docs/crm-events.md).
 * 202: stored and queued; 200 `duplicate` for an id this tenant already sent.
 */
export function apiEventRoutes(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/v1/events', tenantApiKey(), async (c) => {
    const result = await ingestApiEvent(runtime, { tenantId: c.get('tenantId'), rawBody: await c.req.text() });
    return c.json(result, result.status === 'accepted' ? 202 : 200);
  });
  return app;
}
