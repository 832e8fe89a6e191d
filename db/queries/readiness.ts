import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';

/** Resolves when the database runs a trivial query; rejects with the driver's error otherwise. */
export async function databaseAnswers(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * Jobs waiting in a queue (created, or waiting to retry): how far workers are behind. pg-boss
 * partitions jobs by queue name, so this touches one partition.
 */
export async function queueBacklog(db: Executor, queue: string): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from pgboss.job where name = ${queue} and state in ('created', 'retry')`,
  );
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return Number(rows[0]?.n ?? 0);
}
