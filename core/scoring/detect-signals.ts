import { z } from 'zod';
import { showingRequestWords } from '../intent/describe-fact.ts';
import { extractIntentFallback } from '../intent/extract-intent-fallback.ts';
import type { Clock } from '../time/clock.ts';
import { areaSaves } from './area-saves.ts';
import { extractFeatures, isInbound } from './lead-features.ts';
import type { LeadSnapshot, SnapshotActivity } from './lead-snapshot.ts';
import { HOT_THRESHOLD, WARM_THRESHOLD, type ScoreReason } from './score-lead.ts';

export type SignalKind = 'hot_lead' | 'stale_lead' | 'lead_reply';
export type SignalPriority = 'critical' | 'high' | 'normal' | 'low';

export interface LeadSignal {
  kind: SignalKind;
  /** Which rule fired; with the lead (and listing) it makes a natural alert dedupe key. */
  code:
    | 'became_hot'
    | 'listing_burst'
    | 'area_saves'
    | 'reply_after_silence'
    | 'showing_request'
    | 'asks_for_person'
    | 'no_human_contact';
  reason: string;
  priority: SignalPriority;
  listingKey?: string;
  /** The area an `area_saves` signal is about: one such alert per lead, area and day. */
  area?: string;
}

export interface SignalInput {
  /** The stored score before this event; null for a lead never scored. */
  previous: { score: number; scoredAt?: Date | string | null } | null;
  current: { score: number; reasons?: ScoreReason[] };
  snapshot: LeadSnapshot;
}

export interface SignalOptions {
  /** An engaged lead with no human contact this long is stale. */
  staleAfterDays?: number;
  /** A reply after this much silence is worth an agent's attention. */
  silenceDays?: number;
  burstViews?: number;
  burstWindowHours?: number;
}

const DAY = 86_400_000;
const ShowingValue = z.object({ place: z.string().optional(), when: z.string().optional() });

/**
 * When we learned of an activity, as a signal sees it: its recorded time, unless that comes from a
 * different clock than ours (after `now`: a replay), then when it happened.
 */
export function learnedAt(a: { occurredAt: Date | string; recordedAt?: Date | string }, now: number): number {
  const t = new Date(a.occurredAt).getTime();
  const recorded = a.recordedAt ? new Date(a.recordedAt).getTime() : t;
  return recorded <= now ? Math.max(recorded, t) : t;
}

/**
 * Hot-lead and stale-lead signals for one re-score. Only activities newer than the previous
 * score (or from the last day, for a first score) can fire a behaviour signal, so re-scoring the
 * same history does not raise the same alarm again.
 */
export function detectSignals(input: SignalInput, clock: Clock, options: SignalOptions = {}): LeadSignal[] {
  const now = clock.now().getTime();
  const since = input.previous?.scoredAt ? new Date(input.previous.scoredAt).getTime() : now - DAY;
  const acts = input.snapshot.activities
    .map((a) => ({ a, t: new Date(a.occurredAt).getTime(), learned: learnedAt(a, now) }))
    .filter(({ t }) => t <= now)
    .sort((x, y) => x.t - y.t);
  // Fresh = learned of after the previous score, even if it happened a little before it.
  const fresh = acts.filter(({ learned }) => learned > since);
  const signals: LeadSignal[] = [];

  const { score } = input.current;
  const before = input.previous?.score;
  if (score >= HOT_THRESHOLD && (before === undefined || before < HOT_THRESHOLD)) {
    const why = (input.current.reasons ?? [])
      .filter((r) => r.contribution > 0)
      .slice(0, 3)
      .map((r) => r.text)
      .join('; ');
    const change = before === undefined ? `scored ${score}` : `score rose from ${before} to ${score}`;
    signals.push({
      kind: 'hot_lead',
      code: 'became_hot',
      priority: 'high',
      reason: why ? `${change}: ${why}` : change,
    });
  }

  signals.push(...listingBursts(acts, fresh, options));
  signals.push(...areaSaves(acts, fresh));

  const silenceDays = options.silenceDays ?? 30;
  const createdAt = new Date(input.snapshot.createdAt).getTime();
  for (const { a, t } of fresh) {
    if (!isInbound(a)) continue;
    const lastHeard = acts.filter((x) => x.t < t && isInbound(x.a)).at(-1)?.t ?? createdAt;
    const quietDays = Math.floor((t - lastHeard) / DAY);
    if (quietDays >= silenceDays) {
      signals.push({
        kind: 'lead_reply',
        code: 'reply_after_silence',
        priority: 'high',
        reason: `replied after ${quietDays} days of silence`,
      });
      break;
    }
  }

  const intents = new Set(
    fresh.filter(({ a }) => isInbound(a) && a.body).map(({ a }) => extractIntentFallback(a.body ?? '').intent),
  );
  // What the lead said, read since the last score (by the model when the tenant enabled it, so in any language).
  const said = new Map(
    (input.snapshot.facts ?? [])
      .filter((f) => learnedAt({ occurredAt: f.at, recordedAt: f.recordedAt }, now) > since)
      .map((f) => [f.kind, f.value]),
  );
  // The listing page's "I'd like to see it" button says it as plainly as a text does.
  const asked = fresh.find(({ a }) => a.kind === 'showing_request')?.a;
  const showing = ShowingValue.safeParse(said.get('showing_request'));
  if (intents.has('wants_showing') || asked || showing.success) {
    signals.push({
      kind: 'hot_lead',
      code: 'showing_request',
      priority: 'critical',
      reason: asked?.listingKey
        ? `asked to see listing ${asked.listingKey}`
        : showingRequestWords(showing.success ? showing.data : {}),
      ...(asked?.listingKey ? { listingKey: asked.listingKey } : {}),
    });
  }
  if (intents.has('asks_for_person') || said.has('wants_person')) {
    signals.push({
      kind: 'lead_reply',
      code: 'asks_for_person',
      priority: 'high',
      reason: 'asked to talk to a person',
    });
  }

  const staleAfterDays = options.staleAfterDays ?? 3;
  const quietOnOurSide = extractFeatures(input.snapshot, clock).days_since_human_contact;
  // Engaged: warm or hot, or she wrote in the last 30 days (a cold lead still talking to us counts).
  const engaged = score >= WARM_THRESHOLD || acts.some(({ a, t }) => isInbound(a) && now - t < 30 * DAY);
  if (engaged && quietOnOurSide >= staleAfterDays) {
    const label = score >= HOT_THRESHOLD ? 'hot' : score >= WARM_THRESHOLD ? 'warm' : 'engaged';
    signals.push({
      kind: 'stale_lead',
      code: 'no_human_contact',
      priority: score >= HOT_THRESHOLD ? 'high' : 'normal',
      reason: `${label} lead (score ${score}) with no human contact for ${Math.floor(quietOnOurSide)} days`,
    });
  }
  return signals;
}

function listingBursts(
  acts: Array<{ a: SnapshotActivity; t: number }>,
  fresh: Array<{ a: SnapshotActivity; t: number }>,
  options: SignalOptions,
): LeadSignal[] {
  const need = options.burstViews ?? 3;
  const windowMs = (options.burstWindowHours ?? 24) * 3_600_000;
  const found = new Map<string, number>();
  for (const { a, t } of fresh) {
    if (a.kind !== 'listing_view' || !a.listingKey || found.has(a.listingKey)) continue;
    const views = acts.filter(
      (x) => x.a.kind === 'listing_view' && x.a.listingKey === a.listingKey && x.t <= t && t - x.t < windowMs,
    ).length;
    if (views >= need) found.set(a.listingKey, views);
  }
  return [...found].map(([listingKey, views]) => ({
    kind: 'hot_lead' as const,
    code: 'listing_burst' as const,
    priority: 'high' as const,
    listingKey,
    reason: `viewed listing ${listingKey} ${views} times in ${Math.round(windowMs / 3_600_000)} hours`,
  }));
}
