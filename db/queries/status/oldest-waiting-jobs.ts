import { sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';

/**
 * Per queue, how long its longest-waiting due job has waited for a worker, in seconds by the database's clock:
 * since it became due (`start_after`: its creation, its retry time or the time it was deferred to). Deferred
 * jobs not due yet wait for no one. Queues with nothing due are left out.
 */
export async function oldestWaitingJobs(db: Executor, queues: readonly string[]): Promise<Map<string, number>> {
  if (queues.length === 0) return new Map();
  const rows = rowsOf<{ name: string; seconds: number | string }>(
    await db.execute(sql`
      select name, extract(epoch from now() - min(start_after))::float8 as seconds from pgboss.job
      where name in (${sql.join(
        queues.map((q) => sql`${q}`),
        sql`, `,
      )}) and state in ('created', 'retry') and start_after <= now()
      group by name`),
  );
  return new Map(rows.map((r) => [r.name, Number(r.seconds)]));
}
