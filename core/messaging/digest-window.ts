import { DateTime } from 'luxon';

/** A lead's digest goes out between 08:00 and 10:00 her time: read with the morning coffee, not at 3 a.m. */
export const DIGEST_WINDOW = { fromHour: 8, toHour: 10 } as const;
const MONDAY = 1;

/**
 * The lead's local date when her digest is due now (inside her 08:00–10:00, and a Monday for a weekly one),
 * else null. The date names the digest, so she gets one per local day however often the job runs. The window
 * is read in her zone, so it follows her clock across a daylight-saving change (08:00 CDT is 13:00 UTC,
 * 08:00 CST 14:00 UTC).
 * @example digestDayFor(new Date('2026-11-02T14:00:00Z'), 'America/Chicago', 'daily') // '2026-11-02'
 */
export function digestDayFor(now: Date, zone: string, frequency: 'daily' | 'weekly'): string | null {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) return null;
  if (local.hour < DIGEST_WINDOW.fromHour || local.hour >= DIGEST_WINDOW.toHour) return null;
  if (frequency === 'weekly' && local.weekday !== MONDAY) return null;
  return local.toISODate();
}

/** Her local date now (ISO), whatever the hour. */
export function localDateIn(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone });
  return (
    (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' })).toISODate() ?? now.toISOString().slice(0, 10)
  );
}
