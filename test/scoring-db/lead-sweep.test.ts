import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../core/scoring/default-model.ts';
import { extractFeatures } from '../../core/scoring/lead-features.ts';
import { LeadSnapshot } from '../../core/scoring/lead-snapshot.ts';
import { scoreLead } from '../../core/scoring/score-lead.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { createLead, getLead, type Lead } from '../../db/queries/leads.ts';
import { alerts, auditLog, leadActivities } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { seedTenant } from './seed.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// 09:20 in Chicago (the team's zone): past the 06:00 the day's sweep waits for.
const T0 = new Date('2026-03-10T14:20:00Z').getTime();

/** The hourly cron tick and everything it queues: the team's sweep pages and the alerts' routing. */
async function sweep(rt: Runtime) {
  await rt.queue.enqueue('lead.sweep', {});
  return drainJobs(rt, ['lead.sweep', 'alert.route']);
}

let seq = 0;
async function activity(
  rt: Runtime,
  lead: { tenantId: string; id: string },
  at: Date,
  fields: { kind: string; direction?: 'inbound' | 'outbound'; human?: boolean },
) {
  await rt.db.insert(leadActivities).values({
    tenantId: lead.tenantId,
    leadId: lead.id,
    ...fields,
    source: 'test',
    externalId: `act-${++seq}`,
    occurredAt: at,
  });
}

const staleAlerts = (rt: Runtime, leadId: string) =>
  rt.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.leadId, leadId), eq(alerts.kind, 'stale_lead')));

/** Pre-approved, buying within a month, a referral: warm from her profile alone. */
const warmProfile = { source: 'Referral from past client', preApproved: true, timelineMonths: 1 };

describe('the daily lead sweep', () => {
  it('warm lead uncontacted N days: one stale alert, none next day, one again N days after a new call', async () => {
    const clock = fixedClock(new Date(T0));
    const rt = await createTestRuntime({ clock });
    const { tenant } = await seedTenant(rt, 'Oak Street Realty', { alerts: { staleAfterDays: 4 } });
    const n = (await getTenant(rt.db, tenant.id))!.settings.alerts.staleAfterDays;
    const lead = await createLead(rt.db, {
      tenantId: tenant.id,
      name: 'Ana Ruiz',
      ...warmProfile,
      createdAt: new Date(T0 - 10 * DAY),
    });
    // She saved a home and wrote, and an agent called her back, an hour before day 0.
    await activity(rt, lead, new Date(T0 - HOUR), { kind: 'listing_save' });
    await activity(rt, lead, new Date(T0 - HOUR), { kind: 'message', direction: 'inbound' });
    await activity(rt, lead, new Date(T0 - HOUR), { kind: 'call', direction: 'outbound', human: true });

    const countsByDay: number[] = [];
    const contactDay = n + 2;
    for (let day = 1; day <= contactDay + n; day++) {
      clock.set(new Date(T0 + day * DAY));
      if (day === contactDay)
        await activity(rt, lead, new Date(T0 + day * DAY - HOUR), { kind: 'call', direction: 'outbound', human: true });
      await sweep(rt);
      countsByDay.push((await staleAlerts(rt, lead.id)).length);
    }
    // Day d is index d − 1: nothing before day N, one from day N on, a second from contact day + N.
    const expected = countsByDay.map((_, i) => {
      const day = i + 1;
      return (day >= n ? 1 : 0) + (day >= contactDay + n ? 1 : 0);
    });
    expect(countsByDay).toEqual(expected);
    const rows = await staleAlerts(rt, lead.id);
    expect(rows.map((r) => r.reason)).toEqual([
      `warm lead not contacted for ${n} days`,
      `warm lead not contacted for ${n} days`,
    ]);
    expect((await getLead(rt.db, tenant.id, lead.id))!.temperature).toBe('warm');
  });

  it('two sweeps the same day re-score each lead once and raise nothing the second time', async () => {
    const clock = fixedClock(new Date(T0));
    const rt = await createTestRuntime({ clock });
    const { tenant } = await seedTenant(rt);
    const leads: Lead[] = [];
    for (let i = 0; i < 5; i++) {
      const lead = await createLead(rt.db, {
        tenantId: tenant.id,
        name: `Lead ${i}`,
        ...warmProfile,
        createdAt: new Date(T0 - (20 + i) * DAY),
      });
      await activity(rt, lead, new Date(T0 - (5 + i) * DAY), { kind: 'message', direction: 'inbound' });
      leads.push(lead);
    }
    await sweep(rt);
    const after = async () => ({
      scores: await Promise.all(leads.map(async (l) => (await getLead(rt.db, tenant.id, l.id))!.score)),
      alerts: (await rt.db.select().from(alerts)).length,
      scored: (await rt.db.select().from(auditLog).where(eq(auditLog.action, 'scored'))).length,
    });
    const first = await after();
    // Every lead was scored once by the sweep, and none of them has been contacted: each went stale.
    expect(first.scored).toBe(leads.length);
    expect(first.scores.every((s) => s !== null)).toBe(true);
    expect(first.alerts).toBe(leads.length);

    clock.set(new Date(T0 + 6 * HOUR));
    await sweep(rt);
    expect(await after()).toEqual(first);
  });

  it('a lead quiet for 30 days keeps a quarter of her points above the typical lead (docs)', async () => {
    const clock = fixedClock(new Date(T0));
    const rt = await createTestRuntime({ clock });
    const { tenant } = await seedTenant(rt);
    const createdAt = new Date(T0 - 60 * DAY);
    const lead = await createLead(rt.db, { tenantId: tenant.id, name: 'Quiet Quinn', ...warmProfile, createdAt });
    const wrote = new Date(T0 - 30 * DAY);
    const called = new Date(T0 - 2 * DAY);
    await activity(rt, lead, wrote, { kind: 'message', direction: 'inbound' });
    const met = new Date(T0 - 10 * DAY);
    // A consultation the agent booked, and calls she does not answer: the team's acts, not hers, so she is quiet.
    await activity(rt, lead, met, { kind: 'appointment', human: true });
    await activity(rt, lead, called, { kind: 'call', direction: 'outbound', human: true });

    await sweep(rt);

    // The model's score from what was seeded (no budget, areas or matches: no listing fits; no saved search).
    const snapshot = LeadSnapshot.parse({
      leadId: lead.id,
      ...warmProfile,
      createdAt,
      activities: [
        { kind: 'message', direction: 'inbound', occurredAt: wrote },
        { kind: 'appointment', human: true, occurredAt: met },
        { kind: 'call', direction: 'outbound', human: true, occurredAt: called },
      ],
      savedSearchCount: 0,
      matchingListingCount: 0,
    });
    const model = scoreLead(extractFeatures(snapshot, clock), DEFAULT_MODEL).score;
    // The documented rule: the points above the typical lead's 35 halve per full 14 quiet days (30 days: twice).
    const typical = 35;
    expect(model).toBeGreaterThan(typical);
    const expected = Math.round(typical + (model - typical) * 0.5 ** Math.floor(30 / 14));
    const stored = (await getLead(rt.db, tenant.id, lead.id))!;
    expect(stored.score).toBe(expected);
    expect(stored.temperature).toBe(expected >= 80 ? 'hot' : expected >= 50 ? 'warm' : 'cold');
    expect(stored.reasons.map((r) => r.text)).toContain(`quiet for 30 days \u2212${model - expected}`);
  });
});
