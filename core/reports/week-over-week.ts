import type { ReportFigures } from './report-options.ts';

export interface Change {
  label: string;
  /** As shown: `12`, `58%`, `14 min`, or `–` when there is nothing to show. */
  now: string;
  before: string;
  /** `▲ 20%`, `▼ 5 pts`, `= 0%`, or empty when there is nothing to compare with. */
  delta: string;
}

const minutes = (m: number | null): string => (m === null ? '–' : `${formatMinutes(m)} min`);

/** Whole minutes from 10 up, one decimal under 10 (a 1.5-minute claim is worth telling apart from 2). */
export function formatMinutes(m: number): string {
  return m >= 10 ? String(Math.round(m)) : String(Math.round(m * 10) / 10);
}

function relative(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  if (before === 0) return now === 0 ? '= 0%' : '▲ new';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '= 0%' : `${pct > 0 ? '▲' : '▼'} ${Math.abs(pct)}%`;
}

/** Rates move in percentage points: "58% → 64%" is ▲ 6 pts, not ▲ 10%. */
function points(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const d = now - before;
  return d === 0 ? '= 0 pts' : `${d > 0 ? '▲' : '▼'} ${Math.abs(d)} pts`;
}

const rate = (f: ReportFigures): number | null => (f.alerts === 0 ? null : Math.round((f.claimed / f.alerts) * 100));

/**
 * This 7 days against the 7 days before: alert volume, claim rate and median minutes to claim. The arrow
 * says which way the number moved; whether that is good depends on the row (fewer minutes is better).
 * @example weekOverWeek(thisWeek, lastWeek)[0] // { label: 'Alerts', now: '12', before: '10', delta: '▲ 20%' }
 */
export function weekOverWeek(current: ReportFigures, previous: ReportFigures): Change[] {
  const [rNow, rBefore] = [rate(current), rate(previous)];
  return [
    {
      label: 'Alerts',
      now: String(current.alerts),
      before: String(previous.alerts),
      delta: relative(current.alerts, previous.alerts),
    },
    {
      label: 'Claim rate',
      now: rNow === null ? '–' : `${rNow}%`,
      before: rBefore === null ? '–' : `${rBefore}%`,
      delta: points(rNow, rBefore),
    },
    {
      label: 'Median minutes to claim',
      now: minutes(current.claimP50),
      before: minutes(previous.claimP50),
      delta: relative(current.claimP50, previous.claimP50),
    },
  ];
}

/** One line per change: `Alerts 12 (▲ 20% vs 10)`. */
export function changeLine(c: Change): string {
  return c.delta ? `${c.label} ${c.now} (${c.delta} vs ${c.before})` : `${c.label} ${c.now} (was ${c.before})`;
}
