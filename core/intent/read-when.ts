const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Spanish day words, accents optional: leads write "sabado" as often as "sábado". */
const SPANISH_DAYS: Record<string, string> = {
  domingo: 'sunday',
  lunes: 'monday',
  martes: 'tuesday',
  miércoles: 'wednesday',
  miercoles: 'wednesday',
  jueves: 'thursday',
  viernes: 'friday',
  sábado: 'saturday',
  sabado: 'saturday',
};
const SPANISH_RELATIVE: Record<string, string> = { hoy: 'today', mañana: 'tomorrow', manana: 'tomorrow' };
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** The month each season starts in (northern hemisphere, where our MLS feeds are). */
const SEASON_START: Record<string, number> = { spring: 2, summer: 5, fall: 8, autumn: 8, winter: 11 };

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The day a showing was asked for, in English: "Saturday", "tomorrow", "this weekend"; undefined when none. */
export function readShowingDay(text: string): string | undefined {
  const t = text.toLowerCase();
  const day = t.match(new RegExp(`\\b(${DAYS.join('|')})\\b`));
  if (day) return title(day[1]);
  for (const [word, english] of Object.entries(SPANISH_DAYS))
    if (new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(t)) return title(english);
  const relative = t.match(/\b(today|tonight|tomorrow|this weekend|next weekend)\b/);
  if (relative) return relative[1];
  for (const [word, english] of Object.entries(SPANISH_RELATIVE))
    if (new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(t)) return english;
  return undefined;
}

/** Month names and seasons name a time, never a place: "in March" is not a city. */
export const TIME_WORDS = new Set([...DAYS, ...MONTHS, ...Object.keys(SEASON_START)].map(title));

/**
 * How many months until the lead means to move, from words a rules reader can trust: "in 3 months",
 * "within a year", "asap", "this spring", "in March", "next year". `now` anchors seasons and months.
 */
export function readTimeline(text: string, now: Date): { months: number; said: string } | undefined {
  const t = text.toLowerCase();
  const n = t.match(/\b(?:in|within|next|about|around)\s+(\d+)\s*(months?|years?|weeks?|days?)\b/);
  if (n) {
    const count = Number(n[1]);
    const per: Record<string, number> = { year: 12, month: 1, week: 1 / 4, day: 1 / 30 };
    const months = Math.ceil(count * per[n[2].replace(/s$/, '')]);
    return { months: Math.min(120, months), said: n[0].replace(/^(in|within|next|about|around)\s+/, '') };
  }
  const soon = t.match(/\b(asap|right away|immediately|this month|next month|a year|next year)\b/);
  if (soon) {
    const months = { 'next month': 1, 'a year': 12, 'next year': 12 }[soon[1]] ?? 0;
    return { months, said: soon[1] };
  }
  const current = now.getUTCMonth();
  const season = t.match(/\b(spring|summer|fall|autumn|winter)\b/);
  if (season) {
    const start = SEASON_START[season[1]];
    // Already in that season: moving "in the spring" means soon, not next year.
    const inIt = (current - start + 12) % 12 < 3;
    return { months: inIt ? 0 : (start - current + 12) % 12, said: season[1] };
  }
  const month = t.match(new RegExp(`\\b(?:in|by|before|around)\\s+(${MONTHS.join('|')})\\b`));
  if (month) return { months: (MONTHS.indexOf(month[1]) - current + 12) % 12, said: month[1] };
  return undefined;
}
