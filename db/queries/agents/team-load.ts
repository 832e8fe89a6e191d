import { and, eq, gte, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { TERMINAL_STATUSES } from '../../../core/alerts/alert-types.ts';

export interface AgentLoad {
  agentId: string;
  /** Alerts the agent holds that are still in play. */
  openAlerts: number;
  /** Alerts the agent holds that were claimed or assigned to them since `dayStart`. */
  claimedToday: number;
  /** Their alerts first contacted since `weekStart`. */
  firstContacts: number;
  /** Median minutes from the alert to its first contact (`contacted_at - created_at`) over those; null when none. */
  medianFirstContactMinutes: number | null;
}

const open = notInArray(alerts.status, [...TERMINAL_STATUSES]);
const minutes = sql`extract(epoch from (${alerts.contactedAt} - ${alerts.createdAt})) / 60.0`;

/**
 * Each agent's load and pace, from the alerts they hold: one pass over the tenant's alerts that are
 * either still in play, claimed today or contacted this week (closed history older than that is not read).
 * @example await teamLoad(db, tenantId, teamPeriods(clock.now(), tenant.timezone))
 */
export async function teamLoad(
  db: Executor,
  tenantId: string,
  periods: { dayStart: Date; weekStart: Date },
): Promise<AgentLoad[]> {
  const { dayStart, weekStart } = periods;
  const contactedThisWeek = sql`${alerts.contactedAt} >= ${weekStart}`;
  const rows = await db
    .select({
      agentId: alerts.assigneeId,
      openAlerts: sql<number>`count(*) filter (where ${open})`.mapWith(Number),
      claimedToday: sql<number>`count(*) filter (where ${alerts.claimedAt} >= ${dayStart})`.mapWith(Number),
      firstContacts: sql<number>`count(*) filter (where ${contactedThisWeek})`.mapWith(Number),
      median: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${minutes}) filter (where ${contactedThisWeek})`,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        isNotNull(alerts.assigneeId),
        or(open, gte(alerts.claimedAt, dayStart), gte(alerts.contactedAt, weekStart)),
      ),
    )
    .groupBy(alerts.assigneeId);
  return rows.map((r) => ({
    agentId: r.agentId!,
    openAlerts: r.openAlerts,
    claimedToday: r.claimedToday,
    firstContacts: r.firstContacts,
    medianFirstContactMinutes: r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
  }));
}
