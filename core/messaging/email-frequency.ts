import { z } from 'zod';

export const EmailFrequency = z.enum(['instant', 'daily', 'weekly', 'paused']);
export type EmailFrequency = z.infer<typeof EmailFrequency>;

export const EmailEngagement = z.object({
  /** What the lead chose; re-engaging restores it. */
  preferred: EmailFrequency.exclude(['paused']),
  current: EmailFrequency,
  /** When `current` last changed (null: never). */
  changedAt: z.date().nullable(),
  lastEngagedAt: z.date().nullable(),
  /** Emails sent without an open or click since the later of lastEngagedAt and changedAt. */
  unopenedCount: z.number().int().min(0),
  stillInterestedSentAt: z.date().nullable(),
});
export type EmailEngagement = z.infer<typeof EmailEngagement>;

export const EmailFrequencyPolicy = z.object({
  /** Unopened emails at each frequency before asking "still interested?". */
  unopenedLimit: z.object({
    instant: z.number().int().positive(),
    daily: z.number().int().positive(),
    weekly: z.number().int().positive(),
  }),
  /** How long the "still interested?" email gets to be answered. */
  graceDays: z.number().positive(),
});
export type EmailFrequencyPolicy = z.infer<typeof EmailFrequencyPolicy>;

/** About two weeks of daily silence, a month of weekly silence. */
export const DEFAULT_EMAIL_FREQUENCY_POLICY: EmailFrequencyPolicy = {
  unopenedLimit: { instant: 10, daily: 10, weekly: 4 },
  graceDays: 7,
};

export type EmailFrequencyDecision =
  | { action: 'keep'; frequency: EmailFrequency }
  | { action: 'send_still_interested'; frequency: EmailFrequency }
  | { action: 'step_down'; frequency: EmailFrequency; from: EmailFrequency }
  | { action: 'restore'; frequency: EmailFrequency; from: EmailFrequency };

const STEP_DOWN: Record<Exclude<EmailFrequency, 'paused'>, EmailFrequency> = {
  instant: 'weekly',
  daily: 'weekly',
  weekly: 'paused',
};
const after = (a: Date | null, b: Date | null) => a !== null && (b === null || a > b);

/**
 * Mailing people who stopped reading hurts deliverability for every lead, so frequency steps down
 * (instant/daily → weekly → paused), each step preceded by a "still interested?" email and a grace
 * period. Any open or click after a step-down restores the lead's chosen frequency.
 * @example decideEmailFrequency(engagement, clock.now()) // { action: 'send_still_interested', frequency: 'daily' }
 */
export function decideEmailFrequency(
  engagement: EmailEngagement,
  now: Date,
  policy: EmailFrequencyPolicy = DEFAULT_EMAIL_FREQUENCY_POLICY,
): EmailFrequencyDecision {
  const e = EmailEngagement.parse(engagement);
  if (e.current !== e.preferred && after(e.lastEngagedAt, e.changedAt)) {
    return { action: 'restore', frequency: e.preferred, from: e.current };
  }
  if (e.current === 'paused' || e.unopenedCount < policy.unopenedLimit[e.current])
    return { action: 'keep', frequency: e.current };

  // Only a "still interested?" sent during this stretch of silence counts.
  const askedThisTime = after(e.stillInterestedSentAt, e.changedAt) && after(e.stillInterestedSentAt, e.lastEngagedAt);
  if (!askedThisTime) return { action: 'send_still_interested', frequency: e.current };
  const waitedMs = now.getTime() - e.stillInterestedSentAt!.getTime();
  if (waitedMs < policy.graceDays * 86_400_000) return { action: 'keep', frequency: e.current };
  return { action: 'step_down', frequency: STEP_DOWN[e.current], from: e.current };
}
