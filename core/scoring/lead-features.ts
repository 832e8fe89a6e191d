import type { Clock } from '../time/clock.ts';
import { CAPS, type FeatureVector } from './feature-catalog.ts';
import type { LeadSnapshot, SnapshotActivity } from './lead-snapshot.ts';

export { FEATURE_NAMES, describeFeature, type FeatureName, type FeatureVector } from './feature-catalog.ts';
export { LeadSnapshot } from './lead-snapshot.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHOWING_WINDOW = 14 * DAY;

const CONVERSATION_KINDS = new Set(['message', 'call', 'voicemail']);
const REFERRAL_SOURCES = /referr|sphere|past client|friend|family|repeat/i;
const PORTAL_SOURCES = /zillow|trulia|realtor\.com|redfin|homes\.com|opcity|portal/i;

export const isInbound = (a: SnapshotActivity) => CONVERSATION_KINDS.has(a.kind) && a.direction === 'inbound';
const isOutboundMessage = (a: SnapshotActivity) => CONVERSATION_KINDS.has(a.kind) && a.direction === 'outbound';
const isHumanContact = (a: SnapshotActivity) =>
  a.human === true && (a.direction === 'outbound' || a.kind === 'appointment') && a.kind !== 'email_open';

/**
 * Turns a lead snapshot into the named numeric features scoring uses, as of `clock.now()`.
 * Activities after "now" are ignored so training on past snapshots cannot peek at the outcome.
 */
export function extractFeatures(snapshot: LeadSnapshot, clock: Clock): FeatureVector {
  const now = clock.now().getTime();
  const acts = snapshot.activities
    .map((a) => ({ a, t: new Date(a.occurredAt).getTime() }))
    .filter(({ t }) => t <= now)
    .sort((x, y) => x.t - y.t);
  const age = (t: number) => now - t;
  const count = (pred: (a: SnapshotActivity) => boolean, from: number, to: number) =>
    acts.filter(({ a, t }) => pred(a) && age(t) >= from && age(t) < to).length;

  const inbound = acts.filter(({ a }) => isInbound(a));
  const lastInbound = inbound.at(-1)?.t;
  const kind = (k: string) => (a: SnapshotActivity) => a.kind === k;

  const humanTimes = acts.filter(({ a }) => isHumanContact(a)).map(({ t }) => t);
  if (snapshot.lastHumanContactAt) humanTimes.push(new Date(snapshot.lastHumanContactAt).getTime());
  const lastHuman = humanTimes.filter((t) => t <= now).reduce((m, t) => Math.max(m, t), Number.NEGATIVE_INFINITY);
  const humanFrom = Number.isFinite(lastHuman) ? lastHuman : new Date(snapshot.createdAt).getTime();

  const months = snapshot.timelineMonths;
  const source = snapshot.source ?? '';

  return {
    inbound_1h: count(isInbound, 0, HOUR),
    inbound_24h: count(isInbound, HOUR, DAY),
    inbound_7d: count(isInbound, DAY, 7 * DAY),
    // A lead that has not replied yet is not "silent for 90 days" on day one: until its age says
    // otherwise it sits at the typical value, so the feature neither helps nor hurts.
    days_since_inbound:
      lastInbound === undefined
        ? Math.min(
            CAPS.daysSinceInbound,
            Math.max(TYPICAL.daysSinceInbound, age(new Date(snapshot.createdAt).getTime()) / DAY),
          )
        : Math.min(CAPS.daysSinceInbound, age(lastInbound) / DAY),
    reply_latency_hours: medianReplyLatencyHours(acts, now),
    listing_views_7d: count(kind('listing_view'), 0, 7 * DAY),
    listing_saves_30d: count(kind('listing_save'), 0, 30 * DAY),
    saved_searches: snapshot.savedSearchCount,
    email_opens_30d: count(kind('email_open'), 0, 30 * DAY),
    email_clicks_30d: count(kind('email_click'), 0, 30 * DAY),
    stage_changes_30d: count(kind('stage_change'), 0, 30 * DAY),
    appointments_30d: count(kind('appointment'), 0, 30 * DAY),
    showing_request: askedForShowing(snapshot, acts, now) ? 1 : 0,
    pre_approved: snapshot.preApproved ? 1 : 0,
    matching_listings: Math.min(CAPS.matchingListings, snapshot.matchingListingCount ?? 0),
    timeline_urgency: months === null || months === undefined ? 0 : 1 - Math.min(12, Math.max(0, months)) / 12,
    source_referral: REFERRAL_SOURCES.test(source) ? 1 : 0,
    source_portal: PORTAL_SOURCES.test(source) ? 1 : 0,
    days_since_human_contact: Math.min(CAPS.daysSinceHumanContact, Math.max(0, age(humanFrom)) / DAY),
  };
}

/** A showing asked for in the last two weeks, by text (a fact) or on our listing page (an activity). */
function askedForShowing(snapshot: LeadSnapshot, acts: Array<{ a: SnapshotActivity; t: number }>, now: number) {
  const recent = (t: number) => t <= now && now - t < SHOWING_WINDOW;
  return (
    (snapshot.facts ?? []).some((f) => f.kind === 'showing_request' && recent(new Date(f.at).getTime())) ||
    acts.some(({ a, t }) => a.kind === 'showing_request' && recent(t))
  );
}

/**
 * The values the default model treats as average (its feature means): what an unknown feature
 * should read as, so missing history is neutral rather than a penalty.
 */
const TYPICAL = { daysSinceInbound: 20, replyLatencyHours: 36 };

/**
 * Median wait between one of our messages and the lead's next reply. A message still unanswered
 * counts once it has waited longer than typical; with no message of ours yet, latency is
 * unknown and reads as typical.
 */
function medianReplyLatencyHours(acts: Array<{ a: SnapshotActivity; t: number }>, now: number): number {
  const latencies: number[] = [];
  let pendingSince: number | undefined;
  for (const { a, t } of acts) {
    if (isOutboundMessage(a)) pendingSince ??= t;
    else if (isInbound(a) && pendingSince !== undefined) {
      latencies.push((t - pendingSince) / HOUR);
      pendingSince = undefined;
    }
  }
  // An unanswered message is no evidence of a fast reply: it reads typical until it has waited longer.
  if (pendingSince !== undefined) latencies.push(Math.max(TYPICAL.replyLatencyHours, (now - pendingSince) / HOUR));
  if (latencies.length === 0) return TYPICAL.replyLatencyHours;
  latencies.sort((x, y) => x - y);
  const mid = Math.floor(latencies.length / 2);
  const median = latencies.length % 2 ? latencies[mid] : (latencies[mid - 1] + latencies[mid]) / 2;
  return Math.min(CAPS.replyLatencyHours, median);
}
