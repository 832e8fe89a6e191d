import type { QuietWindow } from '../messaging/quiet-hours.ts';
import type { LeadFacts } from './automation-condition.ts';
import type { AutomationRule } from './automation-rule.ts';
import type { ParsedTrigger } from './automation-trigger.ts';
import { dryRunTotals, emptyRuleReport, type DryRunReport, type DryRunRuleReport } from './dry-run-report.ts';
import { LeadReplay, type DryRunTally } from './dry-run-replay.ts';
import type { AutomationLimits } from './run-decisions.ts';

/** Something after a run started that its `exitWhen` may name. */
export interface DryRunExit {
  at: Date;
  kind: 'replied' | 'appointment_booked' | 'opted_out' | 'stage';
  /** For `stage`: the stage id or status she moved to. */
  stage?: string;
}

/**
 * A historic event. Time-based ones (`no_inbound`, `no_human_contact`, `schedule`) name the rules whose
 * threshold selected her, as the tick hands each rule only its own leads.
 */
export type DryRunOccurrence = ParsedTrigger & { onlyRules?: readonly string[] };

/** One lead's stored history, as the replay needs it. */
export interface DryRunLead {
  leadId: string;
  name: string;
  /** Where her texts' quiet hours are read: her zone and US state (core/messaging/lead-time-zone.ts). */
  timeZone: string;
  state: string | null;
  /** What a rule's `if` sees at a moment: her fields as they are today, time-dependent facts as of then. */
  factsAt: (at: Date) => LeadFacts;
  /** What happened to her in the window, in any order. */
  occurrences: readonly DryRunOccurrence[];
  exits: readonly DryRunExit[];
}

export interface DryRunSettings {
  /** The team's zone: rule dates (`today`) and the busiest hour. */
  timeZone: string;
  limits: AutomationLimits;
  quietWindows: Record<string, QuietWindow>;
  /** A text this soon after her own message answers her, and quiet hours do not hold it. */
  replyWindowMinutes: number;
  since: Date;
  until: Date;
}

/**
 * "What would these rules have done?": replays each lead's stored events through candidate rules the way the
 * engine runs them (rules in id order; a run per rule, lead and occurrence; `if` and loop protection; waits;
 * exits; `enroll`, `stop` and the events tag and stage steps cause), tallying firings and what every lead
 * message would have met (consent, the per-lead ceiling over the simulated sends, quiet hours). Pure: leads
 * go in one at a time, so a caller can page through a large team.
 * @example const dry = createDryRun(rules, settings); for (const lead of page) dry.replay(lead); dry.report(30)
 */
export function createDryRun(candidate: readonly AutomationRule[], settings: DryRunSettings) {
  const rules = [...candidate].sort((a, b) => a.id.localeCompare(b.id));
  const reports = new Map(rules.map((r) => [r.id, emptyRuleReport(r)]));
  const leadsOf = new Map(rules.map((r) => [r.id, new Map<string, { name: string; times: number }>()]));
  const hours = new Array<number>(24).fill(0);
  const notes = new Set<string>();
  const zoned = zonedParts(settings.timeZone);
  const tally: DryRunTally = {
    rules,
    settings,
    report: (ruleId) => reports.get(ruleId)!,
    fired(rule, lead, at) {
      reports.get(rule.id)!.fired++;
      const leads = leadsOf.get(rule.id)!;
      const seen = leads.get(lead.leadId) ?? { name: lead.name, times: 0 };
      seen.times++;
      leads.set(lead.leadId, seen);
      hours[zoned(at).hour]++;
    },
    dateOf: (at) => zoned(at).date,
    note: (text) => void notes.add(text),
  };

  function report(days: number, extraNotes: readonly string[] = []): DryRunReport {
    const ruleReports: DryRunRuleReport[] = rules.map((rule) => {
      const leads = [...leadsOf.get(rule.id)!].map(([leadId, l]) => ({ leadId, name: l.name, times: l.times }));
      leads.sort((a, b) => b.times - a.times || a.name.localeCompare(b.name));
      return { ...reports.get(rule.id)!, leads };
    });
    const most = Math.max(...hours);
    return {
      since: settings.since.toISOString(),
      until: settings.until.toISOString(),
      days,
      timeZone: settings.timeZone,
      rules: ruleReports,
      totals: dryRunTotals(ruleReports),
      busiestHour: most > 0 ? { hour: hours.indexOf(most), firings: most } : null,
      notes: [...extraNotes, ...notes],
    };
  }

  return { replay: (lead: DryRunLead) => new LeadReplay(lead, tally).run(), report };
}

/** The team-local date (YYYY-MM-DD, for `if` anniversaries) and hour of day of a moment. */
export function zonedParts(timeZone: string): (at: Date) => { date: string; hour: number } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
  };
}
