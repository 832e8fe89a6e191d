import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { defineHandler, jobLane } from '../handler.ts';
import { normalizeGhlEvent } from '../../core/ghl/normalize-ghl-event.ts';
import type { CrmEvent } from '../../core/ghl/crm-event.ts';
import { applyInboundEvent, type Interpretation } from '../../db/use-cases/leads/apply-inbound-event.ts';

/**
 * Re-normalises the stored raw body (not a copy made at ingest), so an event quarantined or
 * ignored by an older build is interpreted by this one when replayed.
 */
export function interpretGhlBody(rawBody: string): Interpretation {
  let payload: unknown;
  try {
    // The one inbound reading (NUL removed, nesting capped): bodies stored before a fix are read as today's are.
    payload = readInboundJson(rawBody, 'stored body').value;
  } catch (error) {
    return { kind: 'quarantined', reason: (error as Error).message };
  }
  const result = normalizeGhlEvent(payload);
  if (result.kind === 'ignored') return { kind: 'ignored', reason: result.reason };
  if (result.kind === 'invalid') return { kind: 'quarantined', reason: result.reason };
  const events: CrmEvent[] = [];
  // A DND update carries the whole contact: apply it as a contact update first, so the lead
  // exists and has the phone/email the consent ledger is keyed by. Its global `dnd` is left to
  // the consent event, where per-channel settings can override it.
  if (result.event.type === 'consent.changed') {
    const contact = normalizeGhlEvent({ ...(payload as object), type: 'ContactUpdate', dnd: undefined });
    if (contact.kind === 'event') events.push(contact.event);
  }
  events.push(result.event);
  return { kind: 'events', events };
}

/** `ghl.event`: one verified GHL webhook stored by POST /webhooks/ghl. */
export default defineHandler('ghl.event', async (data, ctx) => {
  await applyInboundEvent(
    { ...ctx.runtime, log: ctx.runtime.logger },
    { inboundEventId: data.inboundEventId, interpret: (row) => interpretGhlBody(row.rawBody), lane: jobLane(ctx) },
  );
});
