import { z } from 'zod';

/**
 * What a team can export: its leads, its alerts, its deals (GHL opportunities) and a report
 * (alerts per day and kind). The same four words on the CLI, the REST route and in chat.
 */
export const ExportKind = z.enum(['leads', 'alerts', 'deals', 'report']);
export type ExportKind = z.infer<typeof ExportKind>;

/** `leads-2026-03-04.csv`: what the file is and the day it was made, so two downloads do not collide. */
export function exportFileName(what: ExportKind, now: Date): string {
  return `${what}-${now.toISOString().slice(0, 10)}.csv`;
}
