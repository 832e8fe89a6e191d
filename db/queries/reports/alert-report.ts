import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { ReportDimension, ReportFigures } from '../../../core/reports/report-options.ts';
import { agents, alerts, leads, listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export interface ReportRow extends ReportFigures {
  /** The group's name (an agent, a source, a kind, a city), or `all` for the team's totals. */
  group: string;
}

// Literals are raw SQL, not parameters, and the rows are grouped by position: GROUP BY must see the very
// same expression as the select list, and two parameters with equal values are not the same expression.
const GROUPS: Record<ReportDimension, SQL<string>> = {
  agent: sql`coalesce(${agents.name}, 'unassigned')`,
  source: sql`coalesce(nullif(trim(${leads.source}), ''), 'unknown')`,
  kind: sql`${alerts.kind}`,
  area: sql`coalesce(nullif(trim(${listings.city}), ''), nullif(trim(${leads.city}), ''), ${leads.areas}[1],
    'unknown')`,
};

type Stamp = typeof alerts.claimedAt | typeof alerts.contactedAt;
const minutesTo = (at: Stamp) => sql`extract(epoch from (${at} - ${alerts.createdAt})) / 60.0`;
// percentile_cont skips nulls, so an alert nobody claimed (or contacted) simply does not count in its figure.
const percentile = (p: number, at: Stamp) =>
  sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by ${minutesTo(at)})`;
const count = (filter: SQL) => sql<number>`count(*) filter (where ${filter})`.mapWith(Number);

// A GHL appointment (AppointmentCreate/Update, recorded as a lead activity by crm-apply) booked by the
// alert's lead at or after the alert: the alert led to a showing or a consult.
const bookedAfter = sql`exists (select 1 from lead_activities la
  where la.tenant_id = ${alerts.tenantId} and la.lead_id = ${alerts.leadId}
  and la.kind = 'appointment' and la.occurred_at >= ${alerts.createdAt})`;

/**
 * Alert volume, claims, first contacts, appointments and wins, with median and p90 minutes to claim and
 * to first human contact, for the alerts a team raised in [since, until); grouped by `by`, or one row
 * for the whole team without it.
 * @example await alertReport(db, tenantId, { since, until, by: 'source' }) // [{ group: 'zillow', alerts: 12, … }]
 */
export async function alertReport(
  db: Executor,
  tenantId: string,
  period: { since: Date; until: Date; by?: ReportDimension },
): Promise<ReportRow[]> {
  const group = period.by ? GROUPS[period.by] : sql<string>`'all'`;
  const rows = await db
    .select({
      group,
      alerts: sql<number>`count(*)`.mapWith(Number),
      claimed: count(sql`${alerts.claimedAt} is not null`),
      contacted: count(sql`${alerts.contactedAt} is not null`),
      appointments: count(bookedAfter),
      won: count(sql`${alerts.status} = 'won'`),
      claimP50: percentile(0.5, alerts.claimedAt),
      claimP90: percentile(0.9, alerts.claimedAt),
      contactP50: percentile(0.5, alerts.contactedAt),
      contactP90: percentile(0.9, alerts.contactedAt),
    })
    .from(alerts)
    .leftJoin(agents, eq(agents.id, alerts.assigneeId))
    .leftJoin(leads, and(eq(leads.id, alerts.leadId), eq(leads.tenantId, alerts.tenantId)))
    .leftJoin(listings, and(eq(listings.tenantId, alerts.tenantId), eq(listings.listingKey, alerts.listingKey)))
    .where(and(eq(alerts.tenantId, tenantId), gte(alerts.createdAt, period.since), lt(alerts.createdAt, period.until)))
    .groupBy(sql`1`)
    .orderBy(sql`2 desc, 1`);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows
    .filter((r) => r.alerts > 0)
    .map((r) => ({
      ...r,
      group: String(r.group),
      claimP50: num(r.claimP50),
      claimP90: num(r.claimP90),
      contactP50: num(r.contactP50),
      contactP90: num(r.contactP90),
    }));
}
