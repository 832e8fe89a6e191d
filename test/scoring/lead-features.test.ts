import { describe, expect, it } from 'vitest';
import { describeFeature, extractFeatures } from '../../core/scoring/lead-features.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { DAY_MIN, NOW, act, inbound, outbound, snapshot } from './snapshot-builder.ts';

const clock = fixedClock(NOW);

describe('extractFeatures', () => {
  it('counts replies in disjoint windows so no message is counted twice', () => {
    const f = extractFeatures(
      snapshot({
        activities: [
          inbound(5),
          inbound(20),
          inbound(50),
          inbound(3 * 60),
          inbound(2 * DAY_MIN),
          inbound(10 * DAY_MIN),
          outbound(1),
        ],
      }),
      clock,
    );
    expect([f.inbound_1h, f.inbound_24h, f.inbound_7d]).toEqual([3, 1, 1]);
    expect(f.days_since_inbound).toBeCloseTo(5 / DAY_MIN, 5);
  });

  it('ignores activities after "now", so a past snapshot cannot see its own outcome', () => {
    const f = extractFeatures(
      snapshot({ activities: [inbound(-30), act('appointment', -60, { human: true })] }),
      clock,
    );
    expect(f.inbound_1h).toBe(0);
    expect(f.appointments_30d).toBe(0);
    // The lead never replied (the future reply does not count); ten days old, it reads as typical.
    expect(f.days_since_inbound).toBe(20);
  });

  it('does not punish a brand-new lead for silence it has not had time for', () => {
    const fresh = extractFeatures(snapshot({ createdAt: new Date(new Date(NOW).getTime() - 60_000) }), clock);
    expect(fresh.days_since_inbound).toBe(20);
    expect(fresh.reply_latency_hours).toBe(36);
    const old = extractFeatures(snapshot({ createdAt: new Date(new Date(NOW).getTime() - 200 * 86_400_000) }), clock);
    expect(old.days_since_inbound).toBe(90);
  });

  it('measures the median wait between our message and their reply', () => {
    const f = extractFeatures(
      snapshot({
        activities: [outbound(600), inbound(540), outbound(300), outbound(290), inbound(60), outbound(30), inbound(20)],
      }),
      clock,
    );
    // waits: 60 min, 240 min (from the first unanswered outbound), 10 min → median 60 min
    expect(f.reply_latency_hours).toBeCloseTo(1, 5);
    // Unanswered: typical while young, then the real wait, capped.
    expect(extractFeatures(snapshot({ activities: [outbound(60)] }), clock).reply_latency_hours).toBe(36);
    expect(extractFeatures(snapshot({ activities: [outbound(5 * DAY_MIN)] }), clock).reply_latency_hours).toBe(72);
  });

  it('counts only people, not automations, as human contact', () => {
    const automated = extractFeatures(snapshot({ activities: [outbound(60, false)] }), clock);
    expect(automated.days_since_human_contact).toBeCloseTo(10, 5); // since the lead arrived
    const called = extractFeatures(
      snapshot({ activities: [act('call', 2 * DAY_MIN, { direction: 'outbound', human: true })] }),
      clock,
    );
    expect(called.days_since_human_contact).toBeCloseTo(2, 5);
    const field = extractFeatures(
      snapshot({ lastHumanContactAt: new Date(new Date(NOW).getTime() - 86_400_000) }),
      clock,
    );
    expect(field.days_since_human_contact).toBeCloseTo(1, 5);
  });

  it('reads engagement, money and source facts', () => {
    const f = extractFeatures(
      snapshot({
        source: 'Zillow Premier Agent',
        preApproved: true,
        timelineMonths: 3,
        savedSearchCount: 2,
        matchingListingCount: 120,
        activities: [
          act('listing_view', 60, { listingKey: 'A' }),
          act('listing_view', 8 * DAY_MIN, { listingKey: 'B' }),
          act('listing_save', 60),
          act('email_open', 60),
          act('email_open', 40 * DAY_MIN),
          act('email_click', 60),
          act('stage_change', 60),
        ],
      }),
      clock,
    );
    expect(f).toMatchObject({
      listing_views_7d: 1,
      listing_saves_30d: 1,
      email_opens_30d: 1,
      email_clicks_30d: 1,
      stage_changes_30d: 1,
      saved_searches: 2,
      pre_approved: 1,
      matching_listings: 50,
      timeline_urgency: 0.75,
      source_portal: 1,
      source_referral: 0,
    });
    expect(extractFeatures(snapshot({ source: 'Referral from past client' }), clock).source_referral).toBe(1);
  });
});

describe('describeFeature', () => {
  it('speaks plainly, in singular and plural', () => {
    expect(describeFeature('inbound_1h', 3)).toBe('replied 3 times in the last hour');
    expect(describeFeature('inbound_1h', 1)).toBe('replied once in the last hour');
    expect(describeFeature('pre_approved', 0)).toBe('no pre-approval');
    expect(describeFeature('days_since_inbound', 1)).toBe('last replied 1 day ago');
    expect(describeFeature('timeline_urgency', 0.75)).toBe('plans to buy within 3 months');
    expect(describeFeature('days_since_human_contact', 60)).toBe('no human contact for 60+ days');
    expect(describeFeature('matching_listings', 1)).toBe('1 listing matches their budget');
  });
});
