import { and, eq, inArray } from 'drizzle-orm';
import { agents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * Which of `ids` are agents of this tenant (active or not). Another tenant's agent id and an id
 * nobody has are both simply absent from the answer.
 * @example const known = await agentsOfTenant(db, tenantId, ['a1', 'zed']) // Set { 'a1' }
 */
export async function agentsOfTenant(db: Executor, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), inArray(agents.id, wanted)));
  return new Set(rows.map((r) => r.id));
}
