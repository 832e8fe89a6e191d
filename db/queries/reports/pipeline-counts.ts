import { and, eq, isNull, sql } from 'drizzle-orm';
import { opportunities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export interface PipelineCount {
  /** A GHL stage id, `unstaged`, or the final `won` / `lost`. */
  stage: string;
  count: number;
  /** When the team first used the stage: the order to show stages in when none is configured. */
  firstUsedAt: string;
}

/** Live opportunities per stage: open ones under their stage, won and lost as final stages, abandoned left out. */
export async function pipelineCounts(db: Executor, tenantId: string): Promise<PipelineCount[]> {
  const bucket = sql<string>`case when ${opportunities.status} in ('won', 'lost') then ${opportunities.status}
    else coalesce(${opportunities.stageId}, 'unstaged') end`;
  return db
    .select({
      stage: bucket,
      count: sql<number>`count(*)`.mapWith(Number),
      firstUsedAt: sql<string>`min(${opportunities.createdAt})`,
    })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        isNull(opportunities.deletedAt),
        sql`coalesce(${opportunities.status}, 'open') <> 'abandoned'`,
      ),
    )
    .groupBy(bucket);
}
