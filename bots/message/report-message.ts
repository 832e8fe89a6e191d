import {
  DIMENSION_NOTE,
  percentOf,
  type ReportDimension,
  type ReportFigures,
  type ReportRange,
} from '../../core/reports/report-options.ts';
import { changeLine, formatMinutes, weekOverWeek } from '../../core/reports/week-over-week.ts';
import { barChartSvg } from '../charts/bar-chart-svg.ts';
import { svgToPng } from '../charts/svg-to-png.ts';
import { chatMessage, type ChatMessage, type ChatTable } from './chat-message.ts';

export interface ReportView {
  range: ReportRange;
  by: ReportDimension;
  /** One per group with alerts, biggest first. */
  rows: Array<ReportFigures & { group: string }>;
  thisWeek: ReportFigures;
  lastWeek: ReportFigures;
  /** Slack and Discord get the chart; the terminal shows the table alone. */
  chart: boolean;
}

const PERIOD_TEXT: Record<ReportRange, string> = { '7d': 'last 7 days', '30d': 'last 30 days', '90d': 'last 90 days' };
const GROUP_TITLE: Record<ReportDimension, string> = { agent: 'Agent', source: 'Source', kind: 'Kind', area: 'Area' };
// More bars than this make an unreadable chart; the table still lists every group.
const CHART_GROUPS = 8;

const mins = (m: number | null): string => (m === null ? '–' : formatMinutes(m));

function totalsOf(rows: ReportView['rows']): Pick<ReportFigures, 'alerts' | 'claimed' | 'appointments' | 'won'> {
  const sum = (k: 'alerts' | 'claimed' | 'appointments' | 'won') => rows.reduce((n, r) => n + r[k], 0);
  return { alerts: sum('alerts'), claimed: sum('claimed'), appointments: sum('appointments'), won: sum('won') };
}

function reportTable(view: ReportView): ChatTable {
  return {
    columns: [GROUP_TITLE[view.by], 'Alerts', 'Claimed', 'Claim p50', 'Claim p90', 'Contact p50', 'Contact p90'].concat(
      ['Appt', 'Won'],
    ),
    rows: view.rows.map((r) => [
      r.group,
      String(r.alerts),
      `${percentOf(r.claimed, r.alerts)}%`,
      mins(r.claimP50),
      mins(r.claimP90),
      mins(r.contactP50),
      mins(r.contactP90),
      `${percentOf(r.appointments, r.alerts)}%`,
      `${percentOf(r.won, r.alerts)}%`,
    ]),
  };
}

/**
 * `/report` and the weekly report: per group, alert volume, claim rate, minutes to claim and to first
 * contact (median and p90), conversion to appointment and to won; the team's week-over-week change on
 * top. Slack and Discord get a grouped bar chart, the terminal the table.
 */
export function reportMessage(view: ReportView): ChatMessage {
  const header = `📈 Alert report, ${PERIOD_TEXT[view.range]} by ${view.by}`;
  const changes = weekOverWeek(view.thisWeek, view.lastWeek).map(changeLine);
  const week = `**This week vs the week before:** ${changes.join(' · ')}`;
  if (view.rows.length === 0)
    return chatMessage({ header, sections: [`No alerts in the ${PERIOD_TEXT[view.range]}.`, week] });

  const t = totalsOf(view.rows);
  const shown = view.rows.slice(0, CHART_GROUPS);
  const image = view.chart
    ? {
        png: svgToPng(
          barChartSvg({
            title: `Alerts by ${view.by}, ${PERIOD_TEXT[view.range]}`,
            categories: shown.map((r) => r.group),
            series: [
              { name: 'Alerts', values: shown.map((r) => r.alerts) },
              { name: 'Claimed', values: shown.map((r) => r.claimed) },
              { name: 'Appointments', values: shown.map((r) => r.appointments) },
              { name: 'Won', values: shown.map((r) => r.won) },
            ],
          }),
        ).png,
        alt: `Alerts, claims, appointments and wins by ${view.by}: ${shown
          .map((r) => `${r.group} ${r.alerts}/${r.claimed}/${r.appointments}/${r.won}`)
          .join(', ')}`,
        filename: `report-${view.range}-${view.by}.png`,
      }
    : undefined;
  return chatMessage({
    header,
    sections: [
      `**${t.alerts} alerts**: ${percentOf(t.claimed, t.alerts)}% claimed, ` +
        `${percentOf(t.appointments, t.alerts)}% to an appointment, ${percentOf(t.won, t.alerts)}% won.`,
      week,
    ],
    context: [
      `Grouped by ${DIMENSION_NOTE[view.by]}. Minutes from the alert to its claim and to the first human contact; ` +
        'an appointment is one the lead booked in GHL after the alert.',
    ],
    image,
    table: reportTable(view),
  });
}
