/** A CSV cell before quoting: text, a number, a boolean or empty. */
export type FlatValue = string | number | boolean | null;
export type FlatRow = Record<string, FlatValue>;

/**
 * A REST object as one CSV row: nested objects become dotted columns (`assignee.name`), a null
 * object leaves its columns empty, and arrays stay whole as JSON text (`reasons`), because a list of
 * objects has no fixed set of columns and a spreadsheet user can still read or parse it.
 * @example flattenRow({ id: 'l1', assignee: { id: 'a1' }, tags: ['x'] })
 *   // { id: 'l1', 'assignee.id': 'a1', tags: '["x"]' }
 */
export function flattenRow(object: Record<string, unknown>, prefix = '', into: FlatRow = {}): FlatRow {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    if (value instanceof Date) into[name] = value.toISOString();
    else if (Array.isArray(value)) into[name] = JSON.stringify(value);
    else if (value !== null && typeof value === 'object')
      flattenRow(value as Record<string, unknown>, `${name}.`, into);
    else if (value === undefined) into[name] = null;
    else into[name] = value as FlatValue;
  }
  return into;
}
