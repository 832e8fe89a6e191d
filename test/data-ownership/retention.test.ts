import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { deliveries, inboundEvents, leadMessages } from '../../db/schema/index.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import type { Runtime } from '../../jobs/runtime.ts';

const NOW = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const FORM = 'From=%2B15125550177&Body=Is+1204+Elm+St+still+available%3F';

async function webhook(rt: Runtime, tenantId: string, status: string, days: number) {
  const [row] = await rt.db
    .insert(inboundEvents)
    .values({
      provider: 'twilio',
      eventId: `SM-${tenantId}-${status}-${days}`,
      tenantId,
      type: 'sms',
      status,
      verified: true,
      rawBody: FORM,
      headers: { 'x-twilio-signature': 'sig' },
      receivedAt: daysAgo(days),
    })
    .returning();
  return row.id;
}

async function textToLead(rt: Runtime, tenantId: string, leadId: string, status: string, days: number) {
  const [row] = await rt.db
    .insert(deliveries)
    .values({
      tenantId,
      idempotencyKey: `msg-${tenantId}-${status}-${days}`,
      channel: 'sms',
      recipient: '+15125550177',
      recipientKind: 'lead',
      status,
      body: 'Hi Ana, 1204 Elm St just dropped to $589,000',
      createdAt: daysAgo(days),
    })
    .returning();
  await rt.db.insert(leadMessages).values({
    deliveryId: row.id,
    tenantId,
    leadId,
    purpose: 'listing',
    body: 'Hi Ana, 1204 Elm St just dropped to $589,000',
  });
  return row.id;
}

const eventBody = async (rt: Runtime, id: string) =>
  (await rt.db.select().from(inboundEvents).where(eq(inboundEvents.id, id)))[0];
const said = async (rt: Runtime, id: string) => ({
  delivery: (await rt.db.select().from(deliveries).where(eq(deliveries.id, id)))[0].body,
  message: (await rt.db.select().from(leadMessages).where(eq(leadMessages.deliveryId, id)))[0].body,
});

describe('retention of raw bodies and delivery payloads (maintenance)', () => {
  it("blanks what is past the team's window; newer, unfinished and longer-kept rows stay", async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW) });
    const { tenant: standard } = await createTenant(rt.db, { name: 'Default windows' });
    const { tenant: keeper } = await createTenant(rt.db, {
      name: 'Keeps a year',
      settings: { retention: { rawBodiesDays: 365, deliveryPayloadsDays: 365 } },
    });
    const ana = await createLead(rt.db, { tenantId: standard.id, name: 'Ana', phone: '+15125550177' });
    const bea = await createLead(rt.db, { tenantId: keeper.id, name: 'Bea', phone: '+15125550178' });

    const oldProcessed = await webhook(rt, standard.id, 'processed', 31);
    const recentProcessed = await webhook(rt, standard.id, 'processed', 29);
    const oldQuarantined = await webhook(rt, standard.id, 'quarantined', 200);
    const oldAccepted = await webhook(rt, standard.id, 'accepted', 200);
    const keeperProcessed = await webhook(rt, keeper.id, 'processed', 200);
    const oldSent = await textToLead(rt, standard.id, ana.id, 'delivered', 91);
    const recentSent = await textToLead(rt, standard.id, ana.id, 'sent', 89);
    const oldDeferred = await textToLead(rt, standard.id, ana.id, 'deferred', 120);
    const keeperSent = await textToLead(rt, keeper.id, bea.id, 'delivered', 200);

    await rt.queue.enqueue('maintenance', {});
    expect(await drainJobs(rt, ['maintenance'])).toEqual({ maintenance: 1 });

    expect(await eventBody(rt, oldProcessed)).toMatchObject({ rawBody: '', headers: {}, status: 'processed' });
    for (const kept of [recentProcessed, oldQuarantined, oldAccepted, keeperProcessed])
      expect(await eventBody(rt, kept)).toMatchObject({ rawBody: FORM, headers: { 'x-twilio-signature': 'sig' } });

    expect(await said(rt, oldSent)).toEqual({ delivery: null, message: null });
    for (const kept of [recentSent, oldDeferred, keeperSent])
      expect(await said(rt, kept)).toEqual({
        delivery: 'Hi Ana, 1204 Elm St just dropped to $589,000',
        message: 'Hi Ana, 1204 Elm St just dropped to $589,000',
      });
    // The rows themselves stay, so every count does.
    expect(await rt.db.select().from(deliveries).where(eq(deliveries.tenantId, standard.id))).toHaveLength(3);
  }, 60_000);
});
