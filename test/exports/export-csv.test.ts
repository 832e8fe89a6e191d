import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../db/queries/exports/export-csv.ts';
import type { ExportKind } from '../../core/exports/export-kind.ts';
import { parseSince } from '../../core/exports/parse-since.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { cellOf, EVIL_NAME, readCsv, seedExportTeam } from './export-team.ts';

const NOW = '2026-03-04T15:00:00Z';

async function csvOf(rt: Runtime, what: ExportKind, tenantId: string, since?: Date): Promise<string> {
  let text = '';
  for await (const chunk of exportCsv(rt.db, what, { tenantId, since })) text += chunk;
  return text;
}

async function setup() {
  const rt = await createTestRuntime({ clock: fixedClock(NOW) });
  const seeded = await seedExportTeam(rt);
  const app = createApp(rt);
  const get = async <T>(path: string) => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${seeded.team.apiKey}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  return { rt, ...seeded, get, tenantId: seeded.team.tenant.id };
}

describe('CSV exports', () => {
  it('leads: BOM, one header row, CRLF records, RFC 4180 quoting, dotted columns, the REST values', async () => {
    const { rt, tenantId, ana, ben, get } = await setup();
    const text = await csvOf(rt, 'leads', tenantId);

    expect(text.startsWith('\uFEFFid,ghlContactId,name,phone,email,score,temperature,reasons,')).toBe(true);
    const [header] = text.slice(1).split('\r\n');
    expect(header).toBe(
      'id,ghlContactId,name,phone,email,score,temperature,reasons,assignee.id,assignee.name,assignee.email,createdAt',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    // A comma and quotes in a name: the field quoted and the quotes doubled. A line break inside a field is quoted too.
    expect(text).toContain(',"Lopez, Ana ""Annie""",+15125550142,');
    expect(text).toContain(',"Ben\nKim",');
    // Every record ends in CRLF; the only bare \n is the one inside Ben's quoted name.
    expect(text.replace(/\r\n/g, '').split('\n')).toHaveLength(2);

    const rows = readCsv(text);
    expect(rows.map((r) => r.id)).toEqual([ana.id, ben.id, expect.any(String)]);
    // Oldest first, ISO 8601 in UTC; the microseconds PostgreSQL keeps are cut to milliseconds, as the API does.
    expect(rows.map((r) => r.createdAt)).toEqual([
      '2026-02-01T10:00:00.123Z',
      '2026-03-01T12:00:00.000Z',
      '2026-03-03T08:00:00.000Z',
    ]);
    const list = await get<{ data: Array<Record<string, unknown>> }>('/api/v1/leads?limit=100');
    for (const row of rows) {
      const rest = list.data.find((l) => l.id === row.id)!;
      const detail = await get<{ assignee: { id: string; name: string; email: string } | null }>(
        `/api/v1/leads/${row.id}`,
      );
      const expected = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, cellOf(v)]));
      if (rest.name === EVIL_NAME) expected.name = `'${EVIL_NAME}`;
      expect(row).toMatchObject(expected);
      expect(row['assignee.id']).toBe(cellOf(detail.assignee?.id));
      expect(row['assignee.name']).toBe(cellOf(detail.assignee?.name));
      expect(row['assignee.email']).toBe(cellOf(detail.assignee?.email));
    }
    expect(rows[0]).toMatchObject({ 'assignee.name': 'dev', score: '88', temperature: 'hot' });
    expect(JSON.parse(rows[0].reasons)).toEqual([
      { factor: 'replied_fast', contribution: 22, text: 'Replied within 5 minutes, twice' },
    ]);
    // A formula from a web form opens as text, not as a live formula.
    expect(rows[2].name).toBe(`'${EVIL_NAME}`);
    expect(text).not.toContain('Gone Lead');
    expect(text).not.toContain('Stranger Danger');
  });

  it('alerts: the fields of the REST Alert object, timestamps in ISO 8601, nothing of another team', async () => {
    const { rt, tenantId, claimed, match, get } = await setup();
    const text = await csvOf(rt, 'alerts', tenantId);
    const rows = readCsv(text);
    expect(rows.map((r) => r.id)).toEqual([claimed.id, match.id]);
    for (const row of rows) {
      const rest = await get<Record<string, unknown>>(`/api/v1/alerts/${row.id}`);
      expect(Object.keys(row)).toEqual(Object.keys(rest).filter((k) => k in row));
      for (const [column, value] of Object.entries(row)) expect(value, column).toBe(cellOf(rest[column]));
    }
    expect(rows[0]).toMatchObject({ status: 'won', claimedAt: '2026-02-01T11:05:00.000Z', escalationLevel: '0' });
    expect(rows[1].reason).toBe('Matches "ATX-100", 3 bd\nnear Austin');
    expect(text).not.toContain('Stranger');
  });

  it('deals are opportunities with their lead dotted; the report counts alerts per team day and kind', async () => {
    const { rt, tenantId, ana } = await setup();
    const deals = readCsv(await csvOf(rt, 'deals', tenantId));
    expect(deals).toEqual([
      expect.objectContaining({
        ghlOpportunityId: 'opp-1',
        name: 'Ana, 3 bd Austin',
        status: 'won',
        outcome: 'won',
        monetaryValue: '450000.5',
        'lead.id': ana.id,
        'lead.name': 'Lopez, Ana "Annie"',
        outcomeAt: '2026-03-01T18:00:00.000Z',
        createdAt: '2026-02-02T09:00:00.000Z',
      }),
      expect.objectContaining({ ghlOpportunityId: 'opp-2', status: 'open', 'lead.id': '', 'lead.name': '' }),
    ]);
    const report = readCsv(await csvOf(rt, 'report', tenantId));
    expect(report).toEqual([
      { day: '2026-02-01', kind: 'hot_lead', alerts: '1', claimed: '1', contacted: '0', won: '1', lost: '0' },
      { day: '2026-03-02', kind: 'listing_match', alerts: '1', claimed: '0', contacted: '0', won: '0', lost: '0' },
    ]);
  });

  it('--since keeps rows created from then on (a date or Nd); an empty range still has its header', async () => {
    const { rt, tenantId, ben, eve, match } = await setup();
    const fromMarch = readCsv(await csvOf(rt, 'leads', tenantId, parseSince('2026-03-01', new Date(NOW))));
    expect(fromMarch.map((r) => r.id)).toEqual([ben.id, eve.id]);
    const lastTwoDays = readCsv(await csvOf(rt, 'leads', tenantId, parseSince('2d', new Date(NOW))));
    expect(lastTwoDays.map((r) => r.id)).toEqual([eve.id]);
    const alerts = readCsv(await csvOf(rt, 'alerts', tenantId, parseSince('2026-03-02T15:00:00Z', new Date(NOW))));
    expect(alerts.map((r) => r.id)).toEqual([match.id]);
    const none = await csvOf(rt, 'deals', tenantId, parseSince('2026-03-04', new Date(NOW)));
    expect(none).toBe(
      '\uFEFFid,ghlOpportunityId,name,status,outcome,monetaryValue,pipelineId,stageId,assignedTo,lead.id,lead.name,' +
        'outcomeAt,createdAt,updatedAt\r\n',
    );
  });

  it('pages through 12,001 rows sharing one created_at (to the microsecond): no repeat, no gap', async () => {
    const { rt, tenantId } = await setup();
    await rt.db.execute(sql`
      insert into alerts (id, tenant_id, kind, priority, status, dedupe_key, reason, created_at)
      select 'bulk-' || lpad(g::text, 6, '0'), ${tenantId}, 'stale_lead', 'low', 'open', 'bulk-' || g, 'Going cold',
             '2026-02-15 12:00:00.654321+00'
      from generate_series(1, 12001) g`);
    const rows = readCsv(await csvOf(rt, 'alerts', tenantId));
    const bulk = rows.filter((r) => r.id.startsWith('bulk-'));
    expect(bulk).toHaveLength(12_001);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(bulk.map((r) => r.id)).toEqual([...bulk.map((r) => r.id)].sort());
  });
});
