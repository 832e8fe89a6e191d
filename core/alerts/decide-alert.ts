import { z } from 'zod';
import type { Clock } from '../time/clock.ts';
import { AlertKind, type AlertPriority } from './alert-types.ts';
import { staleLimitMinutes } from './stale-limits.ts';

const DAY = 24 * 60;

const DEFAULT_DEDUPE_WINDOW: Record<AlertKind, number> = {
  hot_lead: DAY,
  listing_match: 30 * DAY,
  price_drop: DAY,
  back_on_market: 7 * DAY,
  lead_reply: 30,
  stale_lead: DAY,
};
const DEFAULT_TTL: Record<AlertKind, number> = {
  hot_lead: DAY,
  listing_match: 3 * DAY,
  price_drop: 3 * DAY,
  back_on_market: 3 * DAY,
  lead_reply: DAY,
  stale_lead: 7 * DAY,
};

/** What scoring, matching and GHL activity report; one variant per alert kind. */
export const AlertSignal = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hot_lead'),
    leadId: z.string(),
    score: z.number().min(0).max(100),
    previousScore: z.number().min(0).max(100).nullable().default(null),
    /** A burst of buying behaviour (asked for a showing, viewed one home 3 times in a day): hot whatever the score says. */
    behaviour: z.string().min(1).optional(),
    behaviourPriority: z.enum(['critical', 'high']).optional(),
    /** What the behaviour is about (`area:round rock`): each scope gets its own alert per dedupe window. */
    behaviourScope: z.string().min(1).optional(),
  }),
  z.object({
    type: z.literal('listing_match'),
    leadId: z.string(),
    listingKey: z.string(),
    matchScore: z.number().min(0).max(100),
    leadScore: z.number().min(0).max(100).optional(),
  }),
  z.object({
    type: z.literal('price_drop'),
    leadId: z.string(),
    listingKey: z.string(),
    previousPrice: z.number().positive(),
    newPrice: z.number().positive(),
    leadScore: z.number().min(0).max(100).optional(),
  }),
  z.object({
    type: z.literal('back_on_market'),
    leadId: z.string(),
    listingKey: z.string(),
    leadScore: z.number().min(0).max(100).optional(),
  }),
  z.object({ type: z.literal('lead_reply'), leadId: z.string(), leadScore: z.number().min(0).max(100).optional() }),
  z.object({
    type: z.literal('stale_lead'),
    leadId: z.string(),
    lastContactAt: z.date(),
    leadScore: z.number().min(0).max(100),
  }),
]);
export type AlertSignal = z.input<typeof AlertSignal>;

/** Tenant knobs (from `tenants.settings.alerts`); every one has a default. Windows and TTLs in minutes. */
export const AlertPolicy = z.object({
  hotScore: z.number().min(0).max(100).default(80),
  warmScore: z.number().min(0).max(100).default(50),
  criticalScore: z.number().min(0).max(100).default(90),
  matchThreshold: z.number().min(0).max(100).default(70),
  strongMatch: z.number().min(0).max(100).default(90),
  minPriceDropPct: z.number().min(0).max(100).default(2),
  bigPriceDropPct: z.number().min(0).max(100).default(5),
  /** An engaged lead (warm, hot, or wrote in the last 30 days) with no human contact this many days is stale. */
  staleAfterDays: z.number().positive().max(365).default(3),
  /** Per temperature, overriding `staleAfterDays` for it: a hot lead is stale after a day unless set otherwise. */
  staleAfterMinutes: z
    .object({
      hot: z.number().positive().default(DAY),
      warm: z.number().positive().optional(),
      cold: z.number().positive().optional(),
    })
    .prefault({}),
  /** Per kind; kinds not named keep the defaults below. */
  dedupeWindowMinutes: z.partialRecord(AlertKind, z.number().positive()).default({}),
  ttlMinutes: z.partialRecord(AlertKind, z.number().positive()).default({}),
});
export type AlertPolicy = z.input<typeof AlertPolicy>;

export type AlertDecision =
  | { alert: false; reason: string }
  | {
      alert: true;
      kind: AlertKind;
      priority: AlertPriority;
      leadId: string;
      listingKey: string | null;
      /** `kind:lead:listing:bucket`; the unique index (tenant_id, dedupe_key) turns a second insert into a no-op. */
      dedupeKey: string;
      expiresAt: Date;
      reason: string;
    };

/**
 * Alert policy: does this signal deserve an agent's attention now, how urgently, and under which
 * dedupe key. The key holds a fixed time bucket instead of a sliding window so two workers racing
 * on the same signal compute the same key and the database keeps exactly one; the price is that
 * two signals either side of a bucket edge may both alert.
 * @example decideAlert({ type: 'lead_reply', leadId: 'l1' }, clock)
 */
export function decideAlert(signalInput: AlertSignal, clock: Clock, policyInput: AlertPolicy = {}): AlertDecision {
  const signal = AlertSignal.parse(signalInput);
  const policy = AlertPolicy.parse(policyInput);
  const now = clock.now();
  const isHot = (score?: number): boolean => score !== undefined && score >= policy.hotScore;
  const make = (
    kind: AlertKind,
    priority: AlertPriority,
    listingKey: string | null,
    reason: string,
    episode?: string,
  ): AlertDecision => {
    const windowMs = (policy.dedupeWindowMinutes[kind] ?? DEFAULT_DEDUPE_WINDOW[kind]) * 60_000;
    const bucket = episode ?? Math.floor(now.getTime() / windowMs);
    const ttlMs = (policy.ttlMinutes[kind] ?? DEFAULT_TTL[kind]) * 60_000;
    return {
      alert: true,
      kind,
      priority,
      leadId: signal.leadId,
      listingKey,
      reason,
      dedupeKey: `${kind}:${signal.leadId}:${listingKey ?? '-'}:${bucket}`,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
  };

  switch (signal.type) {
    case 'hot_lead': {
      if (signal.behaviour) {
        // Behaviour beats the model: a lead asking to see a home today is hot even if their history is thin.
        const priority = signal.behaviourPriority ?? 'high';
        const reason = `hot lead: ${signal.behaviour}`;
        if (!signal.behaviourScope) return make('hot_lead', priority, null, reason);
        const windowMs = (policy.dedupeWindowMinutes.hot_lead ?? DEFAULT_DEDUPE_WINDOW.hot_lead) * 60_000;
        return make(
          'hot_lead',
          priority,
          null,
          reason,
          `${signal.behaviourScope}:${Math.floor(now.getTime() / windowMs)}`,
        );
      }
      if (signal.score < policy.hotScore)
        return { alert: false, reason: `score ${signal.score} is below hot (${policy.hotScore})` };
      // Only the crossing into hot alerts; a hot lead re-scored as hot again is not news.
      if (signal.previousScore !== null && signal.previousScore >= policy.hotScore) {
        return { alert: false, reason: `lead was already hot (${signal.previousScore})` };
      }
      const priority = signal.score >= policy.criticalScore ? 'critical' : 'high';
      return make('hot_lead', priority, null, `lead became hot (score ${signal.score})`);
    }
    case 'listing_match': {
      if (signal.matchScore < policy.matchThreshold) {
        return { alert: false, reason: `match ${signal.matchScore} is below the threshold (${policy.matchThreshold})` };
      }
      const priority = signal.matchScore >= policy.strongMatch || isHot(signal.leadScore) ? 'high' : 'normal';
      return make('listing_match', priority, signal.listingKey, `listing matches at ${signal.matchScore}`);
    }
    case 'price_drop': {
      const dropPct = ((signal.previousPrice - signal.newPrice) / signal.previousPrice) * 100;
      if (dropPct < policy.minPriceDropPct) {
        return {
          alert: false,
          reason: `price moved ${dropPct.toFixed(1)}%, below the ${policy.minPriceDropPct}% minimum drop`,
        };
      }
      const priority = dropPct >= policy.bigPriceDropPct || isHot(signal.leadScore) ? 'high' : 'normal';
      return make(
        'price_drop',
        priority,
        signal.listingKey,
        `price dropped ${dropPct.toFixed(1)}% to ${signal.newPrice}`,
      );
    }
    case 'back_on_market':
      return make(
        'back_on_market',
        isHot(signal.leadScore) ? 'high' : 'normal',
        signal.listingKey,
        'listing is back on the market',
      );
    case 'lead_reply':
      // A reply is the moment speed-to-lead is won or lost.
      return make('lead_reply', isHot(signal.leadScore) ? 'critical' : 'high', null, 'lead replied');
    case 'stale_lead': {
      const temperature =
        signal.leadScore >= policy.hotScore ? 'hot' : signal.leadScore >= policy.warmScore ? 'warm' : 'cold';
      const limit = staleLimitMinutes(policy, temperature);
      const idleMinutes = Math.floor((now.getTime() - signal.lastContactAt.getTime()) / 60_000);
      if (idleMinutes < limit)
        return { alert: false, reason: `${temperature} lead last contacted ${idleMinutes} min ago (limit ${limit})` };
      return make(
        'stale_lead',
        temperature === 'hot' ? 'normal' : 'low',
        null,
        `${temperature} lead not contacted for ${Math.floor(idleMinutes / DAY)} days`,
        // One alert per stretch of silence, keyed by the contact it started from: a daily sweep finding her
        // still stale says nothing new, and the next human contact starts a new stretch.
        `since-${signal.lastContactAt.getTime()}`,
      );
    }
  }
}
