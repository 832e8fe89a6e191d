import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Where the previous page ended: the exact `created_at` as PostgreSQL wrote it (microseconds kept) and the id. */
export interface KeysetCursor {
  at: string;
  id: string;
}

/** Rows that carry their own cursor: `cursorAt` is `created_at::text`, since a JS Date would drop microseconds. */
export interface KeysetRow {
  cursorAt: string;
  id: string;
}

/** Rows per query: big enough that round trips do not dominate, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 5_000;

/** `created_at` as text for the cursor: cast back with `::timestamptz` it is the same instant to the microsecond. */
export const cursorAtOf = (createdAt: AnyColumn): SQL<string> => sql<string>`${createdAt}::text`;

/** Rows strictly after the cursor in (created_at, id) order: one index range scan on (tenant_id, created_at, id). */
export const afterCursor = (createdAt: AnyColumn, id: AnyColumn, after: KeysetCursor): SQL =>
  sql`(${createdAt}, ${id}) > (${after.at}::timestamptz, ${after.id})`;

/**
 * Every row of a keyset-ordered read, a page at a time. Plain `WHERE (created_at, id) > last … LIMIT n`
 * queries rather than a server-side cursor: the same on PGlite and PostgreSQL, no transaction held
 * open for the length of a download, and memory bounded by one page.
 */
export async function* keysetPages<R extends KeysetRow>(
  fetchPage: (after: KeysetCursor | undefined, limit: number) => Promise<R[]>,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<R[]> {
  let after: KeysetCursor | undefined;
  for (;;) {
    const rows = await fetchPage(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { at: last.cursorAt, id: last.id };
  }
}
