import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { alerts } from '../../db/schema/index.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createAlert, createTeam, recordingChannel, runJob } from './team.ts';

const json = (key: string, body: unknown) => ({
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('alert actions through the REST API', () => {
  it('50 agents claiming the same alert at once: exactly one wins, 49 hear who did', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, {});
    const claimers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createAgent(rt.db, { tenantId: team.tenant.id, name: `Agent ${i}`, email: `a${i}@team.test` }),
      ),
    );
    const alert = await createAlert(rt, team);
    const app = createApp(rt);
    const responses = await Promise.all(
      claimers.map((a) =>
        app.request(`/api/v1/alerts/${alert.id}/actions`, json(team.apiKey, { action: 'claim', agentId: a.id })),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const winner = (await ok[0].json()) as { assigneeId: string; status: string };
    expect(winner.status).toBe('claimed');
    const winnerName = claimers.find((a) => a.id === winner.assigneeId)!.name;
    for (const r of refused) {
      expect(await r.json()).toMatchObject({
        error: { code: 'already_claimed', message: `Already claimed by ${winnerName}` },
      });
    }
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row.assigneeId).toBe(winner.assigneeId);
  });

  it('an agent cannot assign someone else (403); a manager can, and every posted copy is redrawn', async () => {
    const rt = await createTestRuntime();
    const { updates } = recordingChannel(rt);
    const team = await createTeam(rt, { ana: {}, ben: {}, mia: { role: 'manager' } });
    const alert = await createAlert(rt, team);
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
    const detail = (await (
      await createApp(rt).request(`/api/v1/alerts/${alert.id}`, { headers: { authorization: `Bearer ${team.apiKey}` } })
    ).json()) as { deliveries: Array<{ id: string }> };
    for (const d of detail.deliveries)
      await runJob(rt, 'alert.deliver', { tenantId: team.tenant.id, deliveryId: d.id });

    const app = createApp(rt);
    const denied = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      json(team.apiKey, { action: 'assign', agentId: team.agents.ana.id, targetAgentId: team.agents.ben.id }),
    );
    expect(denied.status).toBe(403);
    const assigned = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      json(team.apiKey, { action: 'assign', agentId: team.agents.mia.id, targetAgentId: team.agents.ben.id }),
    );
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ status: 'assigned', assigneeId: team.agents.ben.id });

    await runJob(rt, 'alert.refresh', { tenantId: team.tenant.id, alertId: alert.id });
    expect(updates).toHaveLength(3); // the three offered copies
    for (const u of updates)
      expect(u.view).toMatchObject({
        status: 'assigned',
        assignee: { name: 'ben' },
        actedBy: { name: 'mia', action: 'assign' },
      });

    const trail = (await (
      await app.request(`/api/v1/alerts/${alert.id}`, { headers: { authorization: `Bearer ${team.apiKey}` } })
    ).json()) as { audit: Array<{ action: string; actor: string }>; routing: unknown };
    expect(trail.audit.map((a) => a.action)).toEqual(['created', 'offer', 'assign']);
    expect(trail.routing).toMatchObject({ explanation: { ruleName: expect.stringMatching(/^Default/) } });
  });

  it("another team's API key sees none of these alerts", async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {} });
    const other = await createTeam(rt, { zed: {} });
    const alert = await createAlert(rt, team);
    const app = createApp(rt);
    const auth = { headers: { authorization: `Bearer ${other.apiKey}` } };
    expect((await app.request(`/api/v1/alerts/${alert.id}`, auth)).status).toBe(404);
    expect(await (await app.request('/api/v1/alerts', auth)).json()).toEqual({ data: [], next: null });
    const act = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      json(other.apiKey, { action: 'claim', agentId: other.agents.zed.id }),
    );
    expect(act.status).toBe(404);
    const mine = await (
      await app.request('/api/v1/alerts?status=open', { headers: { authorization: `Bearer ${team.apiKey}` } })
    ).json();
    expect(mine).toEqual({
      data: [
        {
          id: alert.id,
          kind: 'hot_lead',
          priority: 'high',
          status: 'open',
          leadId: alert.leadId,
          listingKey: null,
          assigneeId: null,
          reason: 'Score jumped to 85',
        },
      ],
      next: null,
    });
  });

  it('pages through alerts with a cursor and filters by status and agent', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {} });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createAlert(rt, team, { dedupeKey: `k${i}` }));
    const app = createApp(rt);
    const auth = { headers: { authorization: `Bearer ${team.apiKey}` } };
    await app.request(
      `/api/v1/alerts/${made[0].id}/actions`,
      json(team.apiKey, { action: 'claim', agentId: team.agents.ana.id }),
    );
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = (await (
        await app.request(`/api/v1/alerts?limit=2${next ? `&cursor=${next}` : ''}`, auth)
      ).json()) as { data: Array<{ id: string }>; next: string | null };
      seen.push(...page.data.map((a) => a.id));
      next = page.next;
    } while (next);
    expect(seen.sort()).toEqual(made.map((a) => a.id).sort());
    const claimed = (await (
      await app.request(`/api/v1/alerts?status=claimed&agent=${team.agents.ana.id}`, auth)
    ).json()) as { data: Array<{ id: string }> };
    expect(claimed.data.map((a) => a.id)).toEqual([made[0].id]);
    expect((await app.request('/api/v1/alerts?status=nope', auth)).status).toBe(422);
  });
});
