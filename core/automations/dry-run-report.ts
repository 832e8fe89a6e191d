import type { AutomationRule } from './automation-rule.ts';

/**
 * What lead messages would have done. The first two went out (at once, or held until her quiet hours
 * ended); the others never would: she opted out, has no phone/email, or her automation ceiling was full.
 */
export interface DryRunMessages {
  wouldSend: number;
  deferredQuietHours: number;
  blockedConsent: number;
  blockedNoAddress: number;
  blockedCeiling: number;
}

/** One rule's part of a dry run. */
export interface DryRunRuleReport {
  ruleId: string;
  name: string;
  enabled: boolean;
  event: string;
  /** Runs started. */
  fired: number;
  /** Who it fired for, most often first. */
  leads: Array<{ leadId: string; name: string; times: number }>;
  /** Steps reached, by action (`text_lead`, `notify`, ...); waits are not counted. */
  steps: Record<string, number>;
  messages: DryRunMessages;
  /** Matched events that started nothing: its `if` said no, or its own action caused the event. */
  skipped: { conditions: number; loop: number };
  /** How its runs stood at the end: done, left by an exit condition, stopped by a rule, still in a wait. */
  runs: { completed: number; exited: number; cancelled: number; waiting: number };
}

export interface DryRunReport {
  since: string;
  until: string;
  days: number;
  /** The team's zone: the busiest hour and the dates are in it. */
  timeZone: string;
  rules: DryRunRuleReport[];
  totals: {
    fired: number;
    leads: number;
    messages: DryRunMessages;
    skipped: { conditions: number; loop: number };
  };
  /** The team-local hour of day (0-23) with the most firings; null when nothing fired. */
  busiestHour: { hour: number; firings: number } | null;
  /** What the replay could not know or did differently from the live engine. */
  notes: string[];
}

export const noMessages = (): DryRunMessages => ({
  wouldSend: 0,
  deferredQuietHours: 0,
  blockedConsent: 0,
  blockedNoAddress: 0,
  blockedCeiling: 0,
});

export function emptyRuleReport(rule: AutomationRule): DryRunRuleReport {
  return {
    ruleId: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    event: rule.when.event,
    fired: 0,
    leads: [],
    steps: {},
    messages: noMessages(),
    skipped: { conditions: 0, loop: 0 },
    runs: { completed: 0, exited: 0, cancelled: 0, waiting: 0 },
  };
}

/** Rule reports summed: distinct leads counted once across rules. */
export function dryRunTotals(rules: readonly DryRunRuleReport[]): DryRunReport['totals'] {
  const messages = noMessages();
  const skipped = { conditions: 0, loop: 0 };
  const leads = new Set<string>();
  let fired = 0;
  for (const rule of rules) {
    fired += rule.fired;
    for (const lead of rule.leads) leads.add(lead.leadId);
    for (const key of Object.keys(messages) as Array<keyof DryRunMessages>) messages[key] += rule.messages[key];
    skipped.conditions += rule.skipped.conditions;
    skipped.loop += rule.skipped.loop;
  }
  return { fired, leads: leads.size, messages, skipped };
}
