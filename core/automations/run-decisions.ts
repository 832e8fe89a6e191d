import { z } from 'zod';
import type { AutomationExit, AutomationRule } from './automation-rule.ts';
import { evaluateCondition, type LeadFacts } from './automation-condition.ts';
import type { ParsedTrigger } from './automation-trigger.ts';

/** The per-lead ceiling across every automation (tenant settings `automations`). */
export const AutomationLimits = z
  .strictObject({
    maxMessagesPerDay: z.number().int().min(0).max(20).default(2),
    maxMessagesPerWeek: z.number().int().min(0).max(50).default(5),
  })
  .prefault({});
export type AutomationLimits = z.output<typeof AutomationLimits>;

export type StartDecision = { start: true } | { start: false; reason: string };

/**
 * Whether a matched rule starts a run for this lead: not when its own actions caused the event (loop
 * protection), not when its `if` says no. The caller has already matched `when`.
 * @example decideRunStart(rule, trigger, facts, '2026-12-02') // { start: false, reason: 'conditions not met' }
 */
export function decideRunStart(
  rule: Pick<AutomationRule, 'id' | 'if'>,
  trigger: Pick<ParsedTrigger, 'causedBy'>,
  facts: LeadFacts,
  today: string,
): StartDecision {
  if (trigger.causedBy.includes(rule.id))
    return { start: false, reason: 'loop: this rule’s own action caused the event' };
  if (rule.if && !evaluateCondition(rule.if, facts, today)) return { start: false, reason: 'conditions not met' };
  return { start: true };
}

/** What happened to the lead since her run started, for its exit conditions. */
export interface SinceRunStart {
  replied: boolean;
  appointmentBooked: boolean;
  optedOut: boolean;
  /** Stage ids and statuses her opportunities moved to. */
  stages: string[];
}

/** The first exit condition that holds, in words for the run's record; null when the run goes on. */
export function exitReason(exits: readonly AutomationExit[], since: SinceRunStart): string | null {
  for (const exit of exits) {
    if (exit === 'replied' && since.replied) return 'the lead replied';
    if (exit === 'appointment_booked' && since.appointmentBooked) return 'an appointment was booked';
    if (exit === 'opted_out' && since.optedOut) return 'the lead opted out';
    if (typeof exit === 'object') {
      const reached = exit.stageReached.find((s) => since.stages.some((x) => x.toLowerCase() === s.toLowerCase()));
      if (reached) return `the deal reached ${reached}`;
    }
  }
  return null;
}

/** Null when one more automated message fits her ceiling, else why not. */
export function ceilingRefusal(sent: { lastDay: number; lastWeek: number }, limits: AutomationLimits): string | null {
  if (sent.lastDay >= limits.maxMessagesPerDay)
    return `ceiling: ${sent.lastDay} automated message(s) in the last 24 hours (max ${limits.maxMessagesPerDay})`;
  if (sent.lastWeek >= limits.maxMessagesPerWeek)
    return `ceiling: ${sent.lastWeek} automated message(s) in the last 7 days (max ${limits.maxMessagesPerWeek})`;
  return null;
}
