import { createHash } from 'node:crypto';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { writeInboundBatch, type InboundWrite } from './write-inbound-batch.ts';
import { getTenant } from '../../queries/tenants.ts';

const SCHEME = 'sendgrid-ecdsa-p256';

/** One parsed Event Webhook event: the fields ingest needs (the parser lives with the email channel). */
export interface SendgridInboundEvent {
  sgEventId: string;
  kind: string;
  occurredAt: Date;
  /** Echoed custom_args; `tenantId` is ours but travelled through a third party. */
  customArgs: Record<string, string>;
  /** The event as SendGrid sent it, stored as its raw body. */
  raw: unknown;
}

export interface IngestSendgridInput {
  events: SendgridInboundEvent[];
  /** Entries of the batch we could not read, kept as quarantined with why. */
  rejected: Array<{ raw: unknown; reason: string }>;
  headers: Record<string, string>;
}

/**
 * A verified Event Webhook batch (`POST /webhooks/sendgrid/events`). Each event is stored and
 * queued on its own (dedupe per sg_event_id), all in one transaction: SendGrid retries the whole
 * batch on any non-2xx, and a retry must add nothing.
 * @example await ingestSendgridEvents({ db, queue }, { events, rejected, headers })
 */
export async function ingestSendgridEvents(
  deps: { db: Db; queue: JobQueue },
  input: IngestSendgridInput,
): Promise<{ accepted: number; duplicates: number; quarantined: number }> {
  // Only a real tenant id is trusted as a reference; looked up once per id, before the transaction.
  const known = new Map<string, boolean>();
  for (const e of input.events) {
    const id = e.customArgs.tenantId;
    if (id && !known.has(id)) known.set(id, Boolean(await getTenant(deps.db, id)));
  }
  const stored = { provider: 'sendgrid', verified: true, signatureScheme: SCHEME, headers: input.headers };
  const writes: InboundWrite[] = input.events.map((e) => ({
    event: {
      ...stored,
      eventId: e.sgEventId,
      tenantId: e.customArgs.tenantId && known.get(e.customArgs.tenantId) ? e.customArgs.tenantId : null,
      type: `email.${e.kind}`,
      status: 'accepted',
      rawBody: JSON.stringify(e.raw),
      occurredAt: e.occurredAt,
    },
    job: { queue: 'email.event', lane: 'bulk' },
  }));
  for (const r of input.rejected) {
    const raw = JSON.stringify(r.raw) ?? 'null';
    // No id to dedupe on: the content is the id, so a retried batch stores it once.
    const eventId = `quarantine:${createHash('sha256').update(raw).digest('hex')}`;
    writes.push({ event: { ...stored, eventId, status: 'quarantined', reason: r.reason, rawBody: raw } });
  }
  // The POST is already a batch: written as one, through the same writer as every other inbound event.
  const recorded = await writeInboundBatch(deps, writes);
  const accepted = recorded.slice(0, input.events.length).filter((r) => !r.duplicate).length;
  return { accepted, duplicates: input.events.length - accepted, quarantined: input.rejected.length };
}
