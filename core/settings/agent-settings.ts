import { DateTime } from 'luxon';
import { z } from 'zod';
import { DeliveryChannel } from '../alerts/deliver-policy.ts';
import { TimeZone, Weekday, WorkingHours } from '../alerts/working-hours.ts';
import { AppError } from '../errors/app-error.ts';

/** What one change to an agent may set; absent = unchanged, null = cleared. */
export const AgentSettingsChange = z
  .object({
    workingHours: WorkingHours.nullable().optional(),
    timezone: TimeZone.optional(),
    vacationUntil: z.coerce.date().nullable().optional(),
    paused: z.boolean().optional(),
    skills: z.array(z.string().min(1)).optional(),
    languages: z.array(z.string().min(1)).optional(),
    channels: z.array(DeliveryChannel).optional(),
    maxOpenAlerts: z.number().int().min(0).nullable().optional(),
  })
  .strict();
export type AgentSettingsChange = z.infer<typeof AgentSettingsChange>;
/** As callers send it: dates may be ISO strings. */
export type AgentSettingsChangeInput = z.input<typeof AgentSettingsChange>;

const DAYS = Weekday.options;
const pad = (h: string) => (h.includes(':') ? h.padStart(5, '0') : `${h.padStart(2, '0')}:00`);

/**
 * Working hours as people type them: `9-18` (every weekday), `mon-fri 09:00-18:00`,
 * `sat 10-14`. Several groups may be separated by commas: `mon-fri 9-18, sat 10-14`.
 * @example parseHours('9-18') // { mon: ['09:00', '18:00'], ..., fri: ['09:00', '18:00'] }
 */
export function parseHours(text: string): WorkingHours {
  const hours: Record<string, [string, string]> = {};
  for (const group of text
    .split(',')
    .map((g) => g.trim().toLowerCase())
    .filter(Boolean)) {
    const m = /^(?:([a-z]{3})(?:-([a-z]{3}))?\s+)?(\d{1,2}(?::\d{2})?)\s*-\s*(\d{1,2}(?::\d{2})?)$/.exec(group);
    if (!m) throw new AppError('bad_request', `hours "${group}" should look like 9-18 or mon-fri 09:00-18:00`);
    const [, fromDay = 'mon', toDay = m[1] ? m[1] : 'fri', open, close] = m;
    const a = DAYS.indexOf(fromDay as Weekday);
    const b = DAYS.indexOf(toDay as Weekday);
    if (a < 0 || b < 0 || b < a) throw new AppError('bad_request', `"${group}": days are mon…sun, in order`);
    for (const day of DAYS.slice(a, b + 1)) hours[day] = [pad(open), pad(close)];
  }
  const parsed = WorkingHours.safeParse(hours);
  if (!parsed.success) throw new AppError('bad_request', `hours "${text}": ${parsed.error.issues[0].message}`);
  return parsed.data;
}

function dayIn(text: string, zone: string): DateTime {
  const day = DateTime.fromISO(text.trim(), { zone });
  if (!day.isValid) throw new AppError('bad_request', `"${text}" is not a date like 2026-07-01`);
  return day;
}

/**
 * `--vacation 2026-07-01..2026-07-14`: away through the last day, in the agent's zone. Routing
 * stores one end date; a vacation that starts later is recorded from now (say so in the reply).
 */
export function parseVacation(text: string, zone: string): { from: Date; until: Date } {
  const [from, to] = text.split('..');
  if (!from || !to) throw new AppError('bad_request', `vacation "${text}" should look like 2026-07-01..2026-07-14`);
  const start = dayIn(from, zone).startOf('day');
  const end = dayIn(to, zone).plus({ days: 1 }).startOf('day');
  if (end <= start) throw new AppError('bad_request', `vacation "${text}" ends before it starts`);
  return { from: start.toJSDate(), until: end.toJSDate() };
}

/** `/away [until <date>]`: back at 08:00 on that date in the agent's zone; by default tomorrow morning. */
export function awayUntil(text: string | undefined, zone: string, now: Date): Date {
  const date = text?.replace(/^until\s+/i, '').trim();
  const day = date ? dayIn(date, zone) : DateTime.fromJSDate(now, { zone }).plus({ days: 1 });
  const until = day.set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  if (until.toJSDate() <= now) throw new AppError('bad_request', `"${date}" is in the past`);
  return until.toJSDate();
}
