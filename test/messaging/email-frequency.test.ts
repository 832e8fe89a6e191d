import { describe, expect, it } from 'vitest';
import { decideEmailFrequency, type EmailEngagement } from '../../core/messaging/email-frequency.ts';
import { fixedClock } from '../../core/time/clock.ts';

const day = 86_400_000;
const base: EmailEngagement = {
  preferred: 'daily',
  current: 'daily',
  changedAt: null,
  lastEngagedAt: new Date('2026-04-01T12:00:00Z'),
  unopenedCount: 0,
  stillInterestedSentAt: null,
};

describe('decideEmailFrequency', () => {
  it('keeps sending to a lead who opens', () => {
    expect(decideEmailFrequency({ ...base, unopenedCount: 3 }, new Date('2026-04-05T12:00:00Z'))).toEqual({
      action: 'keep',
      frequency: 'daily',
    });
  });

  it('walks a silent daily lead down: still-interested, grace, weekly, still-interested, grace, paused', () => {
    const clock = fixedClock('2026-04-11T12:00:00Z');
    let e: EmailEngagement = { ...base, unopenedCount: 10 };

    expect(decideEmailFrequency(e, clock.now())).toEqual({ action: 'send_still_interested', frequency: 'daily' });
    e = { ...e, stillInterestedSentAt: clock.now() };
    clock.advance(3 * day);
    expect(decideEmailFrequency({ ...e, unopenedCount: 13 }, clock.now())).toEqual({
      action: 'keep',
      frequency: 'daily',
    });
    clock.advance(4 * day);
    expect(decideEmailFrequency({ ...e, unopenedCount: 17 }, clock.now())).toEqual({
      action: 'step_down',
      frequency: 'weekly',
      from: 'daily',
    });

    e = { ...e, current: 'weekly', changedAt: clock.now(), unopenedCount: 0 };
    clock.advance(14 * day);
    expect(decideEmailFrequency({ ...e, unopenedCount: 2 }, clock.now())).toEqual({
      action: 'keep',
      frequency: 'weekly',
    });
    clock.advance(14 * day);
    e = { ...e, unopenedCount: 4 };
    expect(decideEmailFrequency(e, clock.now())).toEqual({ action: 'send_still_interested', frequency: 'weekly' });
    e = { ...e, stillInterestedSentAt: clock.now() };
    clock.advance(7 * day);
    expect(decideEmailFrequency(e, clock.now())).toEqual({ action: 'step_down', frequency: 'paused', from: 'weekly' });
    e = { ...e, current: 'paused', changedAt: clock.now(), unopenedCount: 0 };
    clock.advance(60 * day);
    expect(decideEmailFrequency(e, clock.now())).toEqual({ action: 'keep', frequency: 'paused' });
  });

  it('restores the chosen frequency when a stepped-down lead opens or clicks again', () => {
    const e: EmailEngagement = {
      ...base,
      current: 'paused',
      changedAt: new Date('2026-05-01T00:00:00Z'),
      lastEngagedAt: new Date('2026-05-20T00:00:00Z'),
      stillInterestedSentAt: new Date('2026-04-20T00:00:00Z'),
    };
    expect(decideEmailFrequency(e, new Date('2026-05-20T01:00:00Z'))).toEqual({
      action: 'restore',
      frequency: 'daily',
      from: 'paused',
    });
  });

  it('a lead who answers the still-interested email is not stepped down', () => {
    const e: EmailEngagement = {
      ...base,
      unopenedCount: 0,
      stillInterestedSentAt: new Date('2026-04-10T00:00:00Z'),
      lastEngagedAt: new Date('2026-04-11T00:00:00Z'),
    };
    expect(decideEmailFrequency(e, new Date('2026-04-30T00:00:00Z'))).toEqual({ action: 'keep', frequency: 'daily' });
  });
});
