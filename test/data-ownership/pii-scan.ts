import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/queries/rows-of.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/**
 * Every place in the public schema (and pg-boss's job table: payloads, results, dead letters) a text, varchar, json(b) or text[] column holds `needle` (case-insensitive),
 * as `table.column (rows)`. Columns come from information_schema, so a table added later is scanned too.
 */
export async function findEverywhere(rt: Runtime, needle: string): Promise<string[]> {
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await rt.db.execute(sql`
      select case when c.table_schema = 'public' then c.table_name else c.table_schema || '.' || c.table_name end
        as table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where (c.table_schema = 'public' or (c.table_schema = 'pgboss' and c.table_name = 'job'))
        and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))
      order by c.table_name, c.column_name`),
  );
  const pattern = `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
  const byTable = new Map<string, typeof columns>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
  const found: string[] = [];
  // One query per table: a count per column.
  for (const [table, cols] of byTable) {
    const counts = cols.map(
      (c, i) =>
        sql`count(*) filter (where ${sql.identifier(c.column_name)}::text ilike ${pattern})::int
          as ${sql.identifier(`c${i}`)}`,
    );
    const [row] = rowsOf<Record<string, number>>(
      await rt.db.execute(
        sql`select ${sql.join(counts, sql`, `)} from ${sql.raw(
          table
            .split('.')
            .map((part) => `"${part}"`)
            .join('.'),
        )}`,
      ),
    );
    cols.forEach((c, i) => {
      if (row[`c${i}`] > 0) found.push(`${table}.${c.column_name} (${row[`c${i}`]})`);
    });
  }
  return found;
}
