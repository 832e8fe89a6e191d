import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts, leads } from '../../db/schema/index.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { raiseAlert } from '../../db/use-cases/alerts/raise-alert.ts';
import { createHarness, fixture, tenantOwning } from '../ghl-ingest/harness.ts';

const LOCATION = 've9EPM428h8vShlRW1KT';
const CONTACT = 'cJAWDskpkJHbRbhAT7bs'; // the fixture opportunity's contact

describe('a deal won or lost in GHL closes the lead’s alerts', () => {
  it('OpportunityStatusUpdate won: the held alert is won, the other open ones dismissed saying why; then the same state again changes nothing', async () => {
    const h = await createHarness();
    const { tenant } = await tenantOwning(h.rt, [LOCATION]);
    const dev = await createAgent(h.rt.db, { tenantId: tenant.id, name: 'Dev', email: 'dev@example.com' });
    const [lead] = await h.rt.db
      .insert(leads)
      .values({ tenantId: tenant.id, ghlContactId: CONTACT, name: 'Ana' })
      .returning();
    const [other] = await h.rt.db
      .insert(leads)
      .values({ tenantId: tenant.id, ghlContactId: 'someone-else', name: 'Ben' })
      .returning();
    const raise = async (leadId: string, type: 'hot_lead' | 'lead_reply') => {
      const result = await h.rt.db.transaction((tx) =>
        raiseAlert(tx, h.rt.queue, {
          tenantId: tenant.id,
          clock: h.rt.clock,
          signal: type === 'hot_lead' ? { type, leadId, score: 91 } : { type, leadId },
        }),
      );
      if (result.outcome !== 'raised') throw new Error(`alert not raised: ${result.outcome}`);
      return result.alert;
    };
    const held = await raise(lead.id, 'hot_lead');
    const open = await raise(lead.id, 'lead_reply');
    const bens = await raise(other.id, 'hot_lead');
    await actOnAlert(h.rt, {
      tenantId: tenant.id,
      alertId: held.id,
      action: { type: 'claim' },
      actor: { id: dev.id, role: 'agent' },
    });

    const won = { ...fixture('OpportunityStatusUpdate.json'), webhookId: 'wh-won', status: 'won' };
    expect((await h.post({ ...won, dateUpdated: new Date().toISOString() })).status).toBe(200);
    await h.drain();
    const status = async (id: string) => (await h.rt.db.select().from(alerts).where(eq(alerts.id, id)))[0];
    expect(await status(held.id)).toMatchObject({ status: 'won', assigneeId: dev.id });
    expect(await status(open.id)).toMatchObject({ status: 'dismissed' });
    expect(await status(bens.id)).toMatchObject({ status: 'open' });
    // GHL told us: nothing is written back to GHL for it.
    const writebacks = await h.rt.queue.boss.findJobs('ghl.writeback', {});
    expect(writebacks.filter((j) => (j.data as { op: string }).op === 'update_opportunity')).toEqual([]);
    const reasons = await h.rt.db.execute(
      sql`select reason from audit_log where entity = 'alert' and entity_id = ${open.id} and action = 'dismiss'`,
    );
    expect((reasons as unknown as { rows: Array<{ reason: string }> }).rows.map((r) => r.reason)).toEqual([
      `deal won on alert #${held.id}`,
    ]);
  });

  it('lost with nobody holding an alert: every open alert of the lead is dismissed with the reason', async () => {
    const h = await createHarness();
    const { tenant } = await tenantOwning(h.rt, [LOCATION]);
    const [lead] = await h.rt.db
      .insert(leads)
      .values({ tenantId: tenant.id, ghlContactId: CONTACT, name: 'Ana' })
      .returning();
    const raised = await h.rt.db.transaction((tx) =>
      raiseAlert(tx, h.rt.queue, {
        tenantId: tenant.id,
        clock: h.rt.clock,
        signal: { type: 'hot_lead', leadId: lead.id, score: 91 },
      }),
    );
    if (raised.outcome !== 'raised') throw new Error('alert not raised');
    const alert = raised.alert;
    const lost = { ...fixture('OpportunityStatusUpdate.json'), webhookId: 'wh-lost', status: 'abandoned' };
    await h.post({ ...lost, dateUpdated: new Date().toISOString() });
    await h.drain();
    const [row] = await h.rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row.status).toBe('dismissed');
  });
});
