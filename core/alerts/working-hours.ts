import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { isIanaZone } from '../time/iana-zone.ts';

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** One day's window, local wall-clock time; "24:00" closes at midnight. */
export const DayWindow = z
  .tuple([z.string().regex(HH_MM, 'times are HH:MM'), z.string().regex(HH_MM, 'times are HH:MM')])
  .refine(([open, close]) => toMinutes(open) < toMinutes(close), 'a day window must open before it closes');
export type DayWindow = z.infer<typeof DayWindow>;

/** Same shape as `agents.working_hours`: {"mon":["09:00","18:00"],...}; an absent day is a day off. */
export const WorkingHours = z.partialRecord(Weekday, DayWindow);
export type WorkingHours = z.infer<typeof WorkingHours>;

export const TimeZone = z.string().refine(isIanaZone, 'timezone must be an IANA zone, e.g. America/Chicago');

/** Hours in a zone: an agent's working hours, or a tenant's office hours. */
export const ZonedHours = z.object({
  timezone: TimeZone,
  hours: WorkingHours,
});
export type ZonedHours = z.infer<typeof ZonedHours>;

const WEEKDAYS = Weekday.options;
// Two years of calendar days is more than any real schedule needs to find an opening.
const MAX_DAYS_SCANNED = 731;

/**
 * The opening window on the local calendar day that contains `day`.
 * Wall-clock times are set with `set()`, not added as durations, so 09:00 stays 09:00 on a DST day.
 */
function windowOn(day: DateTime, hours: WorkingHours): { open: DateTime; close: DateTime } | null {
  const window = hours[WEEKDAYS[day.weekday - 1]];
  if (!window) return null;
  const at = (hhmm: string): DateTime => {
    if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
    return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 });
  };
  return { open: at(window[0]), close: at(window[1]) };
}

function assertSomeHours(schedule: ZonedHours): void {
  if (!Object.values(schedule.hours).some(Boolean)) {
    throw new AppError('invalid_config', 'working hours must open on at least one day of the week');
  }
}

/** True when `at` falls inside the schedule (open inclusive, close exclusive). */
export function isWithinHours(at: Date, schedule: ZonedHours): boolean {
  const local = DateTime.fromJSDate(at, { zone: schedule.timezone });
  const window = windowOn(local.startOf('day'), schedule.hours);
  return window !== null && local >= window.open && local < window.close;
}

/** The first instant at or after `at` that is inside the schedule. */
export function nextOpening(at: Date, schedule: ZonedHours): Date {
  return addBusinessMinutes(at, 0, schedule);
}

/**
 * Adds minutes that only run while the schedule is open: a timer started at 17:50 with 30 minutes
 * and office hours 08:00–18:00 ends at 08:20 the next open day. Minutes are real elapsed time, so a
 * DST jump inside an open window is neither gained nor lost.
 */
export function addBusinessMinutes(start: Date, minutes: number, schedule: ZonedHours): Date {
  assertSomeHours(schedule);
  let remainingMs = Math.max(0, minutes) * 60_000;
  const startLocal = DateTime.fromJSDate(start, { zone: schedule.timezone });
  let day = startLocal.startOf('day');
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = day.plus({ days: 1 }).startOf('day')) {
    const window = windowOn(day, schedule.hours);
    if (!window) continue;
    const from = window.open > startLocal ? window.open : startLocal;
    if (from >= window.close) continue;
    const availableMs = window.close.toMillis() - from.toMillis();
    // `<=`: a timer that runs out exactly at closing ends there, not at the next opening.
    if (remainingMs <= availableMs) return new Date(from.toMillis() + remainingMs);
    remainingMs -= availableMs;
  }
  throw new AppError('invalid_config', 'working hours never open within two years');
}

/**
 * Quiet hours such as 21:00–08:00 (overnight) turned into the daily hours when messages may go out.
 * @example workingHoursFromQuietHours('21:00', '08:00') // every day ["08:00","21:00"]
 */
export function workingHoursFromQuietHours(quietStart: string, quietEnd: string): WorkingHours {
  const window = DayWindow.safeParse([quietEnd, quietStart]);
  if (!window.success) {
    throw new AppError('validation_failed', 'quiet hours must run overnight, e.g. 21:00 to 08:00');
  }
  return Object.fromEntries(WEEKDAYS.map((day) => [day, window.data])) as WorkingHours;
}
