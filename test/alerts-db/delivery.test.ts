import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { deliveries, digestItems } from '../../db/schema/index.ts';
import { replaceRoutingRules } from '../../db/queries/routing.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { WEEKDAYS_9_TO_6, createAlert, createTeam, recordingChannel, runJob } from './team.ts';

const ONLY_ANA = (anaId: string) => [
  {
    id: 'rr',
    name: 'Ana takes all',
    position: 1,
    condition: null,
    strategy: 'round_robin',
    pool: { agentIds: [anaId] },
  },
];

describe('delivery planning and sending', () => {
  it('past the hourly cap the alert goes to the digest, and digest.send delivers one summary', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const { sent } = recordingChannel(rt);
    const team = await createTeam(rt, { ana: {} }, { settings: { delivery: { perHour: 2 } } });
    await rt.db.transaction((tx) => replaceRoutingRules(tx, team.tenant.id, ONLY_ANA(team.agents.ana.id)));
    const made = [];
    for (let i = 0; i < 3; i++) {
      const alert = await createAlert(rt, team, { dedupeKey: `cap${i}`, reason: `Alert number ${i}` });
      await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
      made.push(alert);
    }
    const planned = await rt.db.select().from(deliveries).where(eq(deliveries.tenantId, team.tenant.id));
    expect(planned.map((d) => d.alertId).sort()).toEqual([made[0].id, made[1].id].sort());
    const held = await rt.db.select().from(digestItems).where(eq(digestItems.tenantId, team.tenant.id));
    expect(held).toEqual([
      expect.objectContaining({
        alertId: made[2].id,
        recipientId: team.agents.ana.id,
        reason: 'hourly cap of 2 reached',
        sentAt: null,
      }),
    ]);

    await runJob(rt, 'digest.send', { tenantId: team.tenant.id });
    const [digest] = await rt.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.idempotencyKey, `digest:${team.agents.ana.id}:${held[0].id}`));
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: digest.id });
    expect(sent).toEqual([
      expect.objectContaining({
        recipient: 'U_ANA',
        message: expect.objectContaining({ header: '📬 1 alert held for your digest' }),
      }),
    ]);
    expect(sent[0].message!.sections.join('\n')).toContain('Alert number 2');
    const [after] = await rt.db.select().from(digestItems).where(eq(digestItems.id, held[0].id));
    expect(after.sentAt).not.toBeNull();
    await runJob(rt, 'digest.send', { tenantId: team.tenant.id });
    expect(await rt.db.select().from(deliveries).where(eq(deliveries.alertId, made[2].id))).toHaveLength(0);
    expect(
      (await rt.db.select().from(deliveries).where(eq(deliveries.recipient, 'U_ANA'))).filter(
        (d) => d.alertId === null,
      ),
    ).toHaveLength(1);
  });

  it('a manager reached outside working hours gets a delivery deferred to Monday 09:00 local, across the DST change', async () => {
    // Saturday 23:00 CST; clocks spring forward Sunday 2026-03-08, so Monday 09:00 is 14:00Z, not 15:00Z.
    const clock = fixedClock('2026-03-08T05:00:00Z');
    const rt = await createTestRuntime({ clock });
    recordingChannel(rt);
    const team = await createTeam(rt, {
      ana: { workingHours: WEEKDAYS_9_TO_6 },
      mia: { role: 'manager', workingHours: WEEKDAYS_9_TO_6 },
    });
    const alert = await createAlert(rt, team, { expiresAt: new Date('2026-03-12T00:00:00Z') });
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
    expect(await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id))).toHaveLength(0); // nobody on the clock

    clock.advance(16 * 60_000);
    await runJob(rt, 'alert.escalate', {});
    const [deferred] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id));
    expect(deferred).toMatchObject({
      recipient: 'U_MIA',
      status: 'deferred',
      sendAfter: new Date('2026-03-09T14:00:00Z'),
    });
  });

  it('a critical alert whose Slack delivery fails for good falls back to SMS as a new delivery', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const slack = recordingChannel(rt, {
      fail: () => ({ status: 'failed', error: 'user_not_found', permanent: true }),
    });
    const sms = recordingChannel(rt, { name: 'sms' });
    const team = await createTeam(rt, { ana: { phone: '+15125550111', channels: ['slack', 'sms'] } });
    await rt.db.transaction((tx) => replaceRoutingRules(tx, team.tenant.id, ONLY_ANA(team.agents.ana.id)));
    const alert = await createAlert(rt, team, { priority: 'critical' });
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
    const [first] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id));
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: first.id });
    const rows = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id));
    expect(rows.find((d) => d.id === first.id)).toMatchObject({
      channel: 'slack',
      status: 'failed',
      error: 'user_not_found',
      attempts: 1,
    });
    const fallback = rows.find((d) => d.channel === 'sms')!;
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: fallback.id });
    expect(slack.sent).toHaveLength(0);
    expect(sms.sent).toEqual([expect.objectContaining({ recipient: '+15125550111' })]);
  });

  it('a critical alert hands over to SMS on the first transient Slack failure, and a normal one ends failed and dead-lettered after its last retry', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    recordingChannel(rt, {
      fail: () => ({ status: 'failed', error: 'slack is down (503)', permanent: false }),
    });
    const sms = recordingChannel(rt, { name: 'sms' });
    const team = await createTeam(rt, { ana: { phone: '+15125550111', channels: ['slack', 'sms'] } });
    await rt.db.transaction((tx) => replaceRoutingRules(tx, team.tenant.id, ONLY_ANA(team.agents.ana.id)));
    const critical = await createAlert(rt, team, { priority: 'critical' });
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: critical.id });
    const [slackCopy] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, critical.id));
    // The Slack attempt throws so pg-boss retries it, but the SMS handover exists already.
    await expect(runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: slackCopy.id })).rejects.toThrow(
      /slack is down/,
    );
    const fallback = (await rt.db.select().from(deliveries).where(eq(deliveries.alertId, critical.id))).find(
      (d) => d.channel === 'sms',
    )!;
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: fallback.id });
    expect(sms.sent).toEqual([expect.objectContaining({ recipient: '+15125550111' })]);

    const normal = await createAlert(rt, team, {
      priority: 'normal',
      dedupeKey: 'normal-1',
      lead: { phone: '+15125550122' },
    });
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: normal.id });
    const [copy] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, normal.id));
    const handler = (await import('../../jobs/handlers/alert-deliver.ts')).default as (
      d: never,
      ctx: never,
    ) => Promise<void>;
    // The last retry still throws, so pg-boss moves the job to the dead-letter queue for `dlq replay`;
    // the row says failed, and a normal alert gets no SMS.
    await expect(
      handler(
        { tenantId: team.tenant.id, deliveryId: copy.id } as never,
        { runtime: rt, job: { id: 'last', retryCount: 6, signal: new AbortController().signal } } as never,
      ),
    ).rejects.toThrow(/slack is down/);
    const rows = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, normal.id));
    expect(rows).toEqual([
      expect.objectContaining({ channel: 'slack', status: 'failed', error: 'slack is down (503)' }),
    ]);
  });

  it('a delivery left "sending" by a dead worker is recorded from the provider, not sent twice; a sent one is never resent', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const { channel, sent } = recordingChannel(rt);
    channel.findDelivered = async (_rt, d) =>
      d.recipient === 'U_ANA' ? { status: 'sent', providerMessageId: 'already-there' } : null;
    const team = await createTeam(rt, { ana: {} });
    await rt.db.transaction((tx) => replaceRoutingRules(tx, team.tenant.id, ONLY_ANA(team.agents.ana.id)));
    const alert = await createAlert(rt, team);
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
    const [row] = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id));
    // The dead worker's attempt started a moment before this one (the clock is fixed).
    const startedAt = new Date('2026-03-11T16:59:59Z');
    await rt.db
      .update(deliveries)
      .set({ status: 'sending', attempts: 1, statusAt: startedAt })
      .where(eq(deliveries.id, row.id));
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: row.id });
    await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: row.id });
    expect(sent).toHaveLength(0);
    const [after] = await rt.db.select().from(deliveries).where(eq(deliveries.id, row.id));
    expect(after).toMatchObject({ status: 'sent', providerMessageId: 'already-there', attempts: 1 });
  });
});
