import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { parseSendgridEvents } from '../../bots/email/parse-sendgrid-events.ts';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendgridSignature,
} from '../../bots/email/verify-sendgrid-signature.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { getTenant } from '../../db/queries/tenants.ts';

const SCHEME = 'sendgrid-ecdsa-p256';

/**
 * POST /webhooks/sendgrid/events. The ECDSA signature covers timestamp + raw body, so a signed
 * timestamp older (or newer) than WEBHOOK_MAX_AGE_SECONDS is a replay and refused like a bad
 * signature. Each event is stored and queued on its own (dedupe per sg_event_id), all in one
 * transaction: SendGrid retries the whole batch on any non-2xx, and a retry must add nothing.
 */
export function sendgridRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.post('/webhooks/sendgrid/events', async (c) => {
    const rawBody = await c.req.text();
    const signature = c.req.header(SENDGRID_SIGNATURE_HEADER);
    const timestamp = c.req.header(SENDGRID_TIMESTAMP_HEADER);
    const headers = { [SENDGRID_SIGNATURE_HEADER]: signature ?? '', [SENDGRID_TIMESTAMP_HEADER]: timestamp ?? '' };
    const reason = refusal(runtime, rawBody, signature, timestamp);
    if (reason) {
      await recordInboundEvent(runtime.db, {
        provider: 'sendgrid',
        status: 'rejected',
        reason,
        verified: false,
        signatureScheme: SCHEME,
        rawBody,
        headers,
      });
      throw new AppError('invalid_signature', reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw new AppError('invalid_json', 'Body is not valid JSON');
    }
    const { events, rejected } = parseSendgridEvents(body);
    const tenantIds = new Map<string, boolean>();
    for (const e of events) {
      const id = e.customArgs.tenantId;
      // custom_args are ours but travel through a third party: only a real tenant id is trusted as a reference.
      if (id && !tenantIds.has(id)) tenantIds.set(id, Boolean(await getTenant(runtime.db, id)));
    }
    await runtime.db.transaction(async (tx) => {
      for (const e of events) {
        const tenantId = e.customArgs.tenantId && tenantIds.get(e.customArgs.tenantId) ? e.customArgs.tenantId : null;
        const raw = (body as unknown[]).find((r) => (r as { sg_event_id?: string }).sg_event_id === e.sgEventId);
        const stored = await recordInboundEvent(tx, {
          provider: 'sendgrid',
          eventId: e.sgEventId,
          tenantId,
          type: `email.${e.kind}`,
          status: 'accepted',
          verified: true,
          signatureScheme: SCHEME,
          rawBody: JSON.stringify(raw),
          headers,
          occurredAt: e.occurredAt,
        });
        if (!stored.duplicate) await runtime.queue.enqueue('email.event', { inboundEventId: stored.id }, { tx });
      }
      for (const r of rejected) {
        const raw = JSON.stringify(r.raw) ?? 'null';
        await recordInboundEvent(tx, {
          provider: 'sendgrid',
          eventId: `quarantine:${createHash('sha256').update(raw).digest('hex')}`,
          status: 'quarantined',
          reason: r.reason,
          verified: true,
          signatureScheme: SCHEME,
          rawBody: raw,
          headers,
        });
      }
    });
    return c.body(null, 204);
  });
  return app;
}

function refusal(runtime: Runtime, rawBody: string, signature?: string, timestamp?: string): string | null {
  const publicKey = runtime.env.SENDGRID_WEBHOOK_PUBLIC_KEY;
  if (!publicKey) return 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured';
  if (!signature || !timestamp) return `${SENDGRID_SIGNATURE_HEADER} or ${SENDGRID_TIMESTAMP_HEADER} is missing`;
  if (!verifySendgridSignature({ publicKey, payload: rawBody, signature, timestamp }))
    return 'signature does not match';
  const age = Math.abs(runtime.clock.now().getTime() / 1000 - Number(timestamp));
  if (!(age <= runtime.env.WEBHOOK_MAX_AGE_SECONDS))
    return `timestamp is outside the ${runtime.env.WEBHOOK_MAX_AGE_SECONDS}s window (replay?)`;
  return null;
}
