import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { alerts, deliveries } from '../../db/schema/index.ts';
import { replaceRoutingRules } from '../../db/queries/routing.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { createAlert, createTeam, recordingChannel, runJob } from './team.ts';

const OFFICE = {
  mon: ['08:00', '18:00'],
  tue: ['08:00', '18:00'],
  wed: ['08:00', '18:00'],
  thu: ['08:00', '18:00'],
  fri: ['08:00', '18:00'],
};

async function assignedToAna(start: string) {
  const clock = fixedClock(start);
  const rt = await createTestRuntime({ clock });
  recordingChannel(rt);
  const team = await createTeam(rt, { ana: {}, mia: { role: 'manager' } }, { settings: { officeHours: OFFICE } });
  await rt.db.transaction((tx) =>
    replaceRoutingRules(tx, team.tenant.id, [
      {
        id: 'a',
        name: 'Ana',
        position: 1,
        condition: null,
        strategy: 'round_robin',
        pool: { agentIds: [team.agents.ana.id] },
      },
    ]),
  );
  const alert = await createAlert(rt, team, { expiresAt: new Date(clock.now().getTime() + 3 * 86_400_000) });
  await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
  const current = async () => (await rt.db.select().from(alerts).where(eq(alerts.id, alert.id)))[0];
  const sentTo = async () =>
    (await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id)))
      .map(
        (d) =>
          `${d.recipient}${d.idempotencyKey.endsWith('esc1') ? ' (re-notify)' : d.idempotencyKey.endsWith('esc2') ? ' (manager)' : ''}`,
      )
      .sort();
  return { rt, clock, team, alert, current, sentTo };
}

describe('escalation ladder on the database', () => {
  it('an unacknowledged alert at 17:50 waits through the night: re-notify at 08:05, managers at 08:20', async () => {
    // Wednesday 17:50 CDT; high priority waits 15 office minutes per rung.
    const { rt, clock, current, sentTo } = await assignedToAna('2026-03-11T22:50:00Z');
    expect((await current()).escalateAt).toEqual(new Date('2026-03-12T13:05:00Z'));

    clock.set('2026-03-12T02:00:00Z'); // 21:00, office closed
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA']);

    clock.set('2026-03-12T13:05:00Z'); // Thursday 08:05
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA', 'U_ANA (re-notify)']);
    expect(await current()).toMatchObject({ escalationLevel: 1, escalateAt: new Date('2026-03-12T13:20:00Z') });

    clock.set('2026-03-12T13:20:00Z');
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA', 'U_ANA (re-notify)', 'U_MIA (manager)']);
    expect(await current()).toMatchObject({ escalationLevel: 2, escalateAt: null });
  });

  it('acknowledging stops the ladder', async () => {
    const { rt, clock, team, alert, current, sentTo } = await assignedToAna('2026-03-11T15:00:00Z');
    const res = await createApp(rt).request(`/api/v1/alerts/${alert.id}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'acknowledge', agentId: team.agents.ana.id }),
    });
    expect(res.status).toBe(200);
    expect((await current()).escalateAt).toBeNull();
    clock.advance(3 * 3600_000);
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA']);
  });

  it('a snoozed alert re-notifies its holder once when the snooze ends', async () => {
    const { rt, clock, team, alert, sentTo } = await assignedToAna('2026-03-11T15:00:00Z');
    await createApp(rt).request(`/api/v1/alerts/${alert.id}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'snooze', agentId: team.agents.ana.id, minutes: 60 }),
    });
    clock.advance(30 * 60_000);
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA']);
    clock.advance(31 * 60_000);
    await runJob(rt, 'alert.escalate', {});
    await runJob(rt, 'alert.escalate', {});
    expect(await sentTo()).toEqual(['U_ANA', 'U_ANA']);
  });

  it('an alert nobody acted on expires at its deadline, with the system in the audit trail', async () => {
    const { rt, clock, team, alert, current } = await assignedToAna('2026-03-11T15:00:00Z');
    clock.advance(3 * 86_400_000 + 1000);
    await runJob(rt, 'alert.escalate', {});
    expect(await current()).toMatchObject({ status: 'expired' });
    const detail = (await (
      await createApp(rt).request(`/api/v1/alerts/${alert.id}`, { headers: { authorization: `Bearer ${team.apiKey}` } })
    ).json()) as { audit: Array<{ action: string; actor: string }> };
    expect(detail.audit.at(-1)).toMatchObject({ action: 'expire', actor: 'system' });
  });
});
