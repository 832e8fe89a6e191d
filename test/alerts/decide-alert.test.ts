import { describe, expect, it } from 'vitest';
import { decideAlert } from '../../core/alerts/decide-alert.ts';
import { fixedClock } from '../../core/time/clock.ts';

const alerted = (d: ReturnType<typeof decideAlert>) => {
  if (!d.alert) throw new Error(`expected an alert, got: ${d.reason}`);
  return d;
};

describe('alert policy', () => {
  it('alerts when a lead crosses into hot, critical at the top of the scale, and not again while it stays hot', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(alerted(decideAlert({ type: 'hot_lead', leadId: 'l1', score: 84, previousScore: 62 }, clock)).priority).toBe(
      'high',
    );
    expect(alerted(decideAlert({ type: 'hot_lead', leadId: 'l1', score: 95 }, clock)).priority).toBe('critical');
    expect(decideAlert({ type: 'hot_lead', leadId: 'l1', score: 90, previousScore: 85 }, clock)).toMatchObject({
      alert: false,
      reason: /already hot/,
    });
    expect(decideAlert({ type: 'hot_lead', leadId: 'l1', score: 79 }, clock).alert).toBe(false);
  });

  it('a buying burst is a hot lead whatever the score, once per window', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const burst = {
      type: 'hot_lead',
      leadId: 'l1',
      score: 22,
      previousScore: 20,
      behaviour: 'asked to see a property',
      behaviourPriority: 'critical',
    } as const;
    const first = alerted(decideAlert(burst, clock));
    expect(first).toMatchObject({
      kind: 'hot_lead',
      priority: 'critical',
      reason: 'hot lead: asked to see a property',
    });
    // The same lead crossing into hot later that day shares the dedupe key: one hot-lead card, not two.
    expect(
      alerted(decideAlert({ type: 'hot_lead', leadId: 'l1', score: 85, previousScore: 40 }, clock)).dedupeKey,
    ).toBe(first.dedupeKey);
  });

  it('gives the same dedupe key to repeats inside the window and a new one after it', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const match = { type: 'listing_match', leadId: 'l1', listingKey: 'K1', matchScore: 80 } as const;
    const first = alerted(decideAlert(match, clock)).dedupeKey;
    clock.advance(60_000);
    expect(alerted(decideAlert({ ...match, matchScore: 92 }, clock)).dedupeKey).toBe(first);
    expect(alerted(decideAlert({ ...match, listingKey: 'K2' }, clock)).dedupeKey).not.toBe(first);
    expect(alerted(decideAlert({ ...match, leadId: 'l2' }, clock)).dedupeKey).not.toBe(first);
    expect(
      alerted(
        decideAlert(
          { type: 'price_drop', leadId: 'l1', listingKey: 'K1', previousPrice: 500_000, newPrice: 450_000 },
          clock,
        ),
      ).dedupeKey,
    ).not.toBe(first);
    clock.advance(31 * 24 * 3_600_000);
    expect(alerted(decideAlert(match, clock)).dedupeKey).not.toBe(first);
  });

  it('bursts of lead replies collapse into one alert per 30 minutes, tunable per tenant', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const reply = { type: 'lead_reply', leadId: 'l1' } as const;
    const key = alerted(decideAlert(reply, clock)).dedupeKey;
    clock.advance(10 * 60_000);
    expect(alerted(decideAlert(reply, clock)).dedupeKey).toBe(key);
    clock.advance(30 * 60_000);
    expect(alerted(decideAlert(reply, clock)).dedupeKey).not.toBe(key);
    expect(alerted(decideAlert(reply, clock, { dedupeWindowMinutes: { lead_reply: 24 * 60 } })).dedupeKey).toBe(
      alerted(decideAlert(reply, fixedClock('2026-03-10T15:00:00Z'), { dedupeWindowMinutes: { lead_reply: 24 * 60 } }))
        .dedupeKey,
    );
  });

  it('ignores matches under the threshold and tiny price moves, and says why', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(decideAlert({ type: 'listing_match', leadId: 'l1', listingKey: 'K1', matchScore: 60 }, clock)).toMatchObject(
      { alert: false, reason: /below the threshold \(70\)/ },
    );
    expect(
      decideAlert({ type: 'listing_match', leadId: 'l1', listingKey: 'K1', matchScore: 60 }, clock, {
        matchThreshold: 55,
      }).alert,
    ).toBe(true);
    expect(
      decideAlert(
        { type: 'price_drop', leadId: 'l1', listingKey: 'K1', previousPrice: 500_000, newPrice: 495_000 },
        clock,
      ).alert,
    ).toBe(false);
    expect(
      decideAlert(
        { type: 'price_drop', leadId: 'l1', listingKey: 'K1', previousPrice: 500_000, newPrice: 510_000 },
        clock,
      ).alert,
    ).toBe(false);
    const drop = alerted(
      decideAlert(
        { type: 'price_drop', leadId: 'l1', listingKey: 'K1', previousPrice: 500_000, newPrice: 470_000 },
        clock,
      ),
    );
    expect(drop).toMatchObject({
      kind: 'price_drop',
      priority: 'high',
      listingKey: 'K1',
      reason: 'price dropped 6.0% to 470000',
    });
  });

  it('raises priority for hot leads and sets an expiry per kind', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(alerted(decideAlert({ type: 'lead_reply', leadId: 'l1', leadScore: 88 }, clock)).priority).toBe('critical');
    expect(alerted(decideAlert({ type: 'lead_reply', leadId: 'l1', leadScore: 40 }, clock)).priority).toBe('high');
    const back = alerted(decideAlert({ type: 'back_on_market', leadId: 'l1', listingKey: 'K1' }, clock));
    expect(back).toMatchObject({ priority: 'normal', expiresAt: new Date('2026-03-13T15:00:00Z') });
  });

  it('flags a lead as stale after the idle limit for its temperature', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const twoDaysAgo = new Date('2026-03-08T15:00:00Z');
    expect(
      alerted(decideAlert({ type: 'stale_lead', leadId: 'l1', lastContactAt: twoDaysAgo, leadScore: 85 }, clock))
        .priority,
    ).toBe('normal');
    expect(
      decideAlert({ type: 'stale_lead', leadId: 'l1', lastContactAt: twoDaysAgo, leadScore: 60 }, clock).alert,
    ).toBe(false);
    expect(
      decideAlert({ type: 'stale_lead', leadId: 'l1', lastContactAt: twoDaysAgo, leadScore: 60 }, clock, {
        staleAfterMinutes: { warm: 24 * 60 },
      }),
    ).toMatchObject({ alert: true, priority: 'low' });
  });
});
