import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { parseSendgridEvents } from '../../bots/email/parse-sendgrid-events.ts';
import { ingestSendgridEvents } from '../../db/use-cases/inbound/ingest-sendgrid.ts';
import { verifySignature } from '../middleware/verify-signature.ts';

/**
 * POST /webhooks/sendgrid/events: verified (ECDSA over timestamp + raw body, inside
 * WEBHOOK_MAX_AGE_SECONDS) → read by `readInboundJson` (NUL removed, nesting capped, else 400) →
 * parsed → every event stored with its job in one transaction → 204.
 */
export function sendgridRoutes(runtime: Runtime) {
  const deps = { db: runtime.db, queue: runtime.queue };
  const app = new Hono<AppEnv>();
  app.post('/webhooks/sendgrid/events', verifySignature('sendgrid', runtime), async (c) => {
    const { value: body } = readInboundJson(c.get('rawBody').toString('utf8'));
    const { events, rejected } = parseSendgridEvents(body);
    const rawOf = (id: string) => (body as unknown[]).find((r) => (r as { sg_event_id?: string }).sg_event_id === id);
    await ingestSendgridEvents(deps, {
      events: events.map((e) => ({ ...e, raw: rawOf(e.sgEventId) })),
      rejected,
      headers: c.get('inboundHeaders'),
    });
    return c.body(null, 204);
  });
  return app;
}
