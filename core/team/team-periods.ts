import { DateTime } from 'luxon';

export interface TeamPeriods {
  /** Midnight today in the team's zone: "claimed today" counts from here. */
  dayStart: Date;
  /** Monday 00:00 of this ISO week in the team's zone: "this week" counts from here. */
  weekStart: Date;
}

/**
 * The team's day and week as its people live them (the tenant's time zone), not UTC: at 7 pm in
 * Austin "today" has not rolled over yet, though UTC has.
 * @example teamPeriods(new Date('2026-03-04T15:00:00Z'), 'America/Chicago').weekStart // Mon 2 Mar 06:00 UTC
 */
export function teamPeriods(now: Date, timeZone: string): TeamPeriods {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return { dayStart: local.startOf('day').toJSDate(), weekStart: local.startOf('week').toJSDate() };
}
