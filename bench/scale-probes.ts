import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/queries/rows-of.ts';

/** Process ids of the PostgreSQL backends connected to this database (the bench reads their CPU in /proc). */
export async function backendPids(db: Db): Promise<number[]> {
  const rows = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  return rows.map((r) => Number(r.pid));
}

/** Jobs completed so far, every queue. */
export async function completedJobs(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pgboss.job where state = 'completed'
      and name not like '\_\_pgboss%'`),
  );
  return row.n;
}
