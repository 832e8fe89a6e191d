import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { opportunities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Her newest deal still open (the one an automation moves). */
export async function newestOpenOpportunity(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<{ ghlOpportunityId: string; stageId: string | null } | undefined> {
  const [row] = await db
    .select({ ghlOpportunityId: opportunities.ghlOpportunityId, stageId: opportunities.stageId })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        eq(opportunities.leadId, leadId),
        isNull(opportunities.deletedAt),
        or(isNull(opportunities.status), eq(opportunities.status, 'open')),
      ),
    )
    .orderBy(desc(opportunities.updatedAt))
    .limit(1);
  return row;
}
