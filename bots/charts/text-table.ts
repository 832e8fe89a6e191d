import type { ChatTable } from '../message/chat-message.ts';

const NUMERIC = /^[-+$]?[\d,.]+%?[kKmM]?$/;

/**
 * A compact monospace table: the terminal's stand-in for a chart, and the fallback anywhere an
 * image cannot be shown. Numeric columns align right so magnitudes line up.
 * @example textTable({ columns: ['Agent', 'Deals'], rows: [['Maria', '4']] })
 */
export function textTable(table: ChatTable): string {
  const width = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const numeric = table.columns.map(
    (_, i) => table.rows.length > 0 && table.rows.every((r) => NUMERIC.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(width[i]) : cell.padEnd(width[i])))
      .join('  ')
      .trimEnd();
  return [
    line(table.columns),
    width.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map((r) => line(table.columns.map((_, i) => r[i] ?? ''))),
  ].join('\n');
}
