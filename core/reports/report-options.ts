import { z } from 'zod';

/** `/report [7d|30d|90d] [by agent|source|kind|area]` (design.md §8): the period and what to group by. */
export const ReportRange = z.enum(['7d', '30d', '90d']);
export type ReportRange = z.infer<typeof ReportRange>;

export const ReportDimension = z.enum(['agent', 'source', 'kind', 'area']);
export type ReportDimension = z.infer<typeof ReportDimension>;

export const REPORT_DEFAULTS = { range: '7d', by: 'kind' } as const satisfies {
  range: ReportRange;
  by: ReportDimension;
};

export const RANGE_DAYS: Record<ReportRange, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** What each grouping reads, said in the report so a manager knows where "unknown" comes from. */
export const DIMENSION_NOTE: Record<ReportDimension, string> = {
  agent: "the alert's assignee (unassigned when nobody holds it)",
  source: "the lead's source",
  kind: 'the alert kind',
  area: "the listing's city for listing alerts, else the lead's city or first search area",
};

/** The figures of one group (or the whole team) over a period; minutes are null with nothing to measure. */
export interface ReportFigures {
  alerts: number;
  claimed: number;
  contacted: number;
  /** Alerts whose lead booked a GHL appointment after the alert was raised. */
  appointments: number;
  won: number;
  claimP50: number | null;
  claimP90: number | null;
  contactP50: number | null;
  contactP90: number | null;
}

/** A share as a whole percentage of `of`; 0 when there is nothing to divide. */
export const percentOf = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 100));
