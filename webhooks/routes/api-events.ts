import { ingestApiEvent } from '../../db/use-cases/inbound/ingest-api-event.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { eventRoutes } from '../api/event-routes.ts';

/**
 * `POST /api/v1/events`: a generic CRM event for CRMs other than GHL (docs/crm-events.md).
 * 202: stored and queued; 200 `duplicate` for an id this tenant already sent.
 */
export function apiEventRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(eventRoutes.ingest, async (c) => {
    // The text was read (and cached) before the schema saw the body: these are the bytes as sent.
    const rawBody = await c.req.text();
    const result = await ingestApiEvent(runtime, { tenantId: c.get('tenantId'), event: c.req.valid('json'), rawBody });
    return result.status === 'accepted' ? c.json(result, 202) : c.json(result, 200);
  });
  return app;
}
