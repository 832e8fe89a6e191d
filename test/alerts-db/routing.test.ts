import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { alertAssignments, alerts, deliveries } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import type { RoutingRecord } from '../../core/routing/routing-record.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { WEEKDAYS_9_TO_6, createAlert, createTeam, recordingChannel, runJob, type Team } from './team.ts';
import type { Runtime } from '../../jobs/runtime.ts';

const WEDNESDAY_NOON_CDT = '2026-03-11T17:00:00Z';

async function setup(rules?: unknown[]) {
  const clock = fixedClock(WEDNESDAY_NOON_CDT);
  const rt = await createTestRuntime({ clock });
  recordingChannel(rt);
  const hours = { workingHours: WEEKDAYS_9_TO_6 };
  const team = await createTeam(rt, {
    ana: { ...hours, areas: ['Austin'], languages: ['en', 'es'], skills: ['luxury'] },
    ben: { ...hours, areas: ['Austin'], paused: true },
    cara: { ...hours, areas: ['Austin'], vacationUntil: new Date('2026-03-20T00:00:00Z') },
    fay: { ...hours, weight: 3 },
    gus: { ...hours, weight: 1 },
    mia: { ...hours, role: 'manager' },
  });
  if (rules) {
    const ids = (names: string[]) => names.map((n) => team.agents[n].id);
    const resolved = JSON.parse(JSON.stringify(rules), (key, value) =>
      key === 'agentIds' || key === 'nextPool' ? ids(value) : value,
    );
    const res = await createApp(rt).request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rules: resolved }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  return { rt, clock, team };
}

async function route(rt: Runtime, team: Team, over: Parameters<typeof createAlert>[2] = {}) {
  const alert = await createAlert(rt, team, over);
  await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
  const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
  const sent = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, alert.id));
  return { alert: row, routing: row.routing as unknown as RoutingRecord, deliveries: sent };
}

const RULES = [
  { name: 'Spanish speakers', condition: { field: 'language', in: ['es'] }, strategy: 'skill' },
  { name: 'Austin territory', condition: { field: 'area', in: ['Austin'] }, strategy: 'territory' },
  {
    name: 'Rentals',
    condition: { field: 'tags', in: ['rental'] },
    strategy: 'least_loaded',
    pool: { agentIds: ['fay', 'gus'] },
  },
  {
    name: 'Zillow',
    condition: { field: 'source', in: ['Zillow'] },
    strategy: 'first_to_claim',
    pool: { agentIds: ['fay', 'gus', 'ben'], claimTimeoutMinutes: 3 },
  },
  { name: 'Stale to manager', condition: { field: 'kind', in: ['stale_lead'] }, strategy: 'manager' },
  { name: 'Everyone else', strategy: 'round_robin', pool: { agentIds: ['fay', 'gus'] } },
];

describe('routing over the database', () => {
  it('territory: assigns the free Austin agent, stores why the others were skipped, and plans her delivery', async () => {
    const { rt, team } = await setup(RULES);
    const { alert, routing, deliveries: sent } = await route(rt, team, { lead: { city: 'Austin' } });
    expect(alert).toMatchObject({ status: 'assigned', assigneeId: team.agents.ana.id });
    expect(routing.explanation).toMatchObject({ ruleName: 'Austin territory', strategy: 'territory' });
    expect(routing.explanation.skipped).toEqual(
      expect.arrayContaining([
        { agentId: team.agents.ben.id, reason: 'paused' },
        expect.objectContaining({ agentId: team.agents.cara.id, reason: 'on_vacation' }),
      ]),
    );
    expect(sent).toEqual([
      expect.objectContaining({ channel: 'slack', recipient: 'U_ANA', status: 'pending', sendAfter: null }),
    ]);
    expect(alert.escalateAt).not.toBeNull();
    const assignments = await rt.db.select().from(alertAssignments).where(eq(alertAssignments.alertId, alert.id));
    expect(assignments).toEqual([expect.objectContaining({ kind: 'route', agentId: team.agents.ana.id })]);
  });

  it('skill: a Spanish-speaking lead goes to the agent who speaks Spanish', async () => {
    const { rt, team } = await setup(RULES);
    const { alert, routing } = await route(rt, team, { lead: { language: 'es' } });
    expect(alert.assigneeId).toBe(team.agents.ana.id);
    expect(routing.explanation.ruleName).toBe('Spanish speakers');
  });

  it('least_loaded: the rental goes to whoever holds fewer open alerts', async () => {
    const { rt, team } = await setup(RULES);
    await route(rt, team, { lead: { tags: ['rental'] }, dedupeKey: 'r1' });
    const second = await route(rt, team, { lead: { tags: ['rental'] }, dedupeKey: 'r2' });
    const first = await rt.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, team.tenant.id), eq(alerts.dedupeKey, 'r1')));
    expect(new Set([first[0].assigneeId, second.alert.assigneeId])).toEqual(
      new Set([team.agents.fay.id, team.agents.gus.id]),
    );
  });

  it('weighted round robin keeps its turns in the database: weights 3:1 give 3 alerts to fay and 1 to gus', async () => {
    const { rt, team } = await setup(RULES);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push((await route(rt, team, { dedupeKey: `rr${i}` })).alert.assigneeId!);
    expect(got.filter((id) => id === team.agents.fay.id)).toHaveLength(3);
    expect(got.filter((id) => id === team.agents.gus.id)).toHaveLength(1);
  });

  it('manager: a stale lead goes to the manager', async () => {
    const { rt, team } = await setup(RULES);
    const { alert } = await route(rt, team, { kind: 'stale_lead' });
    expect(alert.assigneeId).toBe(team.agents.mia.id);
  });

  it('first to claim: offers to the free pool, then on timeout falls through to round robin, recording each step', async () => {
    const { rt, clock, team } = await setup(RULES);
    const offered = await route(rt, team, { lead: { source: 'Zillow' } });
    expect(offered.alert.status).toBe('open');
    expect(offered.routing.decision.kind).toBe('offer');
    expect(offered.deliveries.map((d) => d.recipient).sort()).toEqual(['U_FAY', 'U_GUS']);
    expect(offered.routing.explanation.skipped).toContainEqual({ agentId: team.agents.ben.id, reason: 'paused' });

    clock.advance(2 * 60_000);
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: offered.alert.id });
    expect((await rt.db.select().from(alerts).where(eq(alerts.id, offered.alert.id)))[0].status).toBe('open');

    clock.advance(2 * 60_000);
    await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: offered.alert.id });
    const [after] = await rt.db.select().from(alerts).where(eq(alerts.id, offered.alert.id));
    const routing = after.routing as unknown as RoutingRecord;
    expect(after.status).toBe('assigned');
    expect([team.agents.fay.id, team.agents.gus.id]).toContain(after.assigneeId);
    expect(routing.history.map((h) => h.stage)).toEqual(['route', 'fallthrough']);
    expect(routing.explanation.steps[0]).toMatch(/timed out unclaimed/);
    const sent = await rt.db.select().from(deliveries).where(eq(deliveries.alertId, after.id));
    expect(sent).toHaveLength(3); // two offers, then "it's yours" to the one it fell to
  });

  it('with no rules stored, the default offers to every available agent and names the unavailable ones', async () => {
    const { rt, team } = await setup();
    const { routing, deliveries: sent } = await route(rt, team);
    expect(routing.explanation.ruleName).toMatch(/^Default/);
    expect(sent.map((d) => d.recipient).sort()).toEqual(['U_ANA', 'U_FAY', 'U_GUS', 'U_MIA']);
    expect(routing.explanation.skipped.map((s) => s.reason).sort()).toEqual(['on_vacation', 'paused']);
  });

  it('rejects a table without a catch-all and names the bad rule, changing nothing', async () => {
    const { rt, team } = await setup(RULES);
    const app = createApp(rt);
    const res = await app.request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [{ name: 'VIP', condition: { field: 'tags', in: ['vip'] }, strategy: 'teleport' }],
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/rule 1 "VIP": strategy/);
    const noCatchAll = await app.request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'VIP', condition: { field: 'tags', in: ['vip'] }, strategy: 'manager' }]),
    });
    expect(((await noCatchAll.json()) as { error: { message: string } }).error.message).toMatch(/must be a catch-all/);
    const now = (await (
      await app.request('/api/v1/routing-rules', { headers: { authorization: `Bearer ${team.apiKey}` } })
    ).json()) as { rules: unknown[] };
    expect(now.rules).toHaveLength(RULES.length);
  });
});
