import { createTenant } from '../db/queries/tenants.ts';
import { createGroupCommitWriter } from '../db/use-cases/inbound/inbound-writer.ts';
import { ingestApiEvent } from '../db/use-cases/inbound/ingest-api-event.ts';
import { ingestGhlEvent } from '../db/use-cases/inbound/ingest-ghl-event.ts';
import type { Runtime } from '../jobs/runtime.ts';

/*
 * A backlog for worker processes to drain (bench/scale.bench.ts, test/scale/three-workers.test.ts): GHL webhooks
 * of many contacts stored through the ingest path the webhook route uses (group commit, one pg-boss group per
 * contact), and generic CRM events from the API. Nothing here starts a worker.
 */
export const SCALE_LOCATION = 'scaleLocation0000001';

const phone = (contact: number) => `+1512${String(5_000_000 + contact).padStart(7, '0')}`;
export const scaleContactId = (contact: number) => `scale-contact-${contact}`;

/**
 * The n-th webhook of one contact: she is created, then writes, is updated, and an agent answers, in turn. Each
 * message carries its place in her story (`#n`), so a reader can tell the order messages were applied in.
 */
export function contactWebhook(contact: number, n: number): Record<string, unknown> {
  const now = new Date().toISOString();
  const common = { locationId: SCALE_LOCATION, webhookId: `scale-${contact}-${n}`, timestamp: now };
  const contactId = scaleContactId(contact);
  if (n === 0 || n % 4 === 2)
    return {
      ...common,
      type: n === 0 ? 'ContactCreate' : 'ContactUpdate',
      id: contactId,
      firstName: 'Lead',
      lastName: String(contact),
      phone: phone(contact),
      tags: ['buyer', `step-${n}`],
      source: 'Zillow',
      city: 'Austin',
      postalCode: '78704',
      dateAdded: now,
      dateUpdated: now,
    };
  const inbound = n % 4 !== 0;
  return {
    ...common,
    type: inbound ? 'InboundMessage' : 'OutboundMessage',
    contactId,
    messageId: `scale-msg-${contact}-${n}`,
    conversationId: `scale-conv-${contact}`,
    body: inbound ? `#${n} Is the house on Elm still available?` : `#${n} Yes, want to see it Sunday?`,
    direction: inbound ? 'inbound' : 'outbound',
    messageType: 'SMS',
    status: 'delivered',
    dateAdded: now,
    ...(inbound ? {} : { userId: 'scale-agent-user' }),
  };
}

export interface ScaleBacklog {
  tenantId: string;
  /** `ghl.event` jobs stored. */
  ghlEvents: number;
  /** `crm.event` jobs stored. */
  crmEvents: number;
}

/**
 * Stores `contacts` × `eventsPerContact` GHL webhooks (each contact's in order, `streams` contacts at a time, so
 * the group-commit writer batches many contacts per transaction) and `crmEvents` generic CRM contact events.
 */
export async function seedScaleBacklog(
  rt: Pick<Runtime, 'db' | 'queue' | 'clock'>,
  input: { contacts: number; eventsPerContact: number; crmEvents?: number; streams?: number },
): Promise<ScaleBacklog> {
  const { tenant } = await createTenant(rt.db, { name: 'Scale Realty', ghlLocations: [SCALE_LOCATION] });
  const writer = createGroupCommitWriter({ db: rt.db, queue: rt.queue });
  let next = 0;
  let ghlEvents = 0;
  const stream = async () => {
    for (let contact = next++; contact < input.contacts; contact = next++)
      for (let n = 0; n < input.eventsPerContact; n++) {
        const rawBody = Buffer.from(JSON.stringify(contactWebhook(contact, n)));
        const stored = await ingestGhlEvent({ ...rt, writer }, { rawBody, scheme: 'internal', headers: {} });
        if (stored.status !== 'accepted') throw new Error(`scale seed: webhook ${contact}/${n} ${stored.status}`);
        ghlEvents++;
      }
  };
  await Promise.all(Array.from({ length: input.streams ?? 32 }, stream));
  const crmEvents = input.crmEvents ?? 0;
  for (let i = 0; i < crmEvents; i++) {
    const event = {
      id: `scale-crm-${i}`,
      occurredAt: new Date().toISOString(),
      type: 'contact.upserted' as const,
      contact: { id: `scale-api-contact-${i}`, firstName: 'Api', lastName: String(i), tags: ['import'] },
    };
    await ingestApiEvent(rt, { tenantId: tenant.id, event, rawBody: JSON.stringify(event) });
  }
  return { tenantId: tenant.id, ghlEvents, crmEvents };
}
