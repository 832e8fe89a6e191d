import { z } from 'zod';
import { DateTime } from 'luxon';
import { AppError } from '../errors/app-error.ts';
import { isIanaZone } from '../time/iana-zone.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:mm (24-hour)');

export const DayWindow = z.object({ start: HHMM, end: HHMM });
export type DayWindow = z.infer<typeof DayWindow>;

/**
 * When texting a lead is allowed, in the lead's local time. `end` is exclusive (21:00 means the
 * last send is 20:59). `days` overrides single weekdays (luxon numbering, 1 = Monday … 7 = Sunday);
 * `null` means no sending that day.
 */
export const QuietWindow = DayWindow.extend({
  days: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), DayWindow.nullable()).optional(),
});
export type QuietWindow = z.infer<typeof QuietWindow>;

/** The federal TCPA baseline (47 CFR 64.1200(c)(1)): no calls or texts before 8 a.m. or after 9 p.m. */
export const DEFAULT_QUIET_WINDOW: QuietWindow = { start: '08:00', end: '21:00' };

/**
 * Stricter state telemarketing windows, as commonly cited by compliance guides (not legal
 * advice; tenants can override per state). Texts to leads who asked to be contacted may be exempt
 * in some states, but applying the stricter window is always safe.
 */
export const STATE_QUIET_WINDOWS: Record<string, QuietWindow> = {
  FL: { start: '08:00', end: '20:00' }, // Fla. Stat. 501.059(8)(a), as amended 2021
  OK: { start: '08:00', end: '20:00' }, // Oklahoma Telephone Solicitation Act (2022)
  MD: { start: '08:00', end: '20:00' }, // Maryland Stop the Spam Calls Act (2023)
  WA: { start: '08:00', end: '20:00' }, // RCW 80.36.390
  CT: { start: '09:00', end: '20:00' }, // Conn. Gen. Stat. 42-288a, as amended 2023
  TX: { start: '09:00', end: '21:00', days: { '7': { start: '12:00', end: '21:00' } } }, // Tex. Bus. & Com. Code 301.051
  AL: { start: '08:00', end: '20:00', days: { '7': null } }, // commonly cited: no Sunday solicitation
  LA: { start: '08:00', end: '20:00', days: { '7': null } }, // commonly cited: no Sunday solicitation
  MS: { start: '08:00', end: '20:00', days: { '7': null } }, // Miss. Code 77-3-725, commonly cited
};

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The window for one weekday, or null when that day is closed. */
export function dayWindow(window: QuietWindow, weekday: number): DayWindow | null {
  const day = window.days?.[String(weekday) as keyof NonNullable<QuietWindow['days']>];
  if (day === null) return null;
  const w = day ?? { start: window.start, end: window.end };
  return minutes(w.start) < minutes(w.end) ? w : null;
}

/** Both windows at once, weekday by weekday: a state or tenant rule can only narrow the baseline. */
export function intersectQuietWindows(a: QuietWindow, b: QuietWindow): QuietWindow {
  const days: NonNullable<QuietWindow['days']> = {};
  for (let weekday = 1; weekday <= 7; weekday++) {
    const x = dayWindow(a, weekday);
    const y = dayWindow(b, weekday);
    const start = x && y ? Math.max(minutes(x.start), minutes(y.start)) : 0;
    const end = x && y ? Math.min(minutes(x.end), minutes(y.end)) : 0;
    days[String(weekday) as keyof typeof days] = start < end ? { start: hhmm(start), end: hhmm(end) } : null;
  }
  const monday = days['1'];
  return { start: monday?.start ?? a.start, end: monday?.end ?? a.end, days };
}

/**
 * The window for a lead in `state`: the baseline narrowed by the state's rule, where the tenant's
 * per-state setting replaces the built-in one (and still cannot widen the baseline).
 */
export function quietWindowFor(
  state: string | undefined,
  tenantWindows: Record<string, QuietWindow> = {},
): QuietWindow {
  const rule = state ? (tenantWindows[state] ?? STATE_QUIET_WINDOWS[state]) : undefined;
  const base = tenantWindows['*']
    ? intersectQuietWindows(DEFAULT_QUIET_WINDOW, tenantWindows['*'])
    : DEFAULT_QUIET_WINDOW;
  return rule ? intersectQuietWindows(base, rule) : base;
}

export function isWithinQuietWindow(now: Date, zone: string, window: QuietWindow): boolean {
  return nextAllowedSendTime(now, zone, window).getTime() === now.getTime();
}

/**
 * `now` when texting is allowed, else the first allowed minute after it, in the lead's zone.
 * Wall-clock arithmetic happens in luxon's zoned time, so a 22:30 match the night before a DST
 * change is still sent at 08:00 local, not 07:00 or 09:00.
 * @example nextAllowedSendTime(new Date('2026-03-08T03:30:00Z'), 'America/New_York', DEFAULT_QUIET_WINDOW) // 2026-03-08T12:00:00Z
 */
export function nextAllowedSendTime(now: Date, zone: string, window: QuietWindow): Date {
  if (!isIanaZone(zone)) throw new AppError('invalid_config', `"${zone}" is not an IANA time zone`);
  const local = DateTime.fromJSDate(now, { zone });
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    const w = dayWindow(window, day.weekday);
    if (!w) continue;
    const start = atLocal(day, w.start);
    const end = atLocal(day, w.end);
    if (local < start) return start.toJSDate();
    if (local < end) return now;
  }
  throw new AppError('invalid_config', 'quiet-hours window allows no sending on any day of the week');
}

// "24:00" (end of day) is the next midnight; luxon has no hour 24.
const atLocal = (day: DateTime, time: string) =>
  time === '24:00'
    ? day.plus({ days: 1 }).startOf('day')
    : day.set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) });
