import { sql } from 'drizzle-orm';
import { DEAD_LETTER_QUEUE } from '../../../jobs/catalogue.ts';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';

/**
 * Jobs waiting in the dead-letter queue, by the queue they failed on: what `porchlight dlq list` lists
 * (jobs/dead-letter.ts) and `dlq replay` sends back.
 */
export async function deadLettersByQueue(db: Executor): Promise<Record<string, number>> {
  const rows = rowsOf<{ queue: string | null; n: number }>(
    await db.execute(sql`
      select source_name as queue, count(*)::int as n from pgboss.job
      where name = ${DEAD_LETTER_QUEUE} and state in ('created', 'retry')
      group by source_name order by source_name`),
  );
  return Object.fromEntries(rows.map((r) => [r.queue ?? 'unknown', Number(r.n)]));
}
