import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts, auditLog, leadActivities, leads } from '../../db/schema/index.ts';
import { createLead, getLead } from '../../db/queries/leads.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { scoreLead } from '../../db/use-cases/leads/score-lead.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { seedTenant } from './seed.ts';

const T0 = new Date('2026-03-08T15:00:00Z').getTime();
const MIN = 60_000;
const DAY = 86_400_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

let seq = 0;
/** An activity written the way ingest writes it: the row and its `lead.score` job in one transaction. */
async function event(
  rt: Runtime,
  tenantId: string,
  leadId: string,
  minutes: number,
  fields: { kind?: string; direction?: 'inbound' | 'outbound'; human?: boolean; body?: string; listingKey?: string },
) {
  await rt.db.transaction(async (tx) => {
    await tx.insert(leadActivities).values({
      tenantId,
      leadId,
      kind: fields.kind ?? 'message',
      direction: fields.direction,
      human: fields.human,
      body: fields.body,
      listingKey: fields.listingKey,
      source: 'test',
      externalId: String(++seq),
      occurredAt: at(minutes),
    });
    await rt.queue.enqueue('lead.score', { tenantId, leadId, trigger: 'message.inbound' }, { tx });
  });
}

const alertRows = (rt: Runtime, leadId: string) => rt.db.select().from(alerts).where(eq(alerts.leadId, leadId));

describe('lead.score over the database', () => {
  it('a pre-approved lead replying 3 times in an hour becomes hot, says why, and raises one hot_lead alert that a re-score does not repeat', async () => {
    const clock = fixedClock(at(0));
    const rt = await createTestRuntime({ clock });
    const { tenant } = await seedTenant(rt);
    const lead = await createLead(rt.db, {
      tenantId: tenant.id,
      name: 'Ana Ruiz',
      phone: '+15125550101',
      source: 'Website',
      preApproved: true,
      timelineMonths: 2,
      createdAt: new Date(T0 - 10 * DAY),
    });
    const workers = await startWorkers(rt, { queues: ['lead.score'], schedules: false });
    const scoredTimes = async (n: number) => {
      const rows = await rt.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, lead.id), eq(auditLog.action, 'scored')));
      return rows.length >= n ? rows : undefined;
    };

    // The agent texts first; the lead answers three times within the hour.
    await rt.db.insert(leadActivities).values({
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      direction: 'outbound',
      human: true,
      source: 'test',
      externalId: 'agent-1',
      occurredAt: at(0),
    });
    const scores: number[] = [];
    for (const [n, minutes] of [
      [1, 5],
      [2, 20],
      [3, 40],
    ] as const) {
      clock.set(at(minutes + 1));
      await event(rt, tenant.id, lead.id, minutes, {
        direction: 'inbound',
        body: 'Still looking, what else is out there?',
      });
      await waitFor(() => scoredTimes(n));
      scores.push((await getLead(rt.db, tenant.id, lead.id))!.score!);
    }
    await workers.stop();

    expect(scores[0]).toBeLessThan(80);
    expect(scores[2]).toBeGreaterThanOrEqual(80);
    const stored = (await getLead(rt.db, tenant.id, lead.id))!;
    expect(stored).toMatchObject({ temperature: 'hot', modelVersion: 'default-1', scoredAt: at(41) });
    const texts = stored.reasons.map((r) => r.text);
    expect(texts).toContainEqual(expect.stringMatching(/^replied 3 times in the last hour \+\d+$/));
    expect(texts).toContainEqual(expect.stringMatching(/^pre-approved \+\d+$/));
    expect(
      stored.reasons.every((r) =>
        r.text.endsWith(`${r.contribution >= 0 ? '+' : '\u2212'}${Math.abs(r.contribution)}`),
      ),
    ).toBe(true);

    const hot = (await alertRows(rt, lead.id)).filter((a) => a.kind === 'hot_lead');
    expect(hot).toHaveLength(1);
    expect(hot[0].details).toMatchObject({ signal: 'became_hot', modelVersion: 'default-1' });

    clock.set(at(45));
    const again = await scoreLead(rt, { tenantId: tenant.id, leadId: lead.id });
    expect(again?.score.temperature).toBe('hot');
    expect((await alertRows(rt, lead.id)).filter((a) => a.kind === 'hot_lead')).toHaveLength(1);
    const [audit] = await rt.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, lead.id), eq(auditLog.action, 'scored')))
      .orderBy(auditLog.seq)
      .limit(1);
    expect(audit.reason).toMatch(/^unscored \u2192 \d+ by default-1 after message\.inbound$/);
  });

  it('a reply asking for a showing after 40 days of silence, to a lead nobody has called, raises a hot-lead, a reply and a stale-lead alert', async () => {
    const clock = fixedClock(at(1));
    const rt = await createTestRuntime({ clock });
    const { tenant } = await seedTenant(rt);
    const lead = await createLead(rt.db, {
      tenantId: tenant.id,
      name: 'Ben Ode',
      source: 'Zillow',
      createdAt: new Date(T0 - 60 * DAY),
    });
    await rt.db.insert(leadActivities).values({
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      direction: 'inbound',
      source: 'test',
      externalId: 'old',
      occurredAt: new Date(T0 - 40 * DAY),
    });
    await rt.db
      .update(leads)
      .set({ score: 20, temperature: 'cold', scoredAt: new Date(T0 - 39 * DAY) })
      .where(eq(leads.id, lead.id));
    await rt.db.insert(leadActivities).values({
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      direction: 'inbound',
      body: 'Can we see 12 Oak St on Saturday?',
      source: 'test',
      externalId: 'new',
      occurredAt: at(0),
    });

    const result = await scoreLead(rt, { tenantId: tenant.id, leadId: lead.id, trigger: 'message.inbound' });
    expect(result?.signals.map((s) => s.code).sort()).toEqual([
      'no_human_contact',
      'reply_after_silence',
      'showing_request',
    ]);
    const rows = await alertRows(rt, lead.id);
    // Asking for a showing is a buying burst: hot whatever the (cold) score says, and critical.
    expect(rows.map((a) => a.kind).sort()).toEqual(['hot_lead', 'lead_reply', 'stale_lead']);
    expect(rows.find((a) => a.kind === 'hot_lead')).toMatchObject({
      priority: 'critical',
      reason: 'hot lead: asked to see a property',
    });
    expect(rows.find((a) => a.kind === 'lead_reply')!.details).toMatchObject({
      why: 'replied after 40 days of silence',
    });
    expect(rows.find((a) => a.kind === 'stale_lead')!.reason).toMatch(/not contacted for 60 days/);
  });

  it('a lead.score job naming another tenant\u2019s lead stores nothing', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(at(0)) });
    const { tenant: mine } = await seedTenant(rt, 'Mine Realty');
    const { tenant: theirs } = await seedTenant(rt, 'Theirs Realty');
    const lead = await createLead(rt.db, { tenantId: theirs.id, name: 'Cy Other' });
    expect(await scoreLead(rt, { tenantId: mine.id, leadId: lead.id })).toBeNull();
    expect((await getLead(rt.db, theirs.id, lead.id))!.score).toBeNull();
  });
});

describe('signals under concurrency', () => {
  it('a message whose transaction committed after a concurrent score still raises its alert on the next score', async () => {
    const rt = await createTestRuntime();
    const { tenant } = await seedTenant(rt, 'Race Realty');
    const lead = await createLead(rt.db, { tenantId: tenant.id, name: 'Cam Late', source: 'Zillow' });
    // A score runs while the message's transaction is still open: it sees nothing.
    await scoreLead(rt, { tenantId: tenant.id, leadId: lead.id, trigger: 'seed' });
    // The message commits now, stamped with its transaction's start, which was before that score.
    const started = new Date(Date.now() - 5_000);
    await rt.db.insert(leadActivities).values({
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      direction: 'inbound',
      body: 'Can we see it Saturday?',
      source: 'test',
      externalId: 'late',
      occurredAt: started,
      createdAt: started,
    });
    const result = await scoreLead(rt, { tenantId: tenant.id, leadId: lead.id, trigger: 'message.inbound' });
    expect(result?.signals.map((s) => s.code)).toContain('showing_request');
    expect((await alertRows(rt, lead.id)).map((a) => a.kind)).toContain('hot_lead');
  });
});
