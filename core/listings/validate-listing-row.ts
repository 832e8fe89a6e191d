import { z } from 'zod';
import { cleanText } from '../inbound/clean-inbound-text.ts';
import { Listing } from './listing.ts';

const MAX_ROW_DEPTH = 32;

/**
 * Every string in the row under the inbound text rule (no U+0000, no lone surrogate: PostgreSQL's text and
 * jsonb refuse them); undefined when the row nests deeper than any RESO payload does.
 */
export function cleanRow(value: unknown, depth = 0): unknown {
  if (depth > MAX_ROW_DEPTH) return undefined;
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => cleanRow(item, depth + 1));
    return items.some((item, i) => item === undefined && value[i] !== undefined) ? undefined : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // JSON.parse makes `__proto__` an own key; assigning it here would set `out`'s prototype instead and
    // let the row's fields be read from it.
    if (key === '__proto__') continue;
    const cleaned = cleanRow(item, depth + 1);
    if (cleaned === undefined && item !== undefined) return undefined;
    out[cleanText(key)] = cleaned;
  }
  return out;
}

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
  const cleaned = cleanRow(row) as Record<string, unknown> | undefined;
  if (cleaned === undefined)
    return { ok: false, problems: [{ field: '(row)', message: `nests deeper than ${MAX_ROW_DEPTH} levels` }] };
  const parsed = Listing.safeParse(cleaned);
  if (parsed.success) return { ok: true, listing: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => toProblem(issue, cleaned)) };
}

function toProblem(issue: z.core.$ZodIssue, row: Record<string, unknown>): ListingProblem {
  const field = issue.path.map(String).join('.') || '(row)';
  const value = row[String(issue.path[0])];
  if (value === undefined || value === null || value === '') return { field, message: 'is required' };
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    const shown = allowed.length > 6 ? `${allowed.slice(0, 6).join(', ')}, ...` : allowed.join(', ');
    return { field, message: `${describeValue(value)} is not a RESO ${field} value (expected ${shown})` };
  }
  return { field, message: issue.message };
}

/**
 * The bad value as the user typed it, short. String() is not safe here: a JSON row's object may carry its own
 * `toString` key, and String() would try to call it.
 */
function describeValue(value: unknown): string {
  const text = typeof value === 'object' ? (JSON.stringify(value) ?? '') : `"${String(value)}"`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
