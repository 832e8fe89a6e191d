/**
 * The named features a lead score is built from, each with a plain-words describer so a reason
 * reads like "replied 3 times in the last hour" rather than "inbound_1h=3". Windows are disjoint
 * (last hour, 1–24 h, 1–7 days) so two reasons never count the same message twice.
 */
export const FEATURE_NAMES = [
  'inbound_1h',
  'inbound_24h',
  'inbound_7d',
  'days_since_inbound',
  'reply_latency_hours',
  'listing_views_7d',
  'listing_saves_30d',
  'saved_searches',
  'email_opens_30d',
  'email_clicks_30d',
  'stage_changes_30d',
  'appointments_30d',
  'showing_request',
  'pre_approved',
  'matching_listings',
  'timeline_urgency',
  'source_referral',
  'source_portal',
  'days_since_human_contact',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** Caps keep one extreme lead from dominating training and keep "never" finite. */
export const CAPS = {
  daysSinceInbound: 90,
  replyLatencyHours: 72,
  matchingListings: 50,
  daysSinceHumanContact: 60,
} as const;

const times = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('{n}', String(n)));
const ago = (days: number) => {
  const [n, unit] = days < 1 ? [Math.max(1, Math.round(days * 24)), 'hour'] : [Math.round(days), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
};

export const FEATURE_DESCRIBERS: Record<FeatureName, (v: number) => string> = {
  inbound_1h: (v) =>
    v > 0 ? `replied ${times(v, 'once', '{n} times')} in the last hour` : 'no replies in the last hour',
  inbound_24h: (v) =>
    v > 0 ? `replied ${times(v, 'once', '{n} times')} earlier in the last day` : 'no replies earlier in the last day',
  inbound_7d: (v) =>
    v > 0 ? `replied ${times(v, 'once', '{n} times')} earlier this week` : 'no replies earlier this week',
  days_since_inbound: (v) =>
    v >= CAPS.daysSinceInbound ? `no reply in ${CAPS.daysSinceInbound}+ days` : `last replied ${ago(v)}`,
  reply_latency_hours: (v) => {
    if (v >= CAPS.replyLatencyHours) return 'has not been replying to our messages';
    const [n, unit] = v < 1 ? [Math.max(1, Math.round(v * 60)), 'minute'] : [Math.round(v), 'hour'];
    return `usually replies within ${n} ${unit}${n === 1 ? '' : 's'}`;
  },
  listing_views_7d: (v) =>
    v > 0 ? `viewed listings ${times(v, 'once', '{n} times')} this week` : 'no listing views this week',
  listing_saves_30d: (v) =>
    v > 0 ? `saved ${times(v, 'a listing', '{n} listings')} this month` : 'no saved listings this month',
  saved_searches: (v) => (v > 0 ? `has ${times(v, 'a saved search', '{n} saved searches')}` : 'no saved searches'),
  email_opens_30d: (v) =>
    v > 0 ? `opened ${times(v, 'an email', '{n} emails')} this month` : 'no emails opened this month',
  email_clicks_30d: (v) =>
    v > 0 ? `clicked ${times(v, 'an email link', '{n} email links')} this month` : 'no email clicks this month',
  stage_changes_30d: (v) =>
    v > 0
      ? `moved ${times(v, 'a pipeline stage', '{n} pipeline stages')} this month`
      : 'no pipeline movement this month',
  appointments_30d: (v) =>
    v > 0 ? `booked ${times(v, 'an appointment', '{n} appointments')} this month` : 'no appointments this month',
  showing_request: (v) => (v >= 1 ? 'asked for a showing' : 'no showing request'),
  pre_approved: (v) => (v >= 1 ? 'pre-approved' : 'no pre-approval'),
  matching_listings: (v) =>
    v > 0
      ? `${v >= CAPS.matchingListings ? `${CAPS.matchingListings}+` : v} ${v === 1 ? 'listing matches' : 'listings match'} their budget`
      : 'no listings match their budget',
  timeline_urgency: (v) => {
    if (v <= 0) return 'no timeline within a year';
    const months = Math.max(1, Math.round((1 - v) * 12));
    return `plans to buy within ${months} ${months === 1 ? 'month' : 'months'}`;
  },
  source_referral: (v) => (v >= 1 ? 'came by referral' : 'not a referral'),
  source_portal: (v) => (v >= 1 ? 'came from a listing portal' : 'not from a listing portal'),
  days_since_human_contact: (v) =>
    v >= CAPS.daysSinceHumanContact
      ? `no human contact for ${CAPS.daysSinceHumanContact}+ days`
      : `last human contact ${ago(v)}`,
};

export function describeFeature(name: FeatureName, value: number): string {
  return FEATURE_DESCRIBERS[name](value);
}
