import { GHL_MAX_EVENT_AGE_MS } from '../../core/ghl/ghl-event-id.ts';
import type { SignatureCheck } from './signature-check.ts';

export type InboundProvider = 'ghl' | 'twilio' | 'sendgrid' | 'slack' | 'discord';
/** The providers that sign a timestamp header, which `checkFreshness` judges. */
export type SignedTimestampProvider = 'slack' | 'discord' | 'sendgrid';

/** The part of the env the windows depend on. */
export interface FreshnessSettings {
  /** Default 300 (design.md §2). */
  WEBHOOK_MAX_AGE_SECONDS?: number;
}

export const DEFAULT_WEBHOOK_MAX_AGE_SECONDS = 300;

interface SignedHeaderWindow {
  /** A signed header timestamp: refused when it is maxAge or more away from now, in either direction. */
  kind: 'signed-header';
  staleReason: (maxAgeSeconds: number) => string;
}
type Window =
  | SignedHeaderWindow
  /** A timestamp inside the signed body: only too OLD counts, and such an event is stored as ignored, not refused. */
  | { kind: 'body-max-age'; maxAgeSeconds: number; dedupeOn: string }
  /** Nothing signed says when: a replay is caught by the provider's id instead. */
  | { kind: 'none'; dedupeOn: string };

/**
 * Each provider's replay rule in one table. Slack, Discord and SendGrid sign a header timestamp
 * and share WEBHOOK_MAX_AGE_SECONDS. GHL retries a delivery for days with the same webhookId, so a
 * short window would lose events: it dedupes on webhookId and ignores only events sent more than
 * 72 h ago (judged at ingest, from the timestamp in the body, by `isGhlEventTooOld` in core, since
 * a replay from quarantine must apply the same rule). Twilio signs no timestamp at all.
 */
export const FRESHNESS_WINDOWS = {
  slack: {
    kind: 'signed-header',
    staleReason: (s) => `timestamp is outside the ${s}-second window`,
  },
  discord: {
    kind: 'signed-header',
    staleReason: (s) => `timestamp is outside the ${s}-second window`,
  },
  // SendGrid's refusal has always been worded this way; kept stable for anyone matching on it.
  sendgrid: {
    kind: 'signed-header',
    staleReason: (s) => `timestamp is outside the ${s}s window (replay?)`,
  },
  ghl: { kind: 'body-max-age', maxAgeSeconds: GHL_MAX_EVENT_AGE_MS / 1000, dedupeOn: 'webhookId' },
  twilio: { kind: 'none', dedupeOn: 'MessageSid (+ MessageStatus for status callbacks)' },
} satisfies Record<InboundProvider, Window>;

/**
 * A provider's window in seconds: WEBHOOK_MAX_AGE_SECONDS (default 300) for signed header
 * timestamps, 72 h for GHL's body timestamp, undefined for Twilio, which signs no time at all.
 */
export function freshnessWindow(provider: InboundProvider, settings: FreshnessSettings = {}): number | undefined {
  const window = FRESHNESS_WINDOWS[provider];
  if (window.kind === 'body-max-age') return window.maxAgeSeconds;
  if (window.kind === 'none') return undefined;
  return settings.WEBHOOK_MAX_AGE_SECONDS ?? DEFAULT_WEBHOOK_MAX_AGE_SECONDS;
}

/**
 * The one freshness check for signed header timestamps (Slack, Discord, SendGrid): is the
 * timestamp (seconds since the epoch, as the header carries it) inside the provider's window at
 * `now`? Strictly inside: a request exactly maxAge old is stale. `maxAgeSeconds` overrides the
 * window for a caller that was given one explicitly.
 * @example checkFreshness('slack', headers['x-slack-request-timestamp'], clock.now(), env)
 */
export function checkFreshness(
  provider: SignedTimestampProvider,
  timestamp: string,
  now: Date,
  settings: FreshnessSettings & { maxAgeSeconds?: number } = {},
): SignatureCheck {
  const window = FRESHNESS_WINDOWS[provider];
  const maxAgeSeconds = settings.maxAgeSeconds ?? freshnessWindow(provider, settings)!;
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not a number of seconds' };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew >= maxAgeSeconds) return { ok: false, reason: window.staleReason(maxAgeSeconds) };
  return { ok: true };
}
