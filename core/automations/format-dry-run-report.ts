import type { DryRunMessages, DryRunReport, DryRunRuleReport } from './dry-run-report.ts';

const SHOWN_LEADS = 5;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 would send, 1 held for quiet hours, 1 blocked by consent"; zeros left out, "none" when all are. */
export function describeMessages(m: DryRunMessages): string {
  const parts = [
    m.wouldSend && `${m.wouldSend} would send`,
    m.deferredQuietHours && `${m.deferredQuietHours} held for quiet hours`,
    m.blockedConsent && `${m.blockedConsent} blocked by consent`,
    m.blockedNoAddress && `${m.blockedNoAddress} with no phone or email`,
    m.blockedCeiling && `${m.blockedCeiling} blocked by the ceiling`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

function ruleLines(rule: DryRunRuleReport): string[] {
  const off = rule.enabled ? '' : ', disabled';
  const head = `• ${rule.name} (${rule.ruleId}, ${rule.event}${off}): `;
  if (!rule.fired) {
    const skipped = rule.skipped.conditions + rule.skipped.loop;
    return [
      `${head}would not have fired${skipped ? ` (${plural(skipped, 'match', 'matches')} failed its conditions)` : ''}`,
    ];
  }
  const names = rule.leads
    .slice(0, SHOWN_LEADS)
    .map((l) => (l.times > 1 ? `${l.name} ×${l.times}` : l.name))
    .join(', ');
  const more = rule.leads.length > SHOWN_LEADS ? ` and ${rule.leads.length - SHOWN_LEADS} more` : '';
  const lines = [
    `${head}fired ${plural(rule.fired, 'time')} for ${plural(rule.leads.length, 'lead')}: ${names}${more}`,
  ];
  const steps = Object.entries(rule.steps)
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
  const detail = [`steps: ${steps || 'none'}`];
  const messages = Object.values(rule.messages).some(Boolean);
  if (messages) detail.push(`messages: ${describeMessages(rule.messages)}`);
  if (rule.skipped.conditions) detail.push(`skipped ${rule.skipped.conditions} by its conditions`);
  if (rule.skipped.loop) detail.push(`${rule.skipped.loop} by loop protection`);
  if (rule.runs.exited) detail.push(`${rule.runs.exited} left the sequence`);
  if (rule.runs.waiting) detail.push(`${rule.runs.waiting} still waiting`);
  lines.push(`    ${detail.join(' · ')}`);
  return lines;
}

/**
 * The dry run as plain lines for the CLI and chat: one block per rule, then totals, the busiest hour
 * (team time) and what the replay could not know.
 * @example formatDryRunReport(report, 'America/Chicago').join('\n')
 */
export function formatDryRunReport(report: DryRunReport, timeZone: string): string[] {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' });
  const range = `${day.format(new Date(report.since))} – ${day.format(new Date(report.until))}`;
  const { totals } = report;
  const hour = report.busiestHour;
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return [
    `Dry run of ${plural(report.rules.length, 'rule')} over the last ${plural(report.days, 'day')} ` +
      `(${range}, ${timeZone}). Nothing was sent or changed.`,
    ...report.rules.flatMap(ruleLines),
    `Total: ${plural(totals.fired, 'firing')} for ${plural(totals.leads, 'lead')}; ` +
      `lead messages: ${describeMessages(totals.messages)}.`,
    hour
      ? `Busiest hour: ${hh(hour.hour)}–${hh(hour.hour + 1)} (${plural(hour.firings, 'firing')}).`
      : 'Busiest hour: none (nothing fired).',
    ...report.notes.map((note) => `Note: ${note}`),
  ];
}
