import { eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { alerts, leads, opportunities } from '../../db/schema/index.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import type { AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTeam, type Team } from '../alerts-db/team.ts';

export interface ExportTeam {
  team: Team;
  ana: Lead;
  ben: Lead;
  eve: Lead;
  claimed: AlertRow;
  match: AlertRow;
  /** Another team's lead: never in this team's files. */
  stranger: Lead;
}

export const EVIL_NAME = '=HYPERLINK("http://evil.test","open me")';

/**
 * A small team whose data has every CSV hazard: a comma and quotes in a name, a line break, a formula,
 * a lead with no assignee, a deleted lead, times with microseconds, and a second team next to it.
 */
export async function seedExportTeam(rt: Runtime): Promise<ExportTeam> {
  const team = await createTeam(rt, { maria: { role: 'manager' }, dev: {} });
  const tenantId = team.tenant.id;
  const ana = await createLead(rt.db, {
    tenantId,
    name: 'Lopez, Ana "Annie"',
    phone: '+15125550142',
    email: 'ana@example.com',
    score: 88,
    temperature: 'hot',
    reasons: [{ factor: 'replied_fast', contribution: 22, text: 'Replied within 5 minutes, twice' }],
    assigneeId: team.agents.dev.id,
    createdAt: new Date('2026-02-01T10:00:00.123Z'),
  });
  const ben = await createLead(rt.db, {
    tenantId,
    name: 'Ben\nKim',
    createdAt: new Date('2026-03-01T12:00:00Z'),
  });
  const eve = await createLead(rt.db, { tenantId, name: EVIL_NAME, createdAt: new Date('2026-03-03T08:00:00Z') });
  await createLead(rt.db, { tenantId, name: 'Gone Lead', deletedAt: new Date('2026-03-02T00:00:00Z') });
  // Microseconds, as PostgreSQL's now() stamps them: a page boundary here must neither repeat nor skip a row.
  await rt.db.execute(sql`update leads set created_at = '2026-02-01 10:00:00.123456+00' where id = ${ana.id}`);

  const alert = (leadId: string, kind: string, reason: string, createdAt: string, listingKey: string | null = null) =>
    insertAlert(rt.db, {
      tenantId,
      kind,
      priority: 'high',
      leadId,
      listingKey,
      dedupeKey: `${kind}:${leadId}`,
      reason,
      expiresAt: new Date('2026-04-01T00:00:00Z'),
      createdAt: new Date(createdAt),
    }) as Promise<AlertRow>;
  const claimed = await alert(ana.id, 'hot_lead', 'Score jumped to 88', '2026-02-01T11:00:00Z');
  const match = await alert(
    ben.id,
    'listing_match',
    'Matches "ATX-100", 3 bd\nnear Austin',
    '2026-03-02T15:00:00Z',
    'ATX-100',
  );
  await rt.db
    .update(alerts)
    .set({ claimedAt: new Date('2026-02-01T11:05:00Z'), assigneeId: team.agents.dev.id, status: 'won' })
    .where(eq(alerts.id, claimed.id));
  await rt.db.insert(opportunities).values([
    {
      tenantId,
      ghlOpportunityId: 'opp-1',
      leadId: ana.id,
      name: 'Ana, 3 bd Austin',
      status: 'won',
      outcome: 'won',
      monetaryValue: 450000.5,
      stageId: 'Closed',
      outcomeAt: new Date('2026-03-01T18:00:00Z'),
      createdAt: new Date('2026-02-02T09:00:00Z'),
    },
    {
      tenantId,
      ghlOpportunityId: 'opp-2',
      status: 'open',
      stageId: 'New',
      createdAt: new Date('2026-03-02T09:00:00Z'),
    },
  ]);

  const other = await createTeam(rt, { zed: {} });
  const stranger = await createLead(rt.db, { tenantId: other.tenant.id, name: 'Stranger Danger' });
  await insertAlert(rt.db, {
    tenantId: other.tenant.id,
    kind: 'hot_lead',
    priority: 'high',
    leadId: stranger.id,
    listingKey: null,
    dedupeKey: 'other',
    reason: 'Stranger is hot',
    expiresAt: new Date('2026-04-01T00:00:00Z'),
    createdAt: new Date('2026-03-01T00:00:00Z'),
  });
  const [reloaded] = await rt.db.select().from(leads).where(eq(leads.id, ana.id));
  return {
    team,
    ana: reloaded,
    ben,
    eve,
    claimed: await alertById(rt, claimed.id),
    match: await alertById(rt, match.id),
    stranger,
  };
}

async function alertById(rt: Runtime, id: string): Promise<AlertRow> {
  const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

/** A CSV file as a spreadsheet app or script would read it: records keyed by the header row. */
export function readCsv(text: string | Buffer): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
}

/** What a REST value looks like in its CSV cell. */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
