import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, automationRuns } from '../../db/schema/index.ts';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTeam } from '../alerts-db/team.ts';
import { makeLead } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { CHECK_IN, startRun, VIP, WELCOME } from './surface-rules.ts';

const NOW = '2026-12-02T15:00:00Z';

const request = (key: string, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

interface Overview {
  rules: Array<{ id: string; name: string; enabled: boolean }>;
  state: Array<{ ruleId: string; version: number; enabled: boolean; activeRuns: number }>;
}

async function setup() {
  const rt = await createTestRuntime({ clock: fixedClock(NOW) });
  const team = await createTeam(rt, { ana: {}, mia: { role: 'manager' } });
  const keyOf = async (name: string) =>
    (await issueAgentKey(rt, { tenantId: team.tenant.id, agentId: team.agents[name].id, actor: { kind: 'cli' } }))
      .apiKey;
  const app = createApp(rt);
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, request(key, method, body));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & Overview };
  };
  return { rt, team, call, manager: await keyOf('mia'), agent: await keyOf('ana') };
}

const runOf = async (rt: Runtime, id: string) =>
  (await rt.db.select().from(automationRuns).where(eq(automationRuns.id, id)))[0];

describe('automations over REST', () => {
  it('PUT replaces the set: a rule left out is removed and the lead in it taken out; GET shows the rest', async () => {
    const { rt, team, call, manager } = await setup();
    const first = await call(manager, 'PUT', '/api/v1/automations', { rules: [WELCOME, CHECK_IN] });
    expect(first.status).toBe(200);
    expect(first.body.changes).toEqual([
      { ruleId: WELCOME.id, version: 1, change: 'added', cancelledRuns: 0 },
      { ruleId: CHECK_IN.id, version: 1, change: 'added', cancelledRuns: 0 },
    ]);
    const lead = await makeLead(rt, team.tenant.id);
    const run = await startRun(rt, { tenantId: team.tenant.id, ruleId: CHECK_IN.id, leadId: lead.id });
    const before = await call(manager, 'GET', '/api/v1/automations');
    expect(before.body.state.find((s) => s.ruleId === CHECK_IN.id)?.activeRuns).toBe(1);

    // What GET answered goes back as it is, minus one rule.
    const kept = { ...before.body, rules: before.body.rules.filter((r) => r.id === WELCOME.id) };
    const replaced = await call(manager, 'PUT', '/api/v1/automations', kept);
    expect(replaced.status).toBe(200);
    expect(replaced.body.changes).toEqual([
      { ruleId: WELCOME.id, version: 1, change: 'unchanged', cancelledRuns: 0 },
      { ruleId: CHECK_IN.id, version: 1, change: 'removed', cancelledRuns: 1 },
    ]);
    expect(await runOf(rt, run.id)).toMatchObject({ status: 'cancelled', reason: 'rule removed', nextAt: null });
    const after = await call(manager, 'GET', '/api/v1/automations');
    expect(after.body.rules.map((r) => r.id)).toEqual([WELCOME.id]);
    const audit = await rt.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'automation_rule'), eq(auditLog.entityId, CHECK_IN.id)));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['added', team.agents.mia.id],
      ['removed', team.agents.mia.id],
    ]);
  });

  it('refuses an unknown template variable or an enroll into a rule the set lacks with 422 naming it', async () => {
    const { call, manager } = await setup();
    const typo = {
      ...WELCOME,
      then: [{ do: 'text_lead', template: 'Hi {{lead.firstName}}, love {{lead.favoriteColor}}?' }],
    };
    const bad = await call(manager, 'PUT', '/api/v1/automations', [typo, CHECK_IN]);
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: 'validation_failed',
      message:
        `invalid automation rules: ${WELCOME.id}: ` +
        'then[0].template: unknown template variable {{lead.favoriteColor}}',
    });
    const orphan = await call(manager, 'PUT', '/api/v1/automations', [VIP]);
    expect(orphan.status).toBe(422);
    expect(String((orphan.body.error as { message: string }).message)).toContain(
      'vip-tag: then[1] enrolls unknown rule five-day-check-in',
    );
    // A bad set changes nothing.
    expect((await call(manager, 'GET', '/api/v1/automations')).body.rules).toEqual([]);
  });

  it('PATCH enabled:false switches a rule off and cancels its runs; other patches are validated whole', async () => {
    const { rt, team, call, manager } = await setup();
    await call(manager, 'PUT', '/api/v1/automations', [WELCOME, CHECK_IN]);
    const lead = await makeLead(rt, team.tenant.id);
    const active = await startRun(rt, { tenantId: team.tenant.id, ruleId: CHECK_IN.id, leadId: lead.id });

    const off = await call(manager, 'PATCH', `/api/v1/automations/${CHECK_IN.id}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ ruleId: CHECK_IN.id, version: 2, change: 'updated', cancelledRuns: 1 });
    expect(off.body.state).toMatchObject({ enabled: false, version: 2, activeRuns: 0 });
    expect(await runOf(rt, active.id)).toMatchObject({ status: 'cancelled', reason: 'rule disabled' });

    const renamed = await call(manager, 'PATCH', `/api/v1/automations/${WELCOME.id}`, { name: 'Hello text' });
    expect(renamed.body).toMatchObject({
      version: 2,
      change: 'updated',
      rule: { name: 'Hello text', then: WELCOME.then },
    });
    const typo = await call(manager, 'PATCH', `/api/v1/automations/${WELCOME.id}`, {
      then: [{ do: 'text_lead', template: '{{lead.nickname}}' }],
    });
    expect(typo.status).toBe(422);
    expect((typo.body.error as { message: string }).message).toContain(
      'then[0].template: unknown template variable {{lead.nickname}}',
    );
    const missing = await call(manager, 'PATCH', '/api/v1/automations/no-such-rule', { enabled: false });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found' });
  });

  it("an agent's key reads the rules but cannot PUT or PATCH them (403)", async () => {
    const { call, manager, agent } = await setup();
    await call(manager, 'PUT', '/api/v1/automations', [WELCOME]);
    expect((await call(agent, 'GET', '/api/v1/automations')).body.rules.map((r) => r.id)).toEqual([WELCOME.id]);
    const put = await call(agent, 'PUT', '/api/v1/automations', []);
    expect(put.status).toBe(403);
    expect(put.body.error).toMatchObject({ code: 'forbidden' });
    const patch = await call(agent, 'PATCH', `/api/v1/automations/${WELCOME.id}`, { enabled: false });
    expect(patch.status).toBe(403);
    expect((await call(agent, 'GET', '/api/v1/automations')).body.state[0]).toMatchObject({ enabled: true });
  });

  it('GET /api/v1/leads/:id lists her runs, active first, skipped ones left out', async () => {
    const { rt, team, call, manager } = await setup();
    await call(manager, 'PUT', '/api/v1/automations', [WELCOME, CHECK_IN]);
    const lead = await makeLead(rt, team.tenant.id);
    const nextAt = new Date('2026-12-04T16:00:00Z');
    const t = team.tenant.id;
    await startRun(rt, { tenantId: t, ruleId: CHECK_IN.id, leadId: lead.id, nextAt });
    await startRun(rt, {
      tenantId: t,
      ruleId: WELCOME.id,
      leadId: lead.id,
      status: 'skipped',
      at: new Date('2026-12-02T16:00:00Z'),
    });
    // Newer than the active run, yet listed after it.
    await startRun(rt, {
      tenantId: t,
      ruleId: WELCOME.id,
      leadId: lead.id,
      status: 'completed',
      nextAt: null,
      at: new Date('2026-12-02T17:00:00Z'),
    });
    const other = await makeLead(rt, t);
    await startRun(rt, { tenantId: t, ruleId: WELCOME.id, leadId: other.id });

    const res = await call(team.apiKey, 'GET', `/api/v1/leads/${lead.id}`);
    expect(res.status).toBe(200);
    expect(res.body.automations).toEqual([
      {
        ruleId: CHECK_IN.id,
        name: '5-day check-in',
        step: 2,
        of: 3,
        next: nextAt.toISOString(),
        status: 'active',
        reason: null,
      },
      { ruleId: WELCOME.id, name: 'Welcome text', step: 2, of: 3, next: null, status: 'completed', reason: null },
    ]);
    const quiet = await call(team.apiKey, 'GET', `/api/v1/leads/${(await makeLead(rt, t)).id}`);
    expect(quiet.body.automations).toEqual([]);
  });
});
