import { and, eq, gte, sql } from 'drizzle-orm';
import { agents, alertAssignments, alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export interface LeaderboardRow {
  agentId: string;
  name: string;
  /** Alerts the agent claimed in the period. */
  claimed: number;
  /** Their alerts that reached a first contact in the period. */
  contacted: number;
  /** Their alerts closed as won in the period. */
  won: number;
}

/**
 * Per active agent, what they did with alerts since `since`. Counts come from the alert life cycle,
 * so they are the same numbers the buttons produced.
 */
export async function leaderboard(db: Executor, tenantId: string, since: Date): Promise<LeaderboardRow[]> {
  const [team, claimed, worked] = await Promise.all([
    db
      .select({ id: agents.id, name: agents.name })
      .from(agents)
      .where(and(eq(agents.tenantId, tenantId), eq(agents.active, true))),
    db
      .select({ agentId: alertAssignments.agentId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(alertAssignments)
      .where(
        and(
          eq(alertAssignments.tenantId, tenantId),
          eq(alertAssignments.kind, 'claim'),
          gte(alertAssignments.createdAt, since),
        ),
      )
      .groupBy(alertAssignments.agentId),
    db
      .select({
        agentId: alerts.assigneeId,
        contacted: sql<number>`count(*) filter (where ${alerts.contactedAt} >= ${since})`.mapWith(Number),
        won: sql<number>`count(*) filter (where ${alerts.status} = 'won' and ${alerts.closedAt} >= ${since})`.mapWith(
          Number,
        ),
      })
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), gte(alerts.updatedAt, since)))
      .groupBy(alerts.assigneeId),
  ]);
  return team.map((a) => {
    const w = worked.find((row) => row.agentId === a.id);
    return {
      agentId: a.id,
      name: a.name,
      claimed: claimed.find((c) => c.agentId === a.id)?.n ?? 0,
      contacted: w?.contacted ?? 0,
      won: w?.won ?? 0,
    };
  });
}
