import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createHarness, type Harness } from '../sms-email/harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { findEverywhere } from './pii-scan.ts';
import { alerts, auditLog, deliveries, leadActivities, leadMessages, leads } from '../../db/schema/index.ts';
import { createAgent, createTenant } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { getConsent, isSendAllowed } from '../../db/queries/consent.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import { smsChannel } from '../../bots/sms/sms-channel.ts';
import { normalizeGhlEvent } from '../../core/ghl/normalize-ghl-event.ts';
import { applyCrmEvent } from '../../db/queries/crm-apply/apply-crm-event.ts';
import { applyGhlContact } from '../../db/queries/ghl-reconcile.ts';

const ANA = { name: 'Ana Lopez', phone: '+15125550177', national: '5125550177', email: 'ana.lopez@example.com' };
const CONTACT_ID = 'ghlAnaLopez0001';

/** Ana texts the team, qualifies through the SMS assistant, is synced from GHL, gets an agent alert, then says STOP. */
async function anaWithHistory(h: Harness) {
  for (const text of ['Hi, this is Ana Lopez, looking to buy a house', 'around 450k', 'Austin or 78704', 'yes']) {
    await h.text(ANA.phone, text);
    await h.drain('sms.inbound');
  }
  const [lead] = await h.rt.db.select().from(leads).where(eq(leads.phone, ANA.phone));
  // What applying GHL's ContactCreate leaves behind: the contact's fields on the lead and the stored webhook.
  await h.rt.db
    .update(leads)
    .set({ name: ANA.name, firstName: 'Ana', lastName: 'Lopez', email: ANA.email, ghlContactId: CONTACT_ID })
    .where(eq(leads.id, lead.id));
  const contact = JSON.parse(readFileSync(new URL('../fixtures/ghl/ContactCreate.json', import.meta.url), 'utf8'));
  await recordInboundEvent(h.rt.db, {
    provider: 'ghl',
    eventId: 'wh-ana-create',
    tenantId: h.tenant.id,
    type: 'ContactCreate',
    status: 'processed',
    verified: true,
    rawBody: JSON.stringify({
      ...contact,
      id: CONTACT_ID,
      name: ANA.name,
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'Ana.Lopez@example.com',
      phone: ANA.phone,
    }),
  });
  const [hot] = await h.rt.db.select().from(alerts).where(eq(alerts.leadId, lead.id));
  // An agent's texted summary of the alert names her.
  await h.rt.db.insert(deliveries).values({
    tenantId: h.tenant.id,
    alertId: hot.id,
    idempotencyKey: `${hot.id}:sms:agent`,
    channel: 'sms',
    recipient: '+15125550999',
    recipientKind: 'agent',
    status: 'sent',
    body: `Hot lead: ${ANA.name} (${ANA.phone}, ${ANA.email}) is pre-approved`,
  });
  await h.text(ANA.phone, 'STOP');
  return lead;
}

const countOf = async (h: Harness, table: typeof alerts | typeof leadActivities, leadId: string) =>
  (await h.rt.db.select({ n: count() }).from(table).where(eq(table.leadId, leadId)))[0].n;

describe('forgetting a lead', () => {
  it('leaves her name, phone and email in no table, keeps the counts, and her STOP still holds', async () => {
    const h = await createHarness({ clock: fixedClock('2026-06-11T04:10:00Z') });
    const lead = await anaWithHistory(h);
    const bob = await createLead(h.rt.db, { tenantId: h.tenant.id, name: 'Robert Fairbanks', phone: '+15125550188' });
    const before = { alerts: await countOf(h, alerts, lead.id), activities: await countOf(h, leadActivities, lead.id) };
    expect(before.alerts).toBeGreaterThan(0);
    expect(before.activities).toBeGreaterThan(4);
    const failedSend = await h.rt.queue.boss.send('sms.send', { tenantId: h.tenant.id, deliveryId: 'gone' });
    await h.rt.queue.boss.fail('sms.send', failedSend!, {
      message: `Twilio 21614: 'To' number ${ANA.phone} is not a mobile number`,
    });
    expect(await findEverywhere(h.rt, ANA.name)).not.toEqual([]);
    expect(await findEverywhere(h.rt, ANA.national)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^consents\.address/),
        expect.stringMatching(/^inbound_events/),
        // A provider's refusal kept with a failed job can quote her number.
        expect.stringMatching(/^pgboss\.job\.output/),
      ]),
    );
    const repliesBefore = await h.rt.db.select().from(leadMessages).where(eq(leadMessages.leadId, lead.id));
    expect(repliesBefore.length).toBeGreaterThan(0);

    const admin = await createAgent(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Ines',
      email: 'ines@hc.test',
      role: 'admin',
    });
    const { apiKey } = await issueAgentKey(h.rt, { tenantId: h.tenant.id, agentId: admin.id, actor: { kind: 'cli' } });
    const res = await h.app.request(`/api/v1/leads/${lead.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: lead.id,
      forgotten: true,
      scrubbed: { consents: expect.any(Number) },
    });

    for (const needle of [ANA.name, ANA.phone, ANA.national, ANA.email])
      expect(await findEverywhere(h.rt, needle), needle).toEqual([]);
    // Robert was not touched.
    expect(await findEverywhere(h.rt, 'Robert Fairbanks')).toEqual(['leads.name (1)']);
    expect((await h.rt.db.select().from(leads).where(eq(leads.id, bob.id)))[0].phone).toBe('+15125550188');

    expect(await countOf(h, alerts, lead.id)).toBe(before.alerts);
    expect(await countOf(h, leadActivities, lead.id)).toBe(before.activities);
    const [forgotten] = await h.rt.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(forgotten).toMatchObject({ name: '', phone: null, email: null, ghlContactId: CONTACT_ID });
    const audit = await h.rt.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'lead'), eq(auditLog.entityId, lead.id), eq(auditLog.action, 'forgotten')));
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(admin.id);

    // GHL still holds the contact: its next update and the nightly reconcile do not bring her back.
    const ghlCopy = { id: CONTACT_ID, name: ANA.name, firstName: 'Ana', lastName: 'Lopez', email: ANA.email };
    const update = normalizeGhlEvent({
      ...JSON.parse(readFileSync(new URL('../fixtures/ghl/ContactCreate.json', import.meta.url), 'utf8')),
      ...ghlCopy,
      phone: ANA.phone,
      type: 'ContactUpdate',
      webhookId: 'wh-ana-update-after-forget',
      dateUpdated: '2026-06-12T09:00:00.000Z',
    });
    if (update.kind !== 'event') throw new Error(`fixture did not normalise: ${JSON.stringify(update)}`);
    const applied = await h.rt.db.transaction((tx) =>
      applyCrmEvent(
        tx,
        { tenantId: h.tenant.id, settings: h.tenant.settings, clock: h.rt.clock, source: 'ghl' },
        update.event,
      ),
    );
    expect(applied).toMatchObject({ outcome: 'stale', detail: expect.stringContaining('forgotten') });
    const reconciled = await applyGhlContact(h.rt.db, {
      tenantId: h.tenant.id,
      locationId: 'loc-hc',
      contact: { ...ghlCopy, phone: ANA.phone, dateUpdated: '2026-06-13T09:00:00.000Z' } as never,
    });
    expect(reconciled).toEqual({ outcome: 'unchanged', leadId: lead.id });
    for (const needle of [ANA.name, ANA.phone, ANA.email])
      expect(await findEverywhere(h.rt, needle), `${needle} after GHL sent her again`).toEqual([]);

    // Her STOP outlives her data: the number is still opted out, and when GHL sends her number again a
    // listing text to it goes nowhere.
    expect(await getConsent(h.rt.db, h.tenant.id, 'sms', ANA.phone)).toMatchObject({ status: 'opted_out' });
    expect(await isSendAllowed(h.rt.db, h.tenant.id, 'sms', ANA.phone)).toBe(false);
    await h.rt.db.update(leads).set({ phone: ANA.phone, deletedAt: null }).where(eq(leads.id, lead.id));
    const sentBefore = h.sms.length;
    const alert = (await insertAlert(h.rt.db, {
      tenantId: h.tenant.id,
      kind: 'listing_match',
      priority: 'normal',
      leadId: lead.id,
      listingKey: 'L-7',
      dedupeKey: 'after-forget',
      reason: 'listing matches at 90',
      expiresAt: new Date('2030-01-01'),
    }))!;
    const result = await smsChannel.deliverAlert(h.rt, {
      tenant: h.tenant,
      recipient: ANA.phone,
      recipientKind: 'lead',
      idempotencyKey: `${alert.id}:sms:${ANA.phone}`,
      view: {
        alertId: alert.id,
        kind: 'listing_match',
        priority: 'normal',
        status: 'open',
        reason: 'listing matches at 90',
        lead: { name: 'Lead', score: 60, temperature: 'warm' },
        listing: { listingKey: 'L-7', address: '1204 Elm St', price: 589000, beds: 3, baths: 2 },
      },
    });
    expect(result).toMatchObject({ status: 'suppressed' });
    expect(h.sms.length).toBe(sentBefore);
    // A new START from her is a new consent and wins over the remembered STOP.
    await h.text(ANA.phone, 'START');
    expect(await isSendAllowed(h.rt.db, h.tenant.id, 'sms', ANA.phone)).toBe(true);
  }, 120_000);

  it('DELETE /api/v1/leads/:id: agent or manager 403, another team 404, nothing changes', async () => {
    const h = await createHarness();
    const lead = await createLead(h.rt.db, { tenantId: h.tenant.id, name: 'Ana Lopez', phone: ANA.phone });
    const keyFor = async (role: 'agent' | 'manager') => {
      const agent = await createAgent(h.rt.db, { tenantId: h.tenant.id, name: role, email: `${role}@hc.test`, role });
      return (await issueAgentKey(h.rt, { tenantId: h.tenant.id, agentId: agent.id, actor: { kind: 'cli' } })).apiKey;
    };
    const other = await createTenant(h.rt.db, { name: 'Other Team' });
    const del = (key: string) =>
      h.app.request(`/api/v1/leads/${lead.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });

    expect((await del(await keyFor('agent'))).status).toBe(403);
    expect((await del(await keyFor('manager'))).status).toBe(403);
    const notFound = await del(other.apiKey);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await h.rt.db.select().from(leads).where(eq(leads.id, lead.id)))[0]).toMatchObject({
      name: 'Ana Lopez',
      phone: ANA.phone,
    });
  }, 60_000);
});
