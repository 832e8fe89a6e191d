import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { agents, alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export interface SpeedFigures {
  /** Alerts that reached a first human contact in the window. */
  contacted: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
}

export interface SpeedToLead {
  team: SpeedFigures;
  agents: Array<SpeedFigures & { agentId: string; name: string }>;
}

// Minutes from the alert to its first human contact; `contacted_at` is set only by a person's
// call, SMS or email (GHL or our channels), never by automations, so bots cannot flatter it.
const minutes = sql<number>`extract(epoch from (${alerts.contactedAt} - ${alerts.createdAt})) / 60.0`;
const p50 = sql<number | null>`percentile_cont(0.5) within group (order by ${minutes})`;
const p90 = sql<number | null>`percentile_cont(0.9) within group (order by ${minutes})`;

const figures = (r: { n: number; p50: number | null; p90: number | null }): SpeedFigures => ({
  contacted: Number(r.n),
  p50Minutes: r.p50 === null ? null : Math.round(Number(r.p50) * 10) / 10,
  p90Minutes: r.p90 === null ? null : Math.round(Number(r.p90) * 10) / 10,
});

/** p50/p90 speed-to-lead for alerts raised since `since`, per assignee and for the whole team. */
export async function speedToLead(db: Executor, tenantId: string, since: Date): Promise<SpeedToLead> {
  const where = and(eq(alerts.tenantId, tenantId), gte(alerts.createdAt, since), isNotNull(alerts.contactedAt));
  const [team] = await db.select({ n: sql<number>`count(*)`, p50, p90 }).from(alerts).where(where);
  const perAgent = await db
    .select({ agentId: agents.id, name: agents.name, n: sql<number>`count(*)`, p50, p90 })
    .from(alerts)
    .innerJoin(agents, eq(agents.id, alerts.assigneeId))
    .where(where)
    .groupBy(agents.id, agents.name)
    .orderBy(agents.name);
  return { team: figures(team), agents: perAgent.map((r) => ({ agentId: r.agentId, name: r.name, ...figures(r) })) };
}
