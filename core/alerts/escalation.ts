import { z } from 'zod';
import type { Clock } from '../time/clock.ts';
import { AlertPriority, type AlertStatus } from './alert-types.ts';
import { addBusinessMinutes, type ZonedHours } from './working-hours.ts';

export const EscalationStep = z.enum(['re_notify', 'manager_channel', 'manager_sms']);
export type EscalationStep = z.infer<typeof EscalationStep>;

const Ladder = z.array(EscalationStep);

const DEFAULT_DEADLINES: Record<AlertPriority, number> = { critical: 5, high: 15, normal: 30, low: 120 };
const DEFAULT_LADDERS: Record<AlertPriority, EscalationStep[]> = {
  critical: ['re_notify', 'manager_channel', 'manager_sms'],
  high: ['re_notify', 'manager_channel'],
  normal: ['re_notify', 'manager_channel'],
  low: ['re_notify'],
};

/**
 * Tenant knobs (`tenants.settings.escalation`): business minutes to wait per priority, and the
 * ladder per priority. A tenant overrides only the priorities it names; the rest keep the defaults.
 */
export const EscalationPolicy = z.object({
  deadlineMinutes: z.partialRecord(AlertPriority, z.number().positive()).default({}),
  ladder: z.partialRecord(AlertPriority, Ladder).default({}),
});
export type EscalationPolicy = z.input<typeof EscalationPolicy>;

/** The columns of an `alerts` row escalation needs; `lastEscalatedAt` is when the previous step fired. */
export interface EscalationInput {
  status: AlertStatus;
  priority: AlertPriority;
  createdAt: Date;
  claimedAt: Date | null;
  escalationLevel: number;
  lastEscalatedAt: Date | null;
  snoozedUntil: Date | null;
}

export interface Escalation {
  /** The level the alert reaches when this step runs (store it in `escalation_level`). */
  level: number;
  step: EscalationStep;
  waitingFor: 'claim' | 'acknowledge';
  /** Store in `escalate_at`; the `alert.escalate` cron acts once it has passed. */
  dueAt: Date;
  due: boolean;
}

/**
 * The next rung of the ladder for an alert nobody has claimed (open) or acknowledged
 * (claimed/assigned), or null when nothing is waiting or the ladder is used up. Each rung waits the
 * priority's deadline after the later of: the stage start (creation or claim), the previous rung,
 * the end of a snooze. The wait counts only tenant office hours, so an alert at 17:50 with a
 * 30-minute deadline and hours 08:00–18:00 escalates at 08:20 on the next open day.
 * @example nextEscalation(alert, { timezone: 'America/Chicago', hours: { mon: ['08:00', '18:00'] } }, clock)
 */
export function nextEscalation(
  alert: EscalationInput,
  tenantOfficeHours: ZonedHours,
  clock: Clock,
  policyInput: EscalationPolicy = {},
): Escalation | null {
  const policy = EscalationPolicy.parse(policyInput);
  let waitingFor: Escalation['waitingFor'];
  let stageStart: Date;
  if (alert.status === 'open') {
    waitingFor = 'claim';
    stageStart = alert.createdAt;
  } else if (alert.status === 'claimed' || alert.status === 'assigned') {
    waitingFor = 'acknowledge';
    stageStart = alert.claimedAt ?? alert.createdAt;
  } else {
    return null;
  }

  const ladder = policy.ladder[alert.priority] ?? DEFAULT_LADDERS[alert.priority];
  const step = ladder[alert.escalationLevel];
  if (!step) return null;

  const anchors = [stageStart, alert.lastEscalatedAt, alert.snoozedUntil].filter((d): d is Date => d !== null);
  const anchor = new Date(Math.max(...anchors.map((d) => d.getTime())));
  const deadline = policy.deadlineMinutes[alert.priority] ?? DEFAULT_DEADLINES[alert.priority];
  const dueAt = addBusinessMinutes(anchor, deadline, tenantOfficeHours);
  return { level: alert.escalationLevel + 1, step, waitingFor, dueAt, due: clock.now() >= dueAt };
}
