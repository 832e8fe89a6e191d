import { DateTime } from 'luxon';

/** `matching.instantPerDay` when a tenant has not chosen one. */
export const DEFAULT_INSTANT_PER_DAY = 3;

export type InstantChannel = 'sms' | 'email';

/** Where the lead can be written to: an address on file, and whether her consent on that channel allows it. */
export interface InstantReach {
  sms: { address: boolean; allowed: boolean };
  /** `allowed` is also false while her email cadence is paused (she stopped reading). */
  email: { address: boolean; allowed: boolean };
}

export interface InstantSendInput {
  reach: InstantReach;
  /** Automated messages she already has today (her local day), instant ones included. */
  sentToday: number;
  perDay: number;
  /** `sms.approveDrafts`: an agent approves before anything goes to the lead. */
  approveDrafts: boolean;
}

export type InstantSendDecision =
  | { action: 'send' | 'draft'; channel: InstantChannel; reason: string }
  | { action: 'digest'; reason: string }
  | { action: 'skip'; reason: string };

/**
 * What a new or price-dropped match on an instant search does for its lead. Texts come first (they are read
 * within minutes), then email, each only where she has an address and has not opted out. A lead with an
 * address but no consent left still gets a `send` on her first channel: the delivery pipeline re-checks consent
 * when it goes out and records the attempt as suppressed, so the refusal shows on her timeline. Past her daily
 * cap the home waits for her digest: never dropped, never a flood.
 * @example decideInstantSend({ reach, sentToday: 3, perDay: 3, approveDrafts: false }) // { action: 'digest', … }
 */
export function decideInstantSend(input: InstantSendInput): InstantSendDecision {
  const { reach } = input;
  const channels: InstantChannel[] = ['sms', 'email'];
  const open = channels.find((c) => reach[c].address && reach[c].allowed);
  const channel = open ?? channels.find((c) => reach[c].address);
  if (!channel) return { action: 'skip', reason: 'no phone or email on file' };
  if (input.sentToday >= input.perDay)
    return { action: 'digest', reason: `daily cap of ${input.perDay} reached; kept for her digest` };
  const why = open ? `${channel === 'sms' ? 'text' : 'email'} is her first open channel` : 'no channel open to her';
  if (input.approveDrafts) return { action: 'draft', channel, reason: `${why}; waiting for agent approval` };
  return { action: 'send', channel, reason: why };
}

/** One message per lead and listing change, however many of her searches matched it or how often the job ran. */
export const instantSendKey = (leadId: string, changeId: string): string => `instant:${leadId}:${changeId}`;

/** Where her local day began, for counting messages "today" in her own time. */
export function localDayStart(now: Date, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  return (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' })).startOf('day').toJSDate();
}
