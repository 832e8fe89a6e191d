import { z } from 'zod';
import { Listing } from './listing.ts';

export interface ListingProblem {
  field: string;
  message: string;
}

export type ListingRowResult = { ok: true; listing: Listing } | { ok: false; problems: ListingProblem[] };

/**
 * Checks one imported row (CSV line, JSON element, API batch item) and says what is wrong in
 * words an agent fixing a spreadsheet understands: every bad field at once, not just the first,
 * so one pass over the error report is enough. The caller adds the line number or index.
 * @example validateListingRow({ ListingKey: 'A1', StandardStatus: 'Sold', ListPrice: 'abc' })
 * // → { ok: false, problems: [{ field: 'StandardStatus', ... }, { field: 'ListPrice', message: 'must be a number' }, ...] }
 */
export function validateListingRow(row: unknown): ListingRowResult {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    return { ok: false, problems: [{ field: '(row)', message: 'must be an object of RESO fields' }] };
  }
  const parsed = Listing.safeParse(row);
  if (parsed.success) return { ok: true, listing: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => toProblem(issue, row as Record<string, unknown>)) };
}

function toProblem(issue: z.core.$ZodIssue, row: Record<string, unknown>): ListingProblem {
  const field = issue.path.map(String).join('.') || '(row)';
  const value = row[String(issue.path[0])];
  if (value === undefined || value === null || value === '') return { field, message: 'is required' };
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    const shown = allowed.length > 6 ? `${allowed.slice(0, 6).join(', ')}, ...` : allowed.join(', ');
    return { field, message: `"${String(value)}" is not a RESO ${field} value (expected ${shown})` };
  }
  return { field, message: issue.message };
}
