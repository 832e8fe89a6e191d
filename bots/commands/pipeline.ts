import { and, eq, isNull, sql } from 'drizzle-orm';
import { opportunities } from '../../db/schema/index.ts';
import { pipelineMessage } from '../message/pipeline-message.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

/**
 * `/pipeline`: opportunities per stage. Open ones count under their stage (tenants may name GHL
 * stage ids in `settings.stageNames`); won and lost are their own final stages.
 */
export async function pipelineCommand(ctx: CommandContext): Promise<ChatMessage> {
  const bucket = sql<string>`case when ${opportunities.status} in ('won', 'lost') then ${opportunities.status} else coalesce(${opportunities.stageId}, 'unstaged') end`;
  const rows = await ctx.runtime.db
    .select({
      stage: bucket,
      count: sql<number>`count(*)`.mapWith(Number),
      first: sql<string>`min(${opportunities.createdAt})`,
    })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, ctx.tenant.id),
        isNull(opportunities.deletedAt),
        sql`coalesce(${opportunities.status}, 'open') <> 'abandoned'`,
      ),
    )
    .groupBy(bucket);
  const names = (ctx.tenant.settings.stageNames ?? {}) as Record<string, string>;
  const order = (ctx.tenant.settings.stageOrder ?? []) as string[];
  const rank = (stage: string) =>
    stage === 'won' ? 1e6 : stage === 'lost' ? 1e6 + 1 : order.includes(stage) ? order.indexOf(stage) : 1e5;
  // Without a configured order, stages appear in the order the team first used them.
  rows.sort((a, b) => rank(a.stage) - rank(b.stage) || String(a.first).localeCompare(String(b.first)));
  return pipelineMessage({
    stages: rows.map((r) => ({
      stage: r.stage === 'won' ? 'Won' : r.stage === 'lost' ? 'Lost' : (names[r.stage] ?? r.stage),
      count: r.count,
    })),
  });
}
