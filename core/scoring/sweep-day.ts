import { DateTime } from 'luxon';

/** A team's leads are swept from this local hour on: stale-lead alerts land as the working day starts. */
export const SWEEP_FROM_HOUR = 6;

/**
 * The team's local date to sweep for, once its local clock has passed 06:00; null before that (the
 * day's sweep has not started yet). Leads carry the date they were last swept, so one sweep a day.
 * @example sweepDayFor(new Date('2026-03-10T12:20:00Z'), 'America/Chicago') // '2026-03-10'
 */
export function sweepDayFor(now: Date, timezone: string): string | null {
  const zoned = DateTime.fromJSDate(now, { zone: timezone });
  const local = zoned.isValid ? zoned : DateTime.fromJSDate(now, { zone: 'utc' });
  return local.hour >= SWEEP_FROM_HOUR ? local.toISODate() : null;
}
