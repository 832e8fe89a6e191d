import { describe, expect, it } from 'vitest';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { readCsv, seedExportTeam } from './export-team.ts';

async function setup() {
  const rt = await createTestRuntime({ clock: fixedClock('2026-03-04T15:00:00Z') });
  const seeded = await seedExportTeam(rt);
  const app = createApp(rt);
  const key = async (agentId: string) =>
    (await issueAgentKey(rt, { tenantId: seeded.team.tenant.id, agentId, actor: { kind: 'cli' } })).apiKey;
  const keys = {
    team: seeded.team.apiKey,
    manager: await key(seeded.team.agents.maria.id),
    agent: await key(seeded.team.agents.dev.id),
  };
  const get = (path: string, as: keyof typeof keys = 'team') =>
    app.request(path, { headers: { authorization: `Bearer ${keys[as]}` } });
  return { ...seeded, get };
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('GET /api/v1/exports/<what>.csv', () => {
  it('streams the CSV as a download to the team key and to managers', async () => {
    const { get, ana, ben, eve } = await setup();
    const res = await get('/api/v1/exports/leads.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="leads-2026-03-04.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(bytes).map((r) => r.id)).toEqual([ana.id, ben.id, eve.id]);

    const byManager = await get('/api/v1/exports/alerts.csv?since=2026-03-01', 'manager');
    expect(byManager.status).toBe(200);
    expect(readCsv(await byManager.text()).map((r) => r.kind)).toEqual(['listing_match']);
    const report = await get('/api/v1/exports/report.csv?since=30d');
    expect(readCsv(await report.text())).toHaveLength(1);
  });

  it("refuses an agent's own key (403), and answers 422 for an unknown export or a bad since", async () => {
    const { get } = await setup();
    const agent = await get('/api/v1/exports/leads.csv', 'agent');
    expect(agent.status).toBe(403);
    expect((await errorOf(agent)).code).toBe('forbidden');

    for (const path of ['/api/v1/exports/contacts.csv', '/api/v1/exports/leads.json', '/api/v1/exports/leads']) {
      const res = await get(path);
      expect(res.status, path).toBe(422);
      expect(await errorOf(res), path).toEqual({
        code: 'validation_failed',
        message: 'file: must be one of leads.csv, alerts.csv, deals.csv, report.csv',
      });
    }
    const since = await get('/api/v1/exports/deals.csv?since=last-tuesday');
    expect(since.status).toBe(422);
    expect((await errorOf(since)).message).toMatch(/^since: must be an ISO date/);
  });
});
