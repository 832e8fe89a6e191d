import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { alerts, auditLog } from '../../db/schema/index.ts';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import { rotateTenantKey } from '../../db/use-cases/settings/rotate-tenant-key.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createAlert, createTeam } from '../alerts-db/team.ts';
import type { Runtime } from '../../jobs/runtime.ts';

const call = (key: string, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

async function setup() {
  const rt = await createTestRuntime();
  const team = await createTeam(rt, { ana: {}, mia: { role: 'manager' }, sam: {} });
  const keyOf = async (name: string) =>
    (await issueAgentKey(rt, { tenantId: team.tenant.id, agentId: team.agents[name].id, actor: { kind: 'cli' } }))
      .apiKey;
  return { rt, team, app: createApp(rt), keyOf };
}

const auditRows = (rt: Runtime, entity: string, entityId: string) =>
  rt.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)));

describe('settings and per-agent keys over REST', () => {
  it("PATCH /api/v1/settings: an agent's key is refused, a manager's key changes it and the audit says before → after", async () => {
    const { rt, team, app, keyOf } = await setup();
    const agentKey = await keyOf('ana');
    const refused = await app.request('/api/v1/settings', call(agentKey, 'PATCH', { delivery: { perHour: 3 } }));
    expect(refused.status).toBe(403);

    const managerKey = await keyOf('mia');
    const ok = await app.request('/api/v1/settings', call(managerKey, 'PATCH', { delivery: { perHour: 3 } }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { settings: { delivery: { perHour: number; perDay: number } } };
    expect(body.settings.delivery).toMatchObject({ perHour: 3, perDay: 60 });

    const audit = await auditRows(rt, 'tenant', team.tenant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'settings_changed',
      actor: team.agents.mia.id,
      data: { before: {}, after: { delivery: { perHour: 3 } } },
    });
    const read = await app.request('/api/v1/settings', call(managerKey, 'GET'));
    expect(((await read.json()) as typeof body).settings.delivery.perHour).toBe(3);
  });

  it('a misspelled setting is 422 naming the key and what was probably meant; nothing changes', async () => {
    const { rt, team, app } = await setup();
    const res = await app.request('/api/v1/settings', call(team.apiKey, 'PATCH', { delivery: { perHuor: 3 } }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        message: 'unknown setting "delivery.perHuor" (did you mean "delivery.perHour"?)',
      },
    });
    expect(await auditRows(rt, 'tenant', team.tenant.id)).toHaveLength(0);
  });

  it('a non-manager assigning an alert someone already claimed hears 403, not 409', async () => {
    const { rt, team, app, keyOf } = await setup();
    const alert = await createAlert(rt, team);
    const claim = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(team.apiKey, 'POST', { action: 'claim', agentId: team.agents.sam.id }),
    );
    expect(claim.status).toBe(200);
    const anaKey = await keyOf('ana');
    const assign = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(anaKey, 'POST', { action: 'assign', targetAgentId: team.agents.mia.id }),
    );
    expect(assign.status).toBe(403);
    // Through the team key naming the same agent, the answer is the same.
    const viaTeamKey = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(team.apiKey, 'POST', { action: 'assign', agentId: team.agents.ana.id, targetAgentId: team.agents.mia.id }),
    );
    expect(viaTeamKey.status).toBe(403);
  });

  it('an agent key acts as its own agent: naming someone else is 403, and omitting agentId claims as the caller', async () => {
    const { rt, team, app, keyOf } = await setup();
    const alert = await createAlert(rt, team);
    const anaKey = await keyOf('ana');
    const asSam = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(anaKey, 'POST', { action: 'claim', agentId: team.agents.sam.id }),
    );
    expect(asSam.status).toBe(403);
    const claim = await app.request(`/api/v1/alerts/${alert.id}/actions`, call(anaKey, 'POST', { action: 'claim' }));
    expect(claim.status).toBe(200);
    expect(await claim.json()).toMatchObject({ status: 'claimed', assigneeId: team.agents.ana.id });
  });

  it('an agentId of another tenant is refused everywhere and nothing is acted on', async () => {
    const { rt, team, app } = await setup();
    const other = await createTeam(rt, { zed: { role: 'manager' } });
    const alert = await createAlert(rt, team);
    const zed = other.agents.zed.id;
    const claim = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(team.apiKey, 'POST', { action: 'claim', agentId: zed }),
    );
    expect(claim.status).toBe(422);
    const assign = await app.request(
      `/api/v1/alerts/${alert.id}/actions`,
      call(team.apiKey, 'POST', { action: 'assign', agentId: team.agents.mia.id, targetAgentId: zed }),
    );
    expect(assign.status).toBe(422);
    const read = await app.request(`/api/v1/agents/${zed}`, call(team.apiKey, 'GET'));
    expect(read.status).toBe(404);
    const patch = await app.request(`/api/v1/agents/${zed}`, call(team.apiKey, 'PATCH', { paused: true }));
    expect(patch.status).toBe(404);
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row).toMatchObject({ status: 'open', assigneeId: null });
    expect((await auditRows(rt, 'agent', zed)).filter((a) => a.action === 'settings_changed')).toHaveLength(0);
  });

  it('rotating the team key: the new key works and the old one is 401', async () => {
    const { rt, team, app } = await setup();
    const { apiKey } = await rotateTenantKey(rt, { tenantId: team.tenant.id, actor: { kind: 'cli' } });
    expect((await app.request('/api/v1/alerts', call(team.apiKey, 'GET'))).status).toBe(401);
    expect((await app.request('/api/v1/alerts', call(apiKey, 'GET'))).status).toBe(200);
  });

  it('PATCH /api/v1/agents/:id: an agent sets their own hours, not a teammate’s', async () => {
    const { team, app, keyOf } = await setup();
    const anaKey = await keyOf('ana');
    const own = await app.request(
      `/api/v1/agents/${team.agents.ana.id}`,
      call(anaKey, 'PATCH', { workingHours: { mon: ['09:00', '17:00'] }, channels: ['sms'] }),
    );
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ workingHours: { mon: ['09:00', '17:00'] }, channels: ['sms'] });
    const other = await app.request(`/api/v1/agents/${team.agents.sam.id}`, call(anaKey, 'PATCH', { paused: true }));
    expect(other.status).toBe(403);
    const bad = await app.request(`/api/v1/agents/${team.agents.ana.id}`, call(anaKey, 'PATCH', { channels: ['fax'] }));
    expect(bad.status).toBe(422);
  });
});
