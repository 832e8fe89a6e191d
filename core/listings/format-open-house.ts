/**
 * When an open house is, as a text to a buyer reads it, in the team's time zone: "Sat Mar 9, 1:00–3:00 PM".
 * Built from parts so the spacing is plain ASCII whatever the ICU version (newer ones put U+202F before "PM").
 * @example formatOpenHouse(new Date('2030-03-09T19:00:00Z'), new Date('2030-03-09T21:00:00Z'), 'America/Chicago')
 * // → 'Sat Mar 9, 1:00–3:00 PM'
 */
export function formatOpenHouse(startsAt: Date, endsAt: Date | null, timeZone: string): string {
  const day = partsOf(startsAt, timeZone, { weekday: 'short', month: 'short', day: 'numeric' });
  const date = `${day.weekday} ${day.month} ${day.day}`;
  const start = clock(startsAt, timeZone);
  if (!endsAt) return `${date}, ${start.time} ${start.period}`;
  const end = clock(endsAt, timeZone);
  // One AM/PM when both ends share it ("1:00–3:00 PM"), both when the afternoon starts in between.
  const from = start.period === end.period ? start.time : `${start.time} ${start.period}`;
  return `${date}, ${from}–${end.time} ${end.period}`;
}

function clock(at: Date, timeZone: string): { time: string; period: string } {
  const p = partsOf(at, timeZone, { hour: 'numeric', minute: '2-digit', hour12: true });
  return { time: `${p.hour}:${p.minute}`, period: (p.dayPeriod ?? '').toUpperCase() };
}

function partsOf(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-US', { timeZone, ...options }).formatToParts(at))
    parts[part.type] = part.value;
  return parts;
}
