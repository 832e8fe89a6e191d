import type { FeatureName } from './feature-catalog.ts';
import type { ScoringModel } from './scoring-model.ts';

/**
 * The model a tenant gets before it has enough won/lost outcomes to train its own.
 *
 * Weights are log-odds per natural unit (scales are all 1), measured from a "typical new lead"
 * (the means): a lead exactly like that scores 35, cold. Each weight and why:
 *
 * | feature | weight | typical | why |
 * |---|---|---|---|
 * | inbound_1h | +0.60 per reply | 0 | a live conversation is the strongest buying signal we see |
 * | inbound_24h | +0.35 per reply | 0.2 | still warm, fading |
 * | inbound_7d | +0.15 per reply | 0.5 | engaged this week |
 * | days_since_inbound | −0.03 per day | 20 | silence erodes intent (90 days ≈ −2.1) |
 * | reply_latency_hours | −0.015 per hour | 36 | fast repliers are paying attention |
 * | listing_views_7d | +0.12 per view | 2 | actively shopping |
 * | listing_saves_30d | +0.25 per save | 0.5 | a save is stronger than a view |
 * | saved_searches | +0.30 per search | 0.5 | asked to be told about listings |
 * | email_opens_30d | +0.05 per open | 2 | weak: opens are inflated by mail privacy proxies |
 * | email_clicks_30d | +0.15 per click | 0.5 | a click is a deliberate act |
 * | stage_changes_30d | +0.30 per move | 0.3 | the team is moving the deal |
 * | appointments_30d | +0.80 per booking | 0.1 | a booked showing or consult |
 * | showing_request | +2.00 | 0.05 | asked to see a home in the last 14 days: the hottest thing a lead says |
 * | pre_approved | +0.90 | 0.3 | financing in place: can act now |
 * | matching_listings | +0.02 per listing | 10 | a budget the market can satisfy |
 * | timeline_urgency | +1.00 (0–1) | 0.3 | buying within months, not years |
 * | source_referral | +0.70 | 0.1 | referrals convert best in every brokerage study |
 * | source_portal | −0.20 | 0.4 | portal leads are often early browsers |
 * | days_since_human_contact | −0.02 per day | 5 | leads cool when nobody calls |
 */
const TABLE: Record<FeatureName, [weight: number, typical: number]> = {
  inbound_1h: [0.6, 0],
  inbound_24h: [0.35, 0.2],
  inbound_7d: [0.15, 0.5],
  days_since_inbound: [-0.03, 20],
  reply_latency_hours: [-0.015, 36],
  listing_views_7d: [0.12, 2],
  listing_saves_30d: [0.25, 0.5],
  saved_searches: [0.3, 0.5],
  email_opens_30d: [0.05, 2],
  email_clicks_30d: [0.15, 0.5],
  stage_changes_30d: [0.3, 0.3],
  appointments_30d: [0.8, 0.1],
  showing_request: [2.0, 0.05],
  pre_approved: [0.9, 0.3],
  matching_listings: [0.02, 10],
  timeline_urgency: [1.0, 0.3],
  source_referral: [0.7, 0.1],
  source_portal: [-0.2, 0.4],
  days_since_human_contact: [-0.02, 5],
};

const entries = Object.entries(TABLE) as Array<[FeatureName, [number, number]]>;

export const DEFAULT_MODEL: ScoringModel = {
  kind: 'logistic',
  version: 'default-1',
  // logit(0.35): the typical lead above scores 35.
  bias: Math.log(0.35 / 0.65),
  weights: Object.fromEntries(entries.map(([k, [w]]) => [k, w])),
  featureMeans: Object.fromEntries(entries.map(([k, [, m]]) => [k, m])),
  featureScales: Object.fromEntries(entries.map(([k]) => [k, 1])),
};
