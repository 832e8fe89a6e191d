import { fixedClock } from '../time/clock.ts';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './feature-catalog.ts';
import { extractFeatures } from './lead-features.ts';
import type { LeadSnapshot, SnapshotActivity } from './lead-snapshot.ts';
import { seededRandom } from './seeded-random.ts';
import { sigmoid } from './scoring-model.ts';
import type { LabelledSnapshot } from './train-model.ts';

/**
 * The known process behind the synthetic outcomes: log-odds of winning per natural unit of each
 * feature. It deliberately disagrees with the default model in places (portal leads convert far
 * worse here, email clicks and timeline matter more, opens and listing counts not at all) so a
 * model trained on this tenant's outcomes has something to learn that the default cannot know.
 */
export const SYNTHETIC_PROCESS: { bias: number; weights: Record<FeatureName, number> } = {
  bias: -2.2,
  weights: {
    inbound_1h: 0.8,
    inbound_24h: 0.5,
    inbound_7d: 0.25,
    days_since_inbound: -0.02,
    reply_latency_hours: -0.02,
    listing_views_7d: 0.1,
    listing_saves_30d: 0.5,
    saved_searches: 0.2,
    email_opens_30d: 0,
    email_clicks_30d: 0.45,
    stage_changes_30d: 0.6,
    appointments_30d: 1.2,
    // The synthetic history has no showing requests: a model trained on it learns nothing about them.
    showing_request: 0,
    pre_approved: 1.5,
    matching_listings: 0,
    timeline_urgency: 2,
    source_referral: 1,
    source_portal: -1.2,
    days_since_human_contact: -0.06,
  },
};

export interface SyntheticLead extends LabelledSnapshot {
  features: FeatureVector;
  /** The true win probability under SYNTHETIC_PROCESS; the best any model could predict. */
  trueProbability: number;
}

const SOURCES = ['Zillow', 'Realtor.com', 'Zillow', 'Referral', 'Website', 'Facebook Ads', 'Open House', 'Past client'];
const TIMELINES = [1, 2, 3, 6, 9, 12, 18, 24];

/**
 * A seeded population of leads as of `asOf`, each with an outcome drawn from SYNTHETIC_PROCESS
 * over its extracted features. Same seed, same leads, same outcomes.
 */
export function generateSyntheticOutcomes(options: { count: number; seed: number; asOf?: string }): SyntheticLead[] {
  const rnd = seededRandom(options.seed);
  const asOf = options.asOf ?? '2026-03-01T12:00:00Z';
  const now = new Date(asOf).getTime();
  const clock = fixedClock(asOf);
  const H = 3_600_000;
  const D = 24 * H;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const at = (msAgo: number) => new Date(now - msAgo);

  const leads: SyntheticLead[] = [];
  for (let i = 0; i < options.count; i++) {
    // One latent "keenness" makes behaviours correlate the way they do in real pipelines.
    const keen = rnd();
    const activities: SnapshotActivity[] = [];
    const inbound = (msAgo: number) => {
      const latency = (0.05 + rnd() * (1 - keen) * 48) * H;
      if (chance(0.7))
        activities.push({
          kind: 'message',
          direction: 'outbound',
          human: chance(0.5),
          occurredAt: at(msAgo + latency),
        });
      activities.push({ kind: chance(0.85) ? 'message' : 'call', direction: 'inbound', occurredAt: at(msAgo) });
    };
    if (chance(0.1 * keen + 0.02)) for (let k = int(1, 4); k > 0; k--) inbound(rnd() * H);
    if (chance(0.2 * keen + 0.05)) for (let k = int(1, 3); k > 0; k--) inbound(H + rnd() * 23 * H);
    if (chance(0.3 * keen + 0.1)) for (let k = int(1, 5); k > 0; k--) inbound(D + rnd() * 6 * D);
    for (let k = int(0, 3); k > 0; k--) inbound(7 * D + rnd() * 120 * D);
    const repeat = (n: number, make: () => SnapshotActivity) => {
      for (let k = 0; k < n; k++) activities.push(make());
    };
    repeat(int(0, Math.round(10 * keen)), () => ({
      kind: 'listing_view',
      listingKey: `L${int(1, 40)}`,
      occurredAt: at(rnd() * 7 * D),
    }));
    repeat(int(0, Math.round(4 * keen)), () => ({
      kind: 'listing_save',
      listingKey: `L${int(1, 40)}`,
      occurredAt: at(rnd() * 30 * D),
    }));
    repeat(int(0, 8), () => ({ kind: 'email_open', occurredAt: at(rnd() * 30 * D) }));
    repeat(int(0, Math.round(3 * keen)), () => ({ kind: 'email_click', occurredAt: at(rnd() * 30 * D) }));
    repeat(int(0, 2), () => ({ kind: 'stage_change', occurredAt: at(rnd() * 30 * D) }));
    if (chance(0.2 * keen)) activities.push({ kind: 'appointment', human: true, occurredAt: at(rnd() * 30 * D) });

    const budgetMax = int(25, 120) * 10_000;
    const snapshot: LeadSnapshot = {
      leadId: `syn-${options.seed}-${i}`,
      source: pick(SOURCES),
      preApproved: chance(0.15) ? null : chance(0.2 + 0.3 * keen),
      budgetMin: Math.round(budgetMax * 0.7),
      budgetMax,
      timelineMonths: chance(0.3) ? null : pick(TIMELINES),
      areas: [],
      beds: int(1, 5),
      tags: [],
      createdAt: at((7 + rnd() * 113) * D),
      lastHumanContactAt: chance(0.85) ? at(rnd() * rnd() * 40 * D) : null,
      activities,
      savedSearchCount: int(0, 3),
      matchingListingCount: int(0, 40),
      opportunity: { stage: 'new', status: 'open' },
    };
    const features = extractFeatures(snapshot, clock);
    const logit = FEATURE_NAMES.reduce(
      (z, f) => z + SYNTHETIC_PROCESS.weights[f] * features[f],
      SYNTHETIC_PROCESS.bias,
    );
    const trueProbability = sigmoid(logit);
    const label: 0 | 1 = rnd() < trueProbability ? 1 : 0;
    leads.push({ snapshot, asOf, label, features, trueProbability });
  }
  return leads;
}
