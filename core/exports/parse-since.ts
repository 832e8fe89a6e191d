import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;

/**
 * An export's lower bound: `30d` (that many days before `now`) or an ISO date or instant
 * (`2026-03-01`, `2026-03-01T09:00:00Z`, read as UTC when it names no zone). Undefined when it is
 * neither, or a year PostgreSQL cannot store, so each caller reports it in its own words.
 * @example parseSince('7d', now) // now − 7 days
 */
export function parseSince(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const days = /^(\d{1,5})d$/i.exec(value);
  if (days) return new Date(now.getTime() - Number(days[1]) * DAY_MS);
  const at = DateTime.fromISO(value, { zone: 'utc' });
  if (!at.isValid || at.year < 1 || at.year > 9999) return undefined;
  return at.toJSDate();
}
