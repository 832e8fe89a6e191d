import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createAlert, createTeam, type Team } from '../alerts-db/team.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

type App = ReturnType<typeof createApp>;
interface Probe {
  method: string;
  path: string;
  body?: unknown;
  /** Which of tenant A's keys calls: the team key, a manager's or a plain agent's. */
  as: 'team' | 'manager' | 'agent';
}
/** Everything tenant B owns that A's calls might name. */
interface Victim {
  alertId: string;
  leadId: string;
  agentId: string;
  listingKey: string;
  searchId: string;
  /** An automation rule id only B has. */
  ruleId: string;
  /** A's own ids, for requests that are A's but point at B's people. */
  own: { alertId: string; leadId: string; agentId: string };
}

/**
 * Each documented `/api/v1` route → the requests tenant A makes at tenant B's data with it. A route the
 * document lists but this table lacks fails the sweep, so a new route cannot ship unswept.
 */
const PROBES: Record<string, (v: Victim) => Probe[]> = {
  'get /api/v1/alerts': () => [{ method: 'GET', path: '/api/v1/alerts?limit=100', as: 'team' }],
  'get /api/v1/alerts/{id}': (v) => [{ method: 'GET', path: `/api/v1/alerts/${v.alertId}`, as: 'manager' }],
  'post /api/v1/alerts/{id}/actions': (v) => [
    { method: 'POST', path: `/api/v1/alerts/${v.alertId}/actions`, body: { action: 'claim' }, as: 'agent' },
    {
      method: 'POST',
      path: `/api/v1/alerts/${v.alertId}/actions`,
      body: { action: 'claim', agentId: v.own.agentId },
      as: 'team',
    },
    // A's own alert handed to B's agent.
    {
      method: 'POST',
      path: `/api/v1/alerts/${v.own.alertId}/actions`,
      body: { action: 'assign', agentId: v.agentId },
      as: 'manager',
    },
  ],
  'post /api/v1/events': (v) => [
    {
      method: 'POST',
      path: '/api/v1/events',
      body: {
        id: 'evt_cross',
        type: 'contact.upserted',
        occurredAt: '2026-03-01T10:00:00Z',
        contact: { id: v.leadId, name: 'Mallory', phone: '+15125550142', email: 'mallory@evil.test' },
      },
      as: 'team',
    },
  ],
  'get /api/v1/leads': () => [{ method: 'GET', path: '/api/v1/leads?limit=100', as: 'team' }],
  'get /api/v1/leads/{id}': (v) => [{ method: 'GET', path: `/api/v1/leads/${v.leadId}`, as: 'manager' }],
  'delete /api/v1/leads/{id}': (v) => [{ method: 'DELETE', path: `/api/v1/leads/${v.leadId}`, as: 'team' }],
  'post /api/v1/listings': (v) => [
    {
      method: 'POST',
      path: '/api/v1/listings',
      body: {
        listings: [
          {
            ListingKey: v.listingKey,
            StandardStatus: 'Closed',
            ListPrice: 1,
            City: 'Nowhere',
            ModificationTimestamp: '2026-12-01T00:00:00Z',
          },
        ],
      },
      as: 'team',
    },
  ],
  'get /api/v1/listings/{listingKey}': (v) => [
    { method: 'GET', path: `/api/v1/listings/${v.listingKey}`, as: 'manager' },
  ],
  'get /api/v1/routing-rules': () => [{ method: 'GET', path: '/api/v1/routing-rules', as: 'manager' }],
  'put /api/v1/routing-rules': (v) => [
    {
      method: 'PUT',
      path: '/api/v1/routing-rules',
      body: { rules: [{ name: 'Steal', condition: { field: 'area', in: ['Austin'] }, agentIds: [v.agentId] }] },
      as: 'manager',
    },
  ],
  'post /api/v1/saved-searches': (v) => [
    { method: 'POST', path: '/api/v1/saved-searches', body: { leadId: v.leadId, maxPrice: 1 }, as: 'team' },
  ],
  'get /api/v1/saved-searches': () => [{ method: 'GET', path: '/api/v1/saved-searches', as: 'team' }],
  'patch /api/v1/saved-searches/{id}': (v) => [
    { method: 'PATCH', path: `/api/v1/saved-searches/${v.searchId}`, body: { maxPrice: 1 }, as: 'manager' },
  ],
  'delete /api/v1/saved-searches/{id}': (v) => [
    { method: 'DELETE', path: `/api/v1/saved-searches/${v.searchId}`, as: 'manager' },
  ],
  'get /api/v1/stats/speed-to-lead': () => [{ method: 'GET', path: '/api/v1/stats/speed-to-lead', as: 'team' }],
  'get /api/v1/agents/{id}': (v) => [{ method: 'GET', path: `/api/v1/agents/${v.agentId}`, as: 'manager' }],
  'patch /api/v1/agents/{id}': (v) => [
    { method: 'PATCH', path: `/api/v1/agents/${v.agentId}`, body: { paused: true }, as: 'manager' },
  ],
  'get /api/v1/exports/{file}': () =>
    ['leads', 'alerts', 'deals', 'report'].map((what) => ({
      method: 'GET',
      path: `/api/v1/exports/${what}.csv`,
      as: 'manager' as const,
    })),
  'get /api/v1/automations': () => [{ method: 'GET', path: '/api/v1/automations', as: 'manager' }],
  'put /api/v1/automations': (v) => [
    {
      method: 'PUT',
      path: '/api/v1/automations',
      body: [{ ...welcomeRule('alpha-welcome'), then: [{ do: 'enroll', ruleId: v.ruleId }] }],
      as: 'manager',
    },
  ],
  'patch /api/v1/automations/{ruleId}': (v) => [
    { method: 'PATCH', path: `/api/v1/automations/${v.ruleId}`, body: { enabled: false }, as: 'manager' },
  ],
  'get /api/v1/settings': () => [{ method: 'GET', path: '/api/v1/settings', as: 'manager' }],
  'patch /api/v1/settings': () => [
    { method: 'PATCH', path: '/api/v1/settings', body: { delivery: { perHour: 1 } }, as: 'manager' },
  ],
};

const welcomeRule = (id: string) => ({
  id,
  name: `Welcome (${id})`,
  when: { event: 'lead_created' },
  then: [{ do: 'text_lead', template: 'Welcome!' }],
});

/** Every row of every table that carries B's tenant id: what A's calls must leave exactly as it was. */
async function snapshotOf(rt: Runtime, tenantId: string): Promise<Record<string, unknown[]>> {
  const result = await rt.db.execute(
    sql`select table_name from information_schema.columns
        where column_name = 'tenant_id' and table_schema = 'public' order by table_name`,
  );
  const tables = (result as unknown as { rows: Array<{ table_name: string }> }).rows.map((r) => r.table_name);
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await rt.db.execute(
      sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where tenant_id = ${tenantId}`,
    );
    snapshot[table] = (rows as unknown as { rows: Array<{ row: unknown }> }).rows
      .map((r) => JSON.stringify(r.row))
      .sort();
  }
  return snapshot;
}

async function seedTeam(rt: Runtime, app: App, name: string, listingKey: string) {
  const team: Team = await createTeam(rt, { [`${name}_agent`]: {}, [`${name}_boss`]: { role: 'manager' } });
  const agent = team.agents[`${name}_agent`];
  const manager = team.agents[`${name}_boss`];
  const alert = await createAlert(rt, team, { lead: { name: `${name} Lead`, email: `${name}@lead.test` } });
  const key = async (agentId: string) =>
    (await issueAgentKey(rt, { tenantId: team.tenant.id, agentId, actor: { kind: 'cli' } })).apiKey;
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const listing = {
    ListingKey: listingKey,
    StandardStatus: 'Active',
    ListPrice: 500_000,
    City: 'Austin',
    PostalCode: '78704',
    ModificationTimestamp: '2026-11-30T12:00:00Z',
  };
  expect((await post('/api/v1/listings', { listings: [listing] })).status).toBe(200);
  const search = await post('/api/v1/saved-searches', { leadId: alert.leadId, maxPrice: 600_000 });
  expect(search.status).toBe(201);
  const rules = await app.request('/api/v1/automations', {
    method: 'PUT',
    headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify([welcomeRule(`${name}-welcome`)]),
  });
  expect(rules.status).toBe(200);
  return {
    team,
    alert,
    agent,
    manager,
    searchId: ((await search.json()) as { id: string }).id,
    keys: { team: team.apiKey, manager: await key(manager.id), agent: await key(agent.id) },
  };
}

describe('tenant isolation sweep over every /api/v1 route', () => {
  it("no call of tenant A exposes or changes tenant B's data, whatever B id it names", async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    const a = await seedTeam(rt, app, 'alpha', 'A-ONLY-1');
    const b = await seedTeam(rt, app, 'bravo', 'B-ONLY-1');
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    const unswept = documented.filter((route) => route !== 'get /api/v1/openapi.json' && !PROBES[route]);
    expect(unswept, 'routes the isolation sweep does not cover yet').toEqual([]);

    const victim: Victim = {
      alertId: b.alert.id,
      leadId: b.alert.leadId!,
      agentId: b.agent.id,
      listingKey: 'B-ONLY-1',
      searchId: b.searchId,
      ruleId: 'bravo-welcome',
      own: { alertId: a.alert.id, leadId: a.alert.leadId!, agentId: a.agent.id },
    };
    // What would betray B in any answer: its ids, its people's names and addresses.
    const secrets = [b.team.tenant.id, b.alert.id, b.alert.leadId!, b.agent.id, b.manager.id, b.searchId];
    const words = ['bravo Lead', 'bravo@lead.test', 'bravo_agent', 'bravo_boss', 'B-ONLY-1', 'bravo-welcome'];
    const before = await snapshotOf(rt, b.team.tenant.id);

    const covered: string[] = [];
    for (const route of documented.filter((r) => PROBES[r])) {
      for (const probe of PROBES[route](victim)) {
        const res = await app.request(probe.path, {
          method: probe.method,
          headers: {
            authorization: `Bearer ${a.keys[probe.as]}`,
            ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
        });
        const text = await res.text();
        const where = `${probe.as} ${probe.method} ${probe.path} → ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        // Listings are keyed per tenant: A may create its own `B-ONLY-1` and read it back.
        // An id the caller itself sent may be echoed back ("No lead <id> in this team"); anything else may not.
        const asked = probe.path + JSON.stringify(probe.body ?? '');
        const leaks = [...secrets, ...(route.includes('listings') ? [] : words)].filter(
          (s) => text.includes(s) && !asked.includes(s),
        );
        expect(leaks, where).toEqual([]);
        covered.push(`${probe.as} ${probe.method} ${probe.path.replace(/\?.*$/, '')} → ${res.status}`);
      }
    }
    expect(await snapshotOf(rt, b.team.tenant.id)).toEqual(before);
    // The list of what was swept, for the record (printed once per run).
    console.info(`isolation sweep covered ${covered.length} requests:\n${covered.join('\n')}`);
  });
});
