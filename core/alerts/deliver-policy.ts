import { z } from 'zod';
import type { Clock } from '../time/clock.ts';
import { AlertPriority } from './alert-types.ts';
import { TimeZone, WorkingHours, isWithinHours, nextOpening } from './working-hours.ts';

export const DeliveryChannel = z.enum(['slack', 'discord', 'sms', 'email', 'terminal']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

// Used only when a recipient states no preference: chat first, then the phone, then the inbox.
const DEFAULT_ORDER: readonly DeliveryChannel[] = ['slack', 'discord', 'terminal', 'sms', 'email'];

export const DeliveryRecipient = z.object({
  kind: z.enum(['agent', 'lead']),
  timezone: TimeZone,
  /** When they may be disturbed: an agent's working hours, or a lead's quiet hours inverted. null = any time. */
  hours: WorkingHours.nullable(),
  /** Preferred channels in order (`agents.channels`). */
  channels: z.array(DeliveryChannel).default([]),
  /** Channels we hold an address for (Slack user id, phone, email...). */
  reachable: z.array(DeliveryChannel),
});
export type DeliveryRecipient = z.input<typeof DeliveryRecipient>;

/** Tenant knobs (`tenants.settings.delivery`). */
export const DeliverySettings = z.object({
  perHour: z.number().int().positive().default(10),
  perDay: z.number().int().positive().default(60),
  /** Priorities that are never held back by caps; they still count toward them. */
  capExempt: z.array(AlertPriority).default(['critical']),
  criticalBreaksQuietHours: z.boolean().default(false),
});
export type DeliverySettings = z.input<typeof DeliverySettings>;

export const DeliveryInput = z.object({
  priority: AlertPriority,
  recipient: DeliveryRecipient,
  /** Alerts already sent to this recipient (not digested), counted by the caller. */
  sent: z.object({ lastHour: z.number().int().min(0), lastDay: z.number().int().min(0) }),
  expiresAt: z.date().nullable().default(null),
});
export type DeliveryInput = z.input<typeof DeliveryInput>;

export type DeliveryDecision = { kind: 'send_now' } | { kind: 'defer_until'; until: Date } | { kind: 'digest' };

export interface DeliveryPlan {
  decision: DeliveryDecision;
  /** Try in order; only critical alerts get fallbacks (Slack fails → SMS). */
  channels: DeliveryChannel[];
  reason: string;
}

/**
 * When and where one recipient gets one alert. Nothing is dropped: past a cap, or when the alert
 * would expire before the recipient's hours open, it goes to the digest.
 * @example deliverPolicy({ priority: 'high', recipient, sent: { lastHour: 0, lastDay: 3 } }, clock, tenant.settings.delivery)
 */
export function deliverPolicy(inputRaw: DeliveryInput, clock: Clock, settingsRaw: DeliverySettings = {}): DeliveryPlan {
  const input = DeliveryInput.parse(inputRaw);
  const settings = DeliverySettings.parse(settingsRaw);
  const { priority, recipient } = input;
  const channels = channelOrder(priority, recipient.channels, recipient.reachable);
  const plan = (decision: DeliveryDecision, reason: string): DeliveryPlan => ({ decision, channels, reason });
  const now = clock.now();

  if (channels.length === 0) return plan({ kind: 'digest' }, 'no reachable channel; kept for the digest');

  if (!settings.capExempt.includes(priority)) {
    if (input.sent.lastHour >= settings.perHour)
      return plan({ kind: 'digest' }, `hourly cap of ${settings.perHour} reached`);
    if (input.sent.lastDay >= settings.perDay)
      return plan({ kind: 'digest' }, `daily cap of ${settings.perDay} reached`);
  }

  if (recipient.hours === null) return plan({ kind: 'send_now' }, 'no quiet hours');
  const schedule = { timezone: recipient.timezone, hours: recipient.hours };
  if (isWithinHours(now, schedule)) return plan({ kind: 'send_now' }, 'within hours');
  if (priority === 'critical' && settings.criticalBreaksQuietHours) {
    return plan({ kind: 'send_now' }, 'critical alert breaks quiet hours (tenant allows it)');
  }
  const until = nextOpening(now, schedule);
  if (input.expiresAt && until >= input.expiresAt) {
    return plan({ kind: 'digest' }, 'alert expires before quiet hours end');
  }
  return plan({ kind: 'defer_until', until }, 'quiet hours');
}

/** Preferred channels we can reach, in the recipient's order; critical alerts add SMS as the last resort. */
export function channelOrder(
  priority: AlertPriority,
  preferred: readonly DeliveryChannel[],
  reachable: readonly DeliveryChannel[],
): DeliveryChannel[] {
  const base = preferred.length > 0 ? preferred : DEFAULT_ORDER;
  let ordered = base.filter((c, i) => reachable.includes(c) && base.indexOf(c) === i);
  if (ordered.length === 0) ordered = DEFAULT_ORDER.filter((c) => reachable.includes(c));
  if (priority !== 'critical') return ordered.slice(0, 1);
  if (reachable.includes('sms') && !ordered.includes('sms')) ordered.push('sms');
  return ordered;
}
