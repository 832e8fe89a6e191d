import { secretKeys } from '../../core/config/load-env.ts';
import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { ApiCrmEvent, apiEventToCrmEvent } from '../../core/ghl/api-crm-event.ts';
import type { InboundEvent } from '../../db/queries/inbound-events.ts';
import { applyInboundEvent, type Interpretation } from '../../db/use-cases/leads/apply-inbound-event.ts';
import { defineHandler, jobLane } from '../handler.ts';

/** A body posted to `POST /api/v1/events`, in the engine's event vocabulary. */
export function interpretApiBody(row: InboundEvent): Interpretation {
  let body: unknown;
  try {
    body = readInboundJson(row.rawBody, 'stored body').value;
  } catch (error) {
    return { kind: 'quarantined', reason: (error as Error).message };
  }
  const parsed = ApiCrmEvent.safeParse(body);
  if (!parsed.success)
    return {
      kind: 'quarantined',
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  return { kind: 'events', events: [apiEventToCrmEvent(parsed.data)] };
}

/** `crm.event`: events posted to `POST /api/v1/events` by a non-GHL CRM. */
export default defineHandler('crm.event', async (data, ctx) => {
  await applyInboundEvent(
    { ...ctx.runtime, log: ctx.runtime.logger, leadPageSecret: secretKeys(ctx.runtime.env) },
    { inboundEventId: data.inboundEventId, interpret: interpretApiBody, lane: jobLane(ctx) },
  );
});
