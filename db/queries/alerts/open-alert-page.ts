import { and, asc, desc, eq, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { agents, alerts, leads, listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { TERMINAL_STATUSES } from '../../../core/alerts/alert-types.ts';
import type { AlertRow } from './get-alert.ts';

export interface OpenAlertFilter {
  /** Only alerts this agent holds. */
  assigneeId?: string;
  /** Only alerts nobody holds. */
  unassigned?: boolean;
  kind?: string;
  priority?: AlertRow['priority'];
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** One line of the triage list: the alert and just enough about its lead, listing and holder to read it. */
export interface OpenAlertLine {
  id: string;
  kind: string;
  priority: AlertRow['priority'];
  status: AlertRow['status'];
  reason: string;
  createdAt: Date;
  snoozedUntil: Date | null;
  leadName: string | null;
  /** The listing row exists: a match kind can then be sent to the lead. */
  hasListing: boolean;
  assignee: { id: string; name: string; email: string } | null;
}

// Most urgent first; the enum's text order (critical < high < low < normal) is not urgency.
const URGENCY = sql`case ${alerts.priority} when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/**
 * One page of a tenant's alerts that are still in play (not won, lost, dismissed or expired; a
 * snoozed alert is still in play), most urgent then newest first, with the total for "page 2 of 3".
 * @example await openAlertPage(db, tenantId, { unassigned: true, page: 1, pageSize: 10 })
 */
export async function openAlertPage(
  db: Executor,
  tenantId: string,
  filter: OpenAlertFilter,
): Promise<{ lines: OpenAlertLine[]; total: number }> {
  const where: SQL[] = [eq(alerts.tenantId, tenantId), notInArray(alerts.status, [...TERMINAL_STATUSES])];
  if (filter.assigneeId) where.push(eq(alerts.assigneeId, filter.assigneeId));
  if (filter.unassigned) where.push(isNull(alerts.assigneeId));
  if (filter.kind) where.push(eq(alerts.kind, filter.kind));
  if (filter.priority) where.push(eq(alerts.priority, filter.priority));
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(alerts)
    .where(and(...where));
  const lines = await alertLines(db, and(...where)!, (q) =>
    q
      .orderBy(asc(URGENCY), desc(alerts.createdAt), desc(alerts.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  );
  return { lines, total };
}

/** These alerts of the tenant, in play or not, in the order asked (for saying what a bulk action did to each). */
export async function alertLinesByIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<OpenAlertLine[]> {
  if (ids.length === 0) return [];
  const lines = await alertLines(db, and(eq(alerts.tenantId, tenantId), inArray(alerts.id, [...ids]))!, (q) => q);
  return ids.flatMap((id) => lines.filter((l) => l.id === id));
}

function lineQuery(db: Executor, where: SQL) {
  return db
    .select({
      alert: alerts,
      leadName: leads.name,
      leadFirst: leads.firstName,
      leadLast: leads.lastName,
      listingKey: listings.listingKey,
      assigneeName: agents.name,
      assigneeEmail: agents.email,
    })
    .from(alerts)
    .leftJoin(leads, and(eq(leads.tenantId, alerts.tenantId), eq(leads.id, alerts.leadId)))
    .leftJoin(listings, and(eq(listings.tenantId, alerts.tenantId), eq(listings.listingKey, alerts.listingKey)))
    .leftJoin(agents, and(eq(agents.tenantId, alerts.tenantId), eq(agents.id, alerts.assigneeId)))
    .where(where)
    .$dynamic();
}

async function alertLines(
  db: Executor,
  where: SQL,
  shape: (q: ReturnType<typeof lineQuery>) => ReturnType<typeof lineQuery>,
): Promise<OpenAlertLine[]> {
  const rows = await shape(lineQuery(db, where));
  return rows.map(
    (r): OpenAlertLine => ({
      id: r.alert.id,
      kind: r.alert.kind,
      priority: r.alert.priority,
      status: r.alert.status,
      reason: r.alert.reason,
      createdAt: r.alert.createdAt,
      snoozedUntil: r.alert.snoozedUntil,
      leadName: r.leadName || [r.leadFirst, r.leadLast].filter(Boolean).join(' ') || null,
      hasListing: r.listingKey !== null,
      assignee:
        r.alert.assigneeId && r.assigneeName && r.assigneeEmail
          ? { id: r.alert.assigneeId, name: r.assigneeName, email: r.assigneeEmail }
          : null,
    }),
  );
}
