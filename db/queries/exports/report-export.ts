import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { FlatRow } from '../../../core/exports/flatten-row.ts';
import type { Executor } from '../../client.ts';
import { alerts, tenants } from '../../schema/index.ts';
import type { ExportScope } from './export-scope.ts';

/**
 * The report export: per day (in the team's time zone) and alert kind, how many alerts were raised
 * and how far they got. There is no per-dimension report query yet, so this is the alert funnel
 * by day and kind; a few hundred rows for a year, so it is read in one query.
 */
export const REPORT_COLUMNS = ['day', 'kind', 'alerts', 'claimed', 'contacted', 'won', 'lost'] as const;

const where = (scope: ExportScope): SQL[] => [
  eq(alerts.tenantId, scope.tenantId),
  ...(scope.since ? [gte(alerts.createdAt, scope.since)] : []),
];

// Joined, not a sub-select with the tenant id as a parameter: GROUP BY must see the very same expression.
const day = sql<string>`to_char(${alerts.createdAt} at time zone ${tenants.timezone}, 'YYYY-MM-DD')`;

async function reportRows(db: Executor, scope: ExportScope): Promise<FlatRow[]> {
  const n = (filter: SQL) => sql<number>`count(*) filter (where ${filter})`.mapWith(Number);
  return db
    .select({
      day,
      kind: alerts.kind,
      alerts: sql<number>`count(*)`.mapWith(Number),
      claimed: n(sql`${alerts.claimedAt} is not null`),
      contacted: n(sql`${alerts.contactedAt} is not null`),
      won: n(sql`${alerts.status} = 'won'`),
      lost: n(sql`${alerts.status} = 'lost'`),
    })
    .from(alerts)
    .innerJoin(tenants, eq(tenants.id, alerts.tenantId))
    .where(and(...where(scope)))
    .groupBy(day, alerts.kind)
    .orderBy(day, alerts.kind);
}

/** The report as one page (nothing when the team had no alerts in the range). */
export async function* reportExportPages(db: Executor, scope: ExportScope): AsyncGenerator<FlatRow[]> {
  yield await reportRows(db, scope);
}

/** Rows the report will have: one per (day, kind) with alerts. */
export async function countReportExport(db: Executor, scope: ExportScope): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct (${day}, ${alerts.kind}))`.mapWith(Number) })
    .from(alerts)
    .innerJoin(tenants, eq(tenants.id, alerts.tenantId))
    .where(and(...where(scope)));
  return row?.n ?? 0;
}
