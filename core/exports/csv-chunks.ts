import { stringify } from 'csv-stringify/sync';
import type { FlatRow, FlatValue } from './flatten-row.ts';

/** What spreadsheet apps (Excel above all) need to read the file as UTF-8 rather than a legacy code page. */
export const UTF8_BOM = '\uFEFF';

const OPTIONS = {
  // RFC 4180: CRLF between records, a field quoted when it holds a comma, a quote or a line break.
  record_delimiter: 'windows',
  // With CRLF records csv-stringify quotes only a field holding the whole CRLF; a lone \n or \r must be quoted too.
  quoted_match: /[\r\n]/,
  // csv-stringify writes true as "1" and false as "" by default; a reader must see what the API says.
  cast: { boolean: (value: boolean) => String(value) },
} as const;

// A phone number or a signed number is data; anything else starting like this is a formula to a spreadsheet.
const LOOKS_NUMERIC = /^[+-][\d\s().-]*$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Lead names and messages come from strangers: a cell like `=HYPERLINK(…)` would run as a formula
 * when a manager opens the file. Such text gets a leading apostrophe (OWASP's CSV-injection advice);
 * every other value is written as the API answers it.
 */
export function spreadsheetSafe(value: FlatValue): FlatValue {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || LOOKS_NUMERIC.test(value)) return value;
  return `'${value}`;
}

/**
 * CSV text for pages of flat rows: the BOM and the one header row first (even when no row
 * follows), then one chunk per page. Each page is encoded on its own, so memory stays one page
 * whatever the row count.
 * @example for await (const chunk of csvChunks(['id', 'name'], pages)) out.write(chunk)
 */
export async function* csvChunks(columns: readonly string[], pages: AsyncIterable<FlatRow[]>): AsyncGenerator<string> {
  yield UTF8_BOM + stringify([[...columns]], OPTIONS);
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield stringify(
      page.map((row) => columns.map((column) => spreadsheetSafe(row[column] ?? null))),
      OPTIONS,
    );
  }
}
