/** `db.execute` answers `{ rows }` on both drivers; drizzle's shared type does not say so. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
