import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { alerts, consentEvents, leads, opportunities, savedSearches } from '../../db/schema/index.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { writebackRef } from '../../db/queries/ghl-writeback-ops.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import { raiseAlert } from '../../db/use-cases/alerts/raise-alert.ts';
import { createHarness, fixture, tenantOwning } from './harness.ts';

const LOCATION = 'l1C08ntBrFjLS0elLIYU';
const CONTACT = 'cI08i1Bls3iTB9bKgFJh';
const now = () => new Date().toISOString();

async function setup(settings: Record<string, unknown> = {}) {
  const h = await createHarness();
  const { tenant, apiKey } = await tenantOwning(h.rt, [LOCATION, 've9EPM428h8vShlRW1KT'], settings);
  return { h, tenant, apiKey };
}

describe('what CRM activity does to leads and alerts', () => {
  it('raises a lead_reply alert when the lead writes in, once per message', async () => {
    const { h, tenant } = await setup();
    const inbound = {
      ...fixture('InboundMessage.sms.json'),
      messageId: 'msg_in_1',
      webhookId: 'wh-in-1',
      timestamp: now(),
    };
    await h.post(inbound);
    await h.drain();
    // GHL redelivering the same message under a new webhookId adds no second activity or alert.
    await h.post({ ...inbound, webhookId: 'wh-in-2' });
    await h.drain();
    const rows = await h.rt.db.select().from(alerts).where(eq(alerts.tenantId, tenant.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'lead_reply', status: 'open' });
    expect(await h.jobs('alert.route')).toBe(1);
  });

  it("moves the lead's claimed alert to contacted when an agent texts the lead from GHL, and assigns an open one to that agent first", async () => {
    const { h, tenant } = await setup();
    const maria = await createAgent(h.rt.db, {
      tenantId: tenant.id,
      name: 'Maria',
      email: 'maria@example.com',
      ghlUserId: 'ghl_user_maria',
    });
    const [lead] = await h.rt.db
      .insert(leads)
      .values({ tenantId: tenant.id, ghlContactId: CONTACT, name: 'Ana' })
      .returning();
    const raise = (type: 'lead_reply' | 'hot_lead') =>
      h.rt.db.transaction((tx) =>
        raiseAlert(tx, h.rt.queue, {
          tenantId: tenant.id,
          clock: h.rt.clock,
          signal: type === 'hot_lead' ? { type, leadId: lead.id, score: 92 } : { type, leadId: lead.id },
        }),
      );
    const claimed = await raise('lead_reply');
    const open = await raise('hot_lead');
    if (claimed.outcome !== 'raised' || open.outcome !== 'raised') throw new Error('alerts not raised');
    await actOnAlert(h.rt, {
      tenantId: tenant.id,
      alertId: claimed.alert.id,
      action: { type: 'claim' },
      actor: { id: maria.id, role: 'agent' },
    });

    const outbound = {
      ...fixture('OutboundMessage.sms__DOC_BUG_direction_inbound.json'),
      messageId: 'msg_out_1',
      userId: 'ghl_user_maria',
      webhookId: 'wh-out-1',
      timestamp: now(),
    };
    await h.post(outbound);
    await h.drain();
    const after = await h.rt.db.select().from(alerts).where(eq(alerts.leadId, lead.id));
    expect(after.map((a) => [a.kind, a.status, a.assigneeId]).sort()).toEqual([
      ['hot_lead', 'contacted', maria.id],
      ['lead_reply', 'contacted', maria.id],
    ]);
    const [fresh] = await h.rt.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(fresh.lastHumanContactAt).not.toBeNull();
    // Our own claim is written back to GHL by default; the assignment GHL itself reported is not echoed back.
    const notes = (await h.rt.queue.boss.findJobs('ghl.writeback', {}))
      .map((j) => j.data as { op: string; args: { ref?: string } })
      .filter((d) => d.op === 'add_note')
      .map((d) => d.args.ref);
    expect(notes).toEqual([writebackRef(`alert:${claimed.alert.id}:claim:${maria.id}`)]);
  });

  it('does not count a workflow message as human contact', async () => {
    const { h, tenant } = await setup();
    const wf = {
      ...fixture('OutboundMessage.sms__DOC_BUG_direction_inbound.json'),
      source: 'workflow',
      messageId: 'msg_wf',
      webhookId: 'wh-wf',
      timestamp: now(),
    };
    await h.post(wf);
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    expect(lead.lastHumanContactAt).toBeNull();
  });

  it("maps custom fields through the tenant's ghlFieldMap into budget, timeline, areas, beds and pre-approval", async () => {
    const { h, tenant } = await setup({
      ghlFieldMap: {
        f_budget: 'budgetMax',
        f_when: 'timelineMonths',
        f_areas: 'areas',
        f_beds: 'beds',
        f_pre: 'preApproved',
        f_type: 'propertyType',
      },
    });
    await h.post({
      ...fixture('ContactCreate.json'),
      webhookId: 'wh-cf',
      phone: '512-555-0142',
      dnd: false,
      customFields: [
        { id: 'f_budget', value: '$450k' },
        { id: 'f_when', value: '3-6 months' },
        { id: 'f_areas', value: 'Austin, Round Rock' },
        { id: 'f_beds', value: '3+' },
        { id: 'f_pre', value: 'Yes' },
        { id: 'f_type', value: 'Single Family' },
        { id: 'f_other', value: 'kept raw' },
      ],
    });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    expect(lead).toMatchObject({
      phone: '+15125550142',
      budgetMax: 450_000,
      timelineMonths: 3,
      areas: ['Austin', 'Round Rock'],
      beds: 3,
      preApproved: true,
      propertyType: 'Single Family',
    });
    expect(lead.customFields).toMatchObject({ f_other: 'kept raw' });
    // The same fields become the lead's saved search, and matching is queued for it.
    const [search] = await h.rt.db.select().from(savedSearches).where(eq(savedSearches.leadId, lead.id));
    expect(search).toMatchObject({
      origin: 'ghl',
      maxPrice: 450_000,
      minBeds: 3,
      cities: ['Austin', 'Round Rock'],
      propertySubTypes: ['SingleFamilyResidence'],
    });
    const jobs = await h.rt.queue.boss.findJobs('listing.match', {});
    expect(jobs.map((j) => j.data)).toContainEqual({
      direction: 'search',
      tenantId: tenant.id,
      savedSearchId: search.id,
    });
    // A redelivered contact with the same fields changes nothing and queues no second match.
    await h.post({
      ...fixture('ContactUpdate.json'),
      id: lead.ghlContactId,
      webhookId: 'wh-cf-2',
      customFields: [{ id: 'f_budget', value: '$450k' }],
    });
    await h.drain();
    expect(await h.rt.db.select().from(savedSearches).where(eq(savedSearches.leadId, lead.id))).toHaveLength(1);
    expect((await h.rt.queue.boss.findJobs('listing.match', {})).length).toBe(jobs.length);
  });

  it('keeps won/lost as the training label through later edits, and clears it on reopen', async () => {
    const { h, tenant } = await setup();
    const opp = (webhookId: string, status: string, dateUpdated: string, type = 'OpportunityStatusUpdate') => ({
      ...fixture('OpportunityStatusUpdate.json'),
      type,
      webhookId,
      status,
      dateUpdated,
    });
    await h.post(opp('wh-o1', 'won', '2026-03-01T10:00:00Z'));
    await h.drain();
    await h.post(opp('wh-o2', 'won', '2026-03-02T10:00:00Z', 'OpportunityMonetaryValueUpdate'));
    await h.post(opp('wh-o0', 'open', '2026-02-01T10:00:00Z')); // older, out of order: ignored
    await h.drain();
    const [row] = await h.rt.db.select().from(opportunities).where(eq(opportunities.tenantId, tenant.id));
    expect(row).toMatchObject({ status: 'won', outcome: 'won' });
    await h.post(opp('wh-o3', 'open', '2026-03-03T10:00:00Z'));
    await h.drain();
    const [reopened] = await h.rt.db.select().from(opportunities).where(eq(opportunities.tenantId, tenant.id));
    expect(reopened).toMatchObject({ status: 'open', outcome: null });
  });

  it('lifting GHL DND does not override a STOP the lead texted', async () => {
    const { h, tenant } = await setup();
    await setConsent(h.rt.db, {
      tenantId: tenant.id,
      channel: 'sms',
      address: '+919509597501',
      status: 'opted_out',
      source: 'sms_keyword',
      reason: 'STOP',
    });
    await h.post({ ...fixture('ContactUpdate.json'), webhookId: 'wh-dnd-off', dnd: false });
    await h.drain();
    expect(await isSendAllowed(h.rt.db, tenant.id, 'sms', '+919509597501')).toBe(false);
    const ledger = await h.rt.db
      .select()
      .from(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenant.id), eq(consentEvents.channel, 'sms')));
    expect(ledger.map((e) => e.source)).toEqual(['sms_keyword']);
  });
});

describe('POST /api/v1/events (generic CRM)', () => {
  const event = (over: Record<string, unknown> = {}) => ({
    id: 'evt_1',
    type: 'contact.upserted',
    occurredAt: '2026-03-01T10:00:00Z',
    contact: {
      id: 'crm_c_1',
      name: 'Bo Diaz',
      phone: '+1 512 555 0177',
      email: 'Bo@Example.com',
      tags: ['buyer'],
      postalCode: '78704',
    },
    ...over,
  });
  const send = (app: Awaited<ReturnType<typeof createHarness>>['app'], apiKey: string, body: unknown) =>
    app.request('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('stores the event with a crm.event job and applies it like a GHL contact', async () => {
    const { h, tenant, apiKey } = await setup();
    const res = await send(h.app, apiKey, event());
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'accepted' });
    expect(await (await send(h.app, apiKey, event())).json()).toMatchObject({ status: 'duplicate' });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    expect(lead).toMatchObject({
      ghlContactId: 'crm_c_1',
      name: 'Bo Diaz',
      phone: '+15125550177',
      email: 'bo@example.com',
      postalCode: '78704',
    });
    const reply = await send(h.app, apiKey, {
      id: 'evt_2',
      type: 'message.received',
      occurredAt: now(),
      message: { id: 'm1', contactId: 'crm_c_1', channel: 'sms', body: 'Is it still available?' },
    });
    expect(reply.status).toBe(202);
    await h.drain();
    expect((await h.rt.db.select().from(alerts).where(eq(alerts.tenantId, tenant.id)))[0]).toMatchObject({
      kind: 'lead_reply',
    });
  });

  it('names the problem in a 422 and needs an API key', async () => {
    const { h, apiKey } = await setup();
    const bad = await send(h.app, apiKey, event({ occurredAt: 'yesterday', contact: { name: 'x' } }));
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/occurredAt/);
    expect(error.message).toMatch(/contact\.id/);
    expect((await send(h.app, 'wrong', event())).status).toBe(401);
    expect(await h.jobs('crm.event')).toBe(0);
  });
});
