import { and, eq } from 'drizzle-orm';
import { agents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Agent } from '../tenants.ts';

/** The active agent texting from this number, if any: their "1"/"2" answers an alert, not a lead conversation. */
export async function findAgentByPhone(db: Executor, tenantId: string, phone: string): Promise<Agent | undefined> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.phone, phone), eq(agents.active, true)))
    .limit(1);
  return row;
}
