import { DateTime } from 'luxon';

/** Monday at 08:00, the team's own time: the week's figures are ready before the Monday meeting. */
const WEEKDAY = 1;
const HOUR = 8;

export interface WeeklyReportSlot {
  /** ISO week, `2026-W10`: one report per team per week, whatever runs the schedule and how often. */
  week: string;
  /** Monday 08:00 in the team's zone: the report covers the 7 days before it, so a retry says the same. */
  at: Date;
}

const zoned = (at: Date, timezone: string): DateTime => {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return local.isValid ? local : DateTime.fromJSDate(at, { zone: 'utc' });
};

/**
 * The weekly report due at `now` for a team in `timezone`, or null. Due from Monday 08:00 until the end of
 * that Monday, local time: a schedule pass that comes late (a worker restarting) still posts it, while a
 * team that turns the report on mid-week waits for Monday rather than getting one out of the blue.
 * @example weeklyReportSlot(new Date('2026-03-09T13:00:00Z'), 'America/Chicago') // { week: '2026-W11', at: 13:00Z }
 */
export function weeklyReportSlot(now: Date, timezone: string): WeeklyReportSlot | null {
  const local = zoned(now, timezone);
  if (local.weekday !== WEEKDAY || local.hour < HOUR) return null;
  const at = local.set({ hour: HOUR, minute: 0, second: 0, millisecond: 0 });
  return { week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`, at: at.toJSDate() };
}

/** The delivery key of a team's weekly report: the unique index on it makes a second post impossible. */
export const weeklyReportKey = (tenantId: string, week: string): string => `weekly-report:${tenantId}:${week}`;

/** Reads a delivery key back into the report it stands for (null for any other delivery). */
export function weeklyReportOfKey(key: string, timezone: string): WeeklyReportSlot | null {
  const week = /^weekly-report:[^:]+:(\d{4}-W\d{2})$/.exec(key)?.[1];
  if (!week) return null;
  const zone = DateTime.local().setZone(timezone).isValid ? timezone : 'utc';
  const at = DateTime.fromISO(`${week}-${WEEKDAY}T${String(HOUR).padStart(2, '0')}:00`, { zone });
  return at.isValid ? { week, at: at.toJSDate() } : null;
}
