import type { SeededAlert } from './report-team.ts';

/** PostgreSQL's percentile_cont, worked out by hand: linear interpolation between the two nearest ranks. */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export interface ExpectedGroup {
  group: string;
  alerts: number;
  claimed: number;
  contacted: number;
  appointments: number;
  won: number;
  claimP50: number | null;
  claimP90: number | null;
  contactP50: number | null;
  contactP90: number | null;
}

const minutesBetween = (from: Date, to: Date | null) => (to ? (to.getTime() - from.getTime()) / 60_000 : null);

/** The figures of a set of seeded alerts, from the rows alone. */
export function expectedFigures(
  group: string,
  rows: SeededAlert[],
  appointments: Array<{ leadId: string; at: Date }>,
): ExpectedGroup {
  const claim = rows.map((r) => minutesBetween(r.createdAt, r.claimedAt)).filter((m) => m !== null);
  const contact = rows.map((r) => minutesBetween(r.createdAt, r.contactedAt)).filter((m) => m !== null);
  return {
    group,
    alerts: rows.length,
    claimed: claim.length,
    contacted: contact.length,
    appointments: rows.filter((r) => appointments.some((a) => a.leadId === r.leadId && a.at >= r.createdAt)).length,
    won: rows.filter((r) => r.won).length,
    claimP50: percentileCont(claim, 0.5),
    claimP90: percentileCont(claim, 0.9),
    contactP50: percentileCont(contact, 0.5),
    contactP90: percentileCont(contact, 0.9),
  };
}

/** Alerts raised in [since, until), grouped by the lead's source as the report names it. */
export function expectedBySource(
  rows: SeededAlert[],
  appointments: Array<{ leadId: string; at: Date }>,
  since: Date,
  until: Date,
): ExpectedGroup[] {
  const inRange = rows.filter((r) => r.createdAt >= since && r.createdAt < until);
  const groups = new Map<string, SeededAlert[]>();
  for (const r of inRange) groups.set(r.source ?? 'unknown', [...(groups.get(r.source ?? 'unknown') ?? []), r]);
  return [...groups].map(([group, list]) => expectedFigures(group, list, appointments));
}

/** A table cell as a person reads it: whole minutes from 10 up, one decimal below, a dash for none. */
export const cellMinutes = (m: number | null): string =>
  m === null ? '–' : m >= 10 ? String(Math.round(m)) : String(Math.round(m * 10) / 10);
export const cellPercent = (n: number, of: number): string => `${Math.round((n / of) * 100)}%`;
