import { sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';

/** pg-boss's count of one queue's jobs in the states a backlog is made of. */
export interface QueueDepth {
  name: string;
  /** Stored and not started: due now, or deferred to a later `start_after`. */
  created: number;
  /** Failed at least once, waiting for their next attempt. */
  retry: number;
  /** Held by a worker right now. */
  active: number;
}

/** Jobs per queue and state, straight from pg-boss's job table (its cached counts lag by a monitor pass). */
export async function queueDepths(db: Executor, queues: readonly string[]): Promise<QueueDepth[]> {
  if (queues.length === 0) return [];
  const rows = rowsOf<{ name: string; state: 'created' | 'retry' | 'active'; n: number }>(
    await db.execute(sql`
      select name, state::text as state, count(*)::int as n from pgboss.job
      where name in (${sql.join(
        queues.map((q) => sql`${q}`),
        sql`, `,
      )}) and state in ('created', 'retry', 'active')
      group by name, state`),
  );
  return queues.map((name) => {
    const count = (state: string) => Number(rows.find((r) => r.name === name && r.state === state)?.n ?? 0);
    return { name, created: count('created'), retry: count('retry'), active: count('active') };
  });
}
