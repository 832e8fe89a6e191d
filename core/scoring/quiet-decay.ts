import type { Clock } from '../time/clock.ts';
import { CAPS } from './feature-catalog.ts';
import type { LeadSnapshot, SnapshotActivity } from './lead-snapshot.ts';
import { signedPoints, temperatureFor, type LeadScore } from './score-lead.ts';
import { sigmoid, type ScoringModel } from './scoring-model.ts';

const DAY = 86_400_000;
/** Every full stretch of this many quiet days halves what engagement added to the score. */
export const HALVING_DAYS = 14;

/** Things she does herself; an email open is left out because mail privacy proxies open everything. */
const OWN_KINDS = new Set(['listing_view', 'listing_save', 'showing_request', 'email_click']);
const CONVERSATION_KINDS = new Set(['message', 'call', 'voicemail']);
const isHerOwn = (a: SnapshotActivity) =>
  OWN_KINDS.has(a.kind) || (CONVERSATION_KINDS.has(a.kind) && a.direction === 'inbound');

/**
 * Days since the lead last did anything herself (wrote, called, viewed or saved a listing, asked for a
 * showing, clicked an email), or since she was created if never; capped where scoring's window ends.
 */
export function silenceDays(snapshot: LeadSnapshot, clock: Clock): number {
  const now = clock.now().getTime();
  const own = snapshot.activities
    .filter((a) => isHerOwn(a))
    .map((a) => new Date(a.occurredAt).getTime())
    .filter((t) => t <= now);
  const last = own.length ? Math.max(...own) : new Date(snapshot.createdAt).getTime();
  return Math.min(CAPS.daysSinceInbound, Math.max(0, (now - last) / DAY));
}

/**
 * A quiet lead cools on her own, whatever the model learnt: the points her score stands above the model's
 * typical lead (35 under the default model) halve for every full 14 days of silence (`silenceDays`).
 * A score at or below the typical lead's is left alone: silence is not evidence against her a second time.
 * The pure rule behind docs/lead-scoring.md "Quiet leads decay"; the clock is the caller's.
 * @example decayForSilence(scoreLead(features, model), { snapshot, model }, clock) // 75 after 28 quiet days: 45
 */
export function decayForSilence(
  score: LeadScore,
  input: { snapshot: LeadSnapshot; model: ScoringModel },
  clock: Clock,
): LeadScore {
  const typical = 100 * sigmoid(input.model.bias);
  const days = silenceDays(input.snapshot, clock);
  const halvings = Math.floor(days / HALVING_DAYS);
  if (halvings === 0 || score.score <= typical) return score;
  const decayed = Math.round(typical + (score.score - typical) * 0.5 ** halvings);
  const change = decayed - score.score;
  if (change === 0) return score;
  const reason = {
    factor: 'days_since_inbound' as const,
    contribution: change,
    text: `quiet for ${Math.floor(days)} days ${signedPoints(change)}`,
  };
  const reasons = [...score.reasons, reason]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, Math.max(score.reasons.length, 1));
  return { ...score, score: decayed, temperature: temperatureFor(decayed), reasons };
}
