import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../core/time/clock.ts';
import { inboundEvents, leads } from '../../db/schema/index.ts';
import { getInboundEvent, listInboundEvents } from '../../db/queries/inbound-events.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { queueBacklog } from '../../db/queries/readiness.ts';
import { replayQuarantined } from '../../db/use-cases/inbound/replay-quarantined.ts';
import { createBacklogGate, type BacklogGate } from '../../webhooks/middleware/backlog-gate.ts';
import { createHarness, fixture, tenantOwning } from './harness.ts';

const LOCATION = 've9EPM428h8vShlRW1KT';
const contact = (over: Record<string, unknown>) => ({ ...fixture('ContactUpdate.json'), ...over });

describe('dedupe, ordering and what we keep', () => {
  it('answers one of five concurrent deliveries of a webhookId as accepted and four as duplicate, with one job and one effect', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, [LOCATION]);
    const body = JSON.stringify({
      ...fixture('NoteCreate.json'),
      webhookId: 'wh-5x',
      timestamp: new Date().toISOString(),
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => h.post(body).then((r) => r.json() as Promise<{ status: string }>)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([
      'accepted',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await h.jobs()).toBe(1);
    await h.drain();
    const rows = await h.rt.db.select().from(inboundEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('processed');
  });

  it('ignores an older contact update that arrives after a newer one', async () => {
    const h = await createHarness();
    const { tenant } = await tenantOwning(h.rt, [LOCATION]);
    await h.post(
      contact({ webhookId: 'wh-new', name: 'Ana Lopez', phone: '(512) 555-0100', dateUpdated: '2026-03-02T10:00:00Z' }),
    );
    await h.drain();
    const res = await h.post(
      contact({
        webhookId: 'wh-old',
        name: 'Ana Old-Name',
        phone: '(512) 555-0199',
        dateUpdated: '2026-03-01T10:00:00Z',
      }),
    );
    expect(await res.json()).toMatchObject({ status: 'accepted' });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    expect(lead).toMatchObject({ name: 'Ana Lopez', phone: '+15125550100' });
    const old = (await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, 'wh-old')))[0];
    expect(old.reason).toContain('older than the one already applied');
  });

  it('stores an unknown event type as ignored and answers 200', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, [LOCATION]);
    const res = await h.post({ type: 'InvoicePaid', locationId: LOCATION, id: 'inv_1', webhookId: 'wh-inv' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ignored', reason: 'unknown GHL event type "InvoicePaid"' });
    expect((await listInboundEvents(h.rt.db, { status: 'ignored' }))[0]).toMatchObject({
      type: 'InvoicePaid',
      eventId: 'wh-inv',
    });
    expect(await h.jobs()).toBe(0);
  });

  it('ignores an event sent more than 72 hours ago, saying why', async () => {
    const h = await createHarness({ clock: fixedClock('2026-03-10T12:00:00Z') });
    await tenantOwning(h.rt, [LOCATION]);
    const res = await h.post(contact({ webhookId: 'wh-late', timestamp: '2026-03-07T11:59:00Z' }));
    expect(await res.json()).toMatchObject({ status: 'ignored', reason: expect.stringContaining('more than 72 h') });
    expect(await h.jobs()).toBe(0);
  });

  it('quarantines schema drift with the field named', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, [LOCATION]);
    const res = await h.post({
      type: 'OpportunityCreate',
      locationId: LOCATION,
      webhookId: 'wh-drift',
      monetaryValue: 'lots',
    });
    const json = (await res.json()) as { status: string; reason: string };
    expect(json.status).toBe('quarantined');
    expect(json.reason).toMatch(/schema drift: OpportunityCreate .*id/);
  });

  it('replays an event quarantined for an unknown location once a tenant owns that location', async () => {
    const h = await createHarness();
    const res = await h.post(contact({ webhookId: 'wh-early', locationId: 'loc_new', name: 'Early Bird' }));
    const first = (await res.json()) as { status: string; id: string; reason: string };
    expect(first).toMatchObject({
      status: 'quarantined',
      reason: expect.stringContaining('unknown GHL location loc_new'),
    });
    expect(await replayQuarantined(h.rt)).toEqual([
      { id: first.id, status: 'quarantined', reason: expect.stringContaining('loc_new') },
    ]);
    expect(await h.jobs()).toBe(0);

    const { tenant } = await h.rt.db.transaction((tx) =>
      createTenant(tx, { name: 'Late Team', ghlLocations: ['loc_new'] }),
    );
    expect(await replayQuarantined(h.rt, { ids: [first.id] })).toEqual([{ id: first.id, status: 'accepted' }]);
    await h.drain();
    expect((await getInboundEvent(h.rt.db, first.id))?.status).toBe('processed');
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    expect(lead.name).toBe('Early Bird');
    // A second replay finds nothing to do: the event is no longer quarantined.
    expect(await replayQuarantined(h.rt, { ids: [first.id] })).toEqual([
      { id: first.id, status: 'skipped', reason: expect.stringContaining('processed') },
    ]);
  });
});

describe('bad requests and back-pressure', () => {
  it('answers malformed JSON with 400 and an oversized body with 413, both as JSON errors', async () => {
    const h = await createHarness();
    const bad = await h.post('{"type": "ContactCreate",');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_json', message: expect.stringContaining('not valid JSON') },
    });
    const huge = await h.post(JSON.stringify({ type: 'NoteCreate', body: 'x'.repeat(1024 * 1024 + 1) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await h.jobs()).toBe(0);
  });

  it('answers 429 with Retry-After while the ghl.event backlog is over the limit, and accepts again once it drains', async () => {
    // Refreshed by hand (refreshMs far away) so the test controls when the cached count moves.
    let gate!: BacklogGate;
    const h = await createHarness({
      routes: (rt) => ({
        ghlBacklogGate: (gate = createBacklogGate({
          count: () => queueBacklog(rt.db, 'ghl.event'),
          maxBacklog: 2,
          refreshMs: 60_000,
        })),
      }),
    });
    await tenantOwning(h.rt, [LOCATION]);
    for (let i = 0; i < 3; i++)
      expect(await (await h.post(contact({ webhookId: `wh-bp-${i}` }))).json()).toMatchObject({ status: 'accepted' });
    await gate.refresh();
    const limited = await h.post(contact({ webhookId: 'wh-bp-3' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(await limited.json()).toMatchObject({
      error: { code: 'too_many_requests', message: expect.stringContaining('backlog is 3') },
    });
    await h.drain();
    await gate.refresh();
    expect(await (await h.post(contact({ webhookId: 'wh-bp-3' }))).json()).toMatchObject({ status: 'accepted' });
  });
});
