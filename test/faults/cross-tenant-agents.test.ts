import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createAlert, createTeam } from '../alerts-db/team.ts';
import { alerts } from '../../db/schema/index.ts';

const send = (apiKey: string, method: string, body: unknown) => ({
  method,
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function twoTeams() {
  const rt = await createTestRuntime();
  const mine = await createTeam(rt, { mia: { role: 'manager' }, ana: {} });
  const theirs = await createTeam(rt, { zed: { role: 'manager' } });
  return { rt, app: createApp(rt), mine, theirs, zed: theirs.agents.zed.id };
}

describe("another tenant's agent ids", () => {
  it('PUT /routing-rules naming another team’s agent is 422 naming the rule and the id, and stores nothing', async () => {
    const { app, mine, zed } = await twoTeams();
    const rules = (pool: Record<string, unknown>) => [
      { name: 'VIP', condition: { field: 'tags', in: ['vip'] }, strategy: 'round_robin', pool },
      { name: 'everyone', condition: null, strategy: 'least_loaded', pool: {} },
    ];
    for (const pool of [
      { agentIds: [mine.agents.ana.id, zed] },
      { agentIds: [mine.agents.ana.id], weights: { [zed]: 3 } },
      { agentIds: [mine.agents.ana.id], nextPool: [zed] },
    ]) {
      const res = await app.request('/api/v1/routing-rules', send(mine.apiKey, 'PUT', rules(pool)));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toMatch(new RegExp(`^rule 1 "VIP": pool\\.\\w+: no agent ${zed} in this team$`));
    }
    const stored = await (
      await app.request('/api/v1/routing-rules', { headers: { authorization: `Bearer ${mine.apiKey}` } })
    ).json();
    expect(stored).toMatchObject({ default: true });

    const ok = await app.request(
      '/api/v1/routing-rules',
      send(mine.apiKey, 'PUT', rules({ agentIds: [mine.agents.ana.id, mine.agents.mia.id] })),
    );
    expect(ok.status).toBe(200);
  });

  it('assigning an alert to another team’s agent is 422 naming the id, and the alert stays open', async () => {
    const { rt, app, mine, zed } = await twoTeams();
    const alert = await createAlert(rt, mine);
    const assign = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      send(mine.apiKey, 'POST', { action: 'assign', agentId: mine.agents.mia.id, targetAgentId: zed }),
    );
    expect(assign.status).toBe(422);
    expect(await assign.json()).toMatchObject({
      error: { code: 'validation_failed', message: `targetAgentId: no agent ${zed} in this team` },
    });
    const actAsZed = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      send(mine.apiKey, 'POST', { action: 'claim', agentId: zed }),
    );
    expect(actAsZed.status).toBe(422);
    expect(await actAsZed.json()).toMatchObject({ error: { message: `agentId: no agent ${zed} in this team` } });
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row).toMatchObject({ status: 'open', assigneeId: null });

    const fine = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      send(mine.apiKey, 'POST', { action: 'assign', agentId: mine.agents.mia.id, targetAgentId: mine.agents.ana.id }),
    );
    expect(fine.status).toBe(200);
    expect(await fine.json()).toMatchObject({ assigneeId: mine.agents.ana.id });
  });
});
