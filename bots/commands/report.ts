import { RANGE_DAYS, type ReportDimension, type ReportRange } from '../../core/reports/report-options.ts';
import { alertReport } from '../../db/queries/reports/alert-report.ts';
import type { Executor } from '../../db/client.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import { reportMessage } from '../message/report-message.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

const DAY_MS = 86_400_000;
const NONE = {
  alerts: 0,
  claimed: 0,
  contacted: 0,
  appointments: 0,
  won: 0,
  claimP50: null,
  claimP90: null,
  contactP50: null,
  contactP90: null,
};

/**
 * The report as of `now` (the asker's moment, or Monday 08:00 for the weekly report, so a retried post says
 * the same). Aggregates only, like `/leaderboard`: any agent of the team may ask.
 */
export async function buildReport(
  db: Executor,
  tenant: Tenant,
  options: { range: ReportRange; by: ReportDimension; now: Date; chart: boolean },
): Promise<ChatMessage> {
  const until = options.now;
  const ago = (days: number) => new Date(until.getTime() - days * DAY_MS);
  const [rows, [thisWeek], [lastWeek]] = await Promise.all([
    alertReport(db, tenant.id, { since: ago(RANGE_DAYS[options.range]), until, by: options.by }),
    alertReport(db, tenant.id, { since: ago(7), until }),
    alertReport(db, tenant.id, { since: ago(14), until: ago(7) }),
  ]);
  return reportMessage({
    range: options.range,
    by: options.by,
    rows,
    thisWeek: thisWeek ?? NONE,
    lastWeek: lastWeek ?? NONE,
    chart: options.chart,
  });
}

/** `/report [7d|30d|90d] [by agent|source|kind|area]`: a chart in Slack and Discord, a table in the terminal. */
export function reportCommand(ctx: CommandContext, args: { range: ReportRange; by: ReportDimension }) {
  return buildReport(ctx.runtime.db, ctx.tenant, {
    ...args,
    now: ctx.runtime.clock.now(),
    chart: ctx.platform !== 'terminal',
  });
}
