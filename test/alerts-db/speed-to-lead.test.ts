import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { alerts } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { createAlert, createTeam } from './team.ts';

describe('GET /api/v1/stats/speed-to-lead', () => {
  it('gives p50/p90 minutes to first human contact per agent and for the team, ignoring untouched alerts', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const team = await createTeam(rt, { ana: {}, ben: {} });
    const other = await createTeam(rt, { zed: {} });
    const created = new Date('2026-03-10T15:00:00Z');
    const minutes = { ana: [2, 4, 6, 8, 10], ben: [30] } as const;
    let n = 0;
    for (const [name, list] of Object.entries(minutes)) {
      for (const m of list) {
        const a = await createAlert(rt, team, { dedupeKey: `s${n++}` });
        await rt.db
          .update(alerts)
          .set({
            status: 'contacted',
            assigneeId: team.agents[name].id,
            createdAt: created,
            contactedAt: new Date(created.getTime() + m * 60_000),
          })
          .where(eq(alerts.id, a.id));
      }
    }
    await createAlert(rt, team, { dedupeKey: 'never-contacted' });
    const foreign = await createAlert(rt, other, { dedupeKey: 'theirs' });
    await rt.db
      .update(alerts)
      .set({
        assigneeId: other.agents.zed.id,
        createdAt: created,
        contactedAt: new Date(created.getTime() + 600 * 60_000),
      })
      .where(eq(alerts.id, foreign.id));

    const res = await createApp(rt).request('/api/v1/stats/speed-to-lead?since=2026-03-01T00:00:00Z', {
      headers: { authorization: `Bearer ${team.apiKey}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { team: unknown; agents: unknown[] };
    expect(body.team).toEqual({ contacted: 6, p50Minutes: 7, p90Minutes: 20 });
    expect(body.agents).toEqual([
      { agentId: team.agents.ana.id, name: 'ana', contacted: 5, p50Minutes: 6, p90Minutes: 9.2 },
      { agentId: team.agents.ben.id, name: 'ben', contacted: 1, p50Minutes: 30, p90Minutes: 30 },
    ]);
    const later = (await (
      await createApp(rt).request('/api/v1/stats/speed-to-lead?since=2026-03-11T00:00:00Z', {
        headers: { authorization: `Bearer ${team.apiKey}` },
      })
    ).json()) as { team: unknown };
    expect(later.team).toEqual({ contacted: 0, p50Minutes: null, p90Minutes: null });
  });
});
