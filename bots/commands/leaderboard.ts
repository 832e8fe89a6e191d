import { and, eq, gte, sql } from 'drizzle-orm';
import { agents, alertAssignments, alerts } from '../../db/schema/index.ts';
import { leaderboardMessage } from '../message/leaderboard-message.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

const DAYS = { '7d': 7, '30d': 30 } as const;

/**
 * `/leaderboard [7d|30d]`: per agent, alerts claimed, leads contacted and deals won in the period.
 * Counts come from the alert life cycle, so they are the same numbers the buttons produced.
 */
export async function leaderboardCommand(ctx: CommandContext, args: { period: '7d' | '30d' }): Promise<ChatMessage> {
  const since = new Date(ctx.runtime.clock.now().getTime() - DAYS[args.period] * 86_400_000);
  const db = ctx.runtime.db;
  const tenantId = ctx.tenant.id;
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
  const rows = team
    .map((a) => ({
      agent: a.name,
      claimed: claimed.find((c) => c.agentId === a.id)?.n ?? 0,
      contacts: worked.find((w) => w.agentId === a.id)?.contacted ?? 0,
      deals: worked.find((w) => w.agentId === a.id)?.won ?? 0,
    }))
    .filter((r) => r.claimed + r.contacts + r.deals > 0);

  const message = leaderboardMessage({ period: args.period, rows });
  if (!message.table) return message;
  // The chart shows deals and contacts; claims go in the text so speed-to-claim still counts.
  const byAgent = new Map(rows.map((r) => [r.agent, r.claimed]));
  return chatMessage({
    ...message,
    sections: [
      ...message.sections,
      `Alerts claimed: ${rows
        .sort((a, b) => b.claimed - a.claimed)
        .map((r) => `${r.agent} ${r.claimed}`)
        .join(', ')}`,
    ],
    table: {
      columns: [...message.table.columns, 'Claimed'],
      rows: message.table.rows.map((r) => [...r, String(byAgent.get(r[1]) ?? 0)]),
    },
  });
}
