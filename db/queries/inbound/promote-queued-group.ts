import { sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';

/**
 * Raises queued jobs of these pg-boss groups (one contact's events) to `priority`, so a fast-lane event never
 * overtakes an earlier event of the same contact still waiting in the bulk lane: the earlier ones move up with
 * it and keep their order (pg-boss fetches by priority, then creation). pg-boss partitions jobs by queue, so
 * this touches one partition's waiting rows.
 */
export async function promoteQueuedGroups(
  db: Executor,
  input: { queue: string; groupIds: readonly string[]; priority: number },
): Promise<void> {
  if (input.groupIds.length === 0) return;
  await db.execute(sql`
    update pgboss.job set priority = ${input.priority}
    where name = ${input.queue}
      and state in ('created', 'retry')
      and group_id in (${sql.join(
        input.groupIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      and priority < ${input.priority}`);
}
