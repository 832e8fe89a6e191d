import { OpenHouse } from './open-house.ts';
import { cleanRow, type ListingProblem } from './validate-listing-row.ts';

export type OpenHouseRowResult = { ok: true; openHouse: OpenHouse } | { ok: false; problems: ListingProblem[] };

/**
 * Checks one OpenHouse record (a feed page row, an API batch item) the way listing rows are checked: every bad
 * field at once, under the same inbound text rule. The caller adds the index.
 * @example validateOpenHouseRow({ OpenHouseKey: 'OH-1' })
 * // → { ok: false, problems: [{ field: 'ListingKey', message: 'is required' }, ...] }
 */
export function validateOpenHouseRow(row: unknown): OpenHouseRowResult {
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    return { ok: false, problems: [{ field: '(row)', message: 'must be an object of RESO OpenHouse fields' }] };
  const cleaned = cleanRow(row) as Record<string, unknown> | undefined;
  if (cleaned === undefined) return { ok: false, problems: [{ field: '(row)', message: 'nests too deep' }] };
  const parsed = OpenHouse.safeParse(cleaned);
  if (parsed.success) return { ok: true, openHouse: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || '(row)';
      const value = cleaned[String(issue.path[0])];
      const missing = value === undefined || value === null || value === '';
      return { field, message: missing && field !== '(row)' ? 'is required' : issue.message };
    }),
  };
}
