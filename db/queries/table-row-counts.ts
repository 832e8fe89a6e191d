import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rowsOf } from './rows-of.ts';

/** Rows in every table of the app's schema (pg-boss's own tables are not ours to report), by table name. */
export async function tableRowCounts(db: Executor): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier('public')}.${sql.identifier(name)}`),
    );
    counts[name] = row.n;
  }
  return counts;
}
