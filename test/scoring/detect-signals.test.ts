import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../core/scoring/detect-signals.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { DAY_MIN, NOW, act, inbound, snapshot } from './snapshot-builder.ts';

const clock = fixedClock(NOW);
const minutesAgo = (m: number) => new Date(new Date(NOW).getTime() - m * 60_000);
const contactedRecently = { lastHumanContactAt: minutesAgo(60) };
const codes = (s: Array<{ code: string }>) => s.map((x) => x.code);

describe('detectSignals', () => {
  it('raises hot_lead when the score crosses into hot, naming the factors that pushed it', () => {
    const signals = detectSignals(
      {
        previous: { score: 72, scoredAt: minutesAgo(10) },
        current: {
          score: 84,
          reasons: [
            { factor: 'inbound_1h', contribution: 18, text: 'replied 3 times in the last hour +18' },
            { factor: 'pre_approved', contribution: -7, text: 'no pre-approval \u22127' },
          ],
        },
        snapshot: snapshot(contactedRecently),
      },
      clock,
    );
    expect(signals).toEqual([
      {
        kind: 'hot_lead',
        code: 'became_hot',
        priority: 'high',
        reason: 'score rose from 72 to 84: replied 3 times in the last hour +18',
      },
    ]);
  });

  it('stays quiet while a lead stays hot or stays below hot', () => {
    const s = snapshot(contactedRecently);
    expect(detectSignals({ previous: { score: 85 }, current: { score: 90 }, snapshot: s }, clock)).toEqual([]);
    expect(detectSignals({ previous: { score: 40 }, current: { score: 79 }, snapshot: s }, clock)).toEqual([]);
  });

  it('flags the same listing viewed 3 times in 24 hours, once per listing', () => {
    const views = [
      act('listing_view', 20 * 60, { listingKey: 'L9' }),
      act('listing_view', 300, { listingKey: 'L9' }),
      act('listing_view', 5, { listingKey: 'L9' }),
      act('listing_view', 4, { listingKey: 'L2' }),
    ];
    const signals = detectSignals(
      {
        previous: { score: 30, scoredAt: minutesAgo(30) },
        current: { score: 40 },
        snapshot: snapshot({ ...contactedRecently, activities: views }),
      },
      clock,
    );
    expect(signals).toEqual([
      {
        kind: 'hot_lead',
        code: 'listing_burst',
        priority: 'high',
        listingKey: 'L9',
        reason: 'viewed listing L9 3 times in 24 hours',
      },
    ]);
  });

  it('does not count views spread over more than a day as a burst', () => {
    const views = [
      act('listing_view', 30 * 60, { listingKey: 'L9' }),
      act('listing_view', 26 * 60, { listingKey: 'L9' }),
      act('listing_view', 5, { listingKey: 'L9' }),
    ];
    expect(
      detectSignals(
        {
          previous: { score: 30, scoredAt: minutesAgo(30) },
          current: { score: 40 },
          snapshot: snapshot({ ...contactedRecently, activities: views }),
        },
        clock,
      ),
    ).toEqual([]);
  });

  it('raises lead_reply when a lead replies after 30+ days of silence, but not twice for the same reply', () => {
    const s = snapshot({
      ...contactedRecently,
      createdAt: minutesAgo(90 * DAY_MIN),
      activities: [inbound(42 * DAY_MIN), inbound(10)],
    });
    expect(
      detectSignals({ previous: { score: 20, scoredAt: minutesAgo(60) }, current: { score: 35 }, snapshot: s }, clock),
    ).toEqual([
      { kind: 'lead_reply', code: 'reply_after_silence', priority: 'high', reason: 'replied after 41 days of silence' },
    ]);
    expect(
      detectSignals({ previous: { score: 35, scoredAt: minutesAgo(5) }, current: { score: 35 }, snapshot: s }, clock),
    ).toEqual([]);
  });

  it('treats a request for a showing as critical and a request for a person as a reply to answer', () => {
    const showing = snapshot({
      ...contactedRecently,
      activities: [inbound(2, 'Love it! Can we see it Saturday morning?')],
    });
    expect(
      detectSignals(
        { previous: { score: 60, scoredAt: minutesAgo(5) }, current: { score: 66 }, snapshot: showing },
        clock,
      ),
    ).toEqual([{ kind: 'hot_lead', code: 'showing_request', priority: 'critical', reason: 'asked to see a property' }]);
    const person = snapshot({ ...contactedRecently, activities: [inbound(2, 'can I talk to someone please')] });
    expect(
      codes(
        detectSignals(
          { previous: { score: 60, scoredAt: minutesAgo(5) }, current: { score: 60 }, snapshot: person },
          clock,
        ),
      ),
    ).toEqual(['asks_for_person']);
  });

  it('a message delivered late (it happened before the last score, we learned of it after) still fires', () => {
    // GHL sent the webhook a few minutes late: the text is dated before the previous score.
    const late = { ...inbound(10, 'Can we see it tomorrow?'), recordedAt: minutesAgo(1) };
    const s = snapshot({ ...contactedRecently, activities: [late] });
    expect(
      codes(
        detectSignals({ previous: { score: 30, scoredAt: minutesAgo(5) }, current: { score: 31 }, snapshot: s }, clock),
      ),
    ).toEqual(['showing_request']);
    // Without the recorded time it would look old, and nothing would fire.
    const undated = snapshot({ ...contactedRecently, activities: [inbound(10, 'Can we see it tomorrow?')] });
    expect(
      detectSignals(
        { previous: { score: 30, scoredAt: minutesAgo(5) }, current: { score: 31 }, snapshot: undated },
        clock,
      ),
    ).toEqual([]);
  });

  it('flags an engaged lead nobody on the team has contacted for N days', () => {
    const s = snapshot({ lastHumanContactAt: minutesAgo(5 * DAY_MIN), activities: [inbound(2 * DAY_MIN)] });
    const signals = detectSignals(
      { previous: { score: 62, scoredAt: minutesAgo(60) }, current: { score: 62 }, snapshot: s },
      clock,
      { staleAfterDays: 3 },
    );
    expect(signals).toEqual([
      {
        kind: 'stale_lead',
        code: 'no_human_contact',
        priority: 'normal',
        reason: 'warm lead (score 62) with no human contact for 5 days',
      },
    ]);
    expect(
      detectSignals({ previous: { score: 62, scoredAt: minutesAgo(60) }, current: { score: 62 }, snapshot: s }, clock, {
        staleAfterDays: 7,
      }),
    ).toEqual([]);
  });

  it('leaves a disengaged cold lead alone, however long since contact', () => {
    const s = snapshot({ lastHumanContactAt: minutesAgo(40 * DAY_MIN), activities: [inbound(35 * DAY_MIN)] });
    expect(
      detectSignals({ previous: { score: 12, scoredAt: minutesAgo(60) }, current: { score: 12 }, snapshot: s }, clock),
    ).toEqual([]);
  });
});
