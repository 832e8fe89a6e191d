import { describe, expect, it } from 'vitest';
import { channelOrder, deliverPolicy, type DeliveryInput } from '../../core/alerts/deliver-policy.ts';
import { workingHoursFromQuietHours, type WorkingHours } from '../../core/alerts/working-hours.ts';
import { fixedClock } from '../../core/time/clock.ts';

const weekdays9to18: WorkingHours = {
  mon: ['09:00', '18:00'],
  tue: ['09:00', '18:00'],
  wed: ['09:00', '18:00'],
  thu: ['09:00', '18:00'],
  fri: ['09:00', '18:00'],
  sat: ['10:00', '14:00'],
  sun: ['10:00', '14:00'],
};
const agent = {
  kind: 'agent' as const,
  timezone: 'America/Chicago',
  hours: weekdays9to18,
  channels: ['slack' as const],
  reachable: ['slack' as const, 'sms' as const, 'email' as const],
};
const input = (over: Partial<DeliveryInput> = {}): DeliveryInput => ({
  priority: 'normal',
  recipient: agent,
  sent: { lastHour: 0, lastDay: 0 },
  ...over,
});

describe('quiet hours across daylight-saving changes (America/Chicago)', () => {
  it('holds a Saturday-night alert until 10:00 CDT Sunday, the morning clocks spring forward', () => {
    const clock = fixedClock('2026-03-08T03:00:00Z'); // Sat 21:00 CST
    expect(deliverPolicy(input(), clock).decision).toEqual({
      kind: 'defer_until',
      until: new Date('2026-03-08T15:00:00Z'),
    });
    clock.set('2026-03-08T14:30:00Z'); // Sun 09:30 CDT: still quiet (would be 08:30 CST)
    expect(deliverPolicy(input(), clock).decision).toEqual({
      kind: 'defer_until',
      until: new Date('2026-03-08T15:00:00Z'),
    });
    clock.set('2026-03-08T15:00:00Z'); // Sun 10:00 CDT
    expect(deliverPolicy(input(), clock).decision).toEqual({ kind: 'send_now' });
  });

  it('holds a Saturday-night alert until 10:00 CST Sunday, the morning clocks fall back', () => {
    const clock = fixedClock('2026-11-01T02:00:00Z'); // Sat 21:00 CDT
    expect(deliverPolicy(input(), clock).decision).toEqual({
      kind: 'defer_until',
      until: new Date('2026-11-01T16:00:00Z'),
    });
    clock.set('2026-11-01T15:30:00Z'); // Sun 09:30 CST: would be 10:30 under CDT, still quiet
    expect(deliverPolicy(input(), clock).decision.kind).toBe('defer_until');
    clock.set('2026-11-01T16:00:00Z');
    expect(deliverPolicy(input(), clock).decision).toEqual({ kind: 'send_now' });
  });

  it('uses the recipient zone, not the tenant zone', () => {
    const clock = fixedClock('2026-03-09T14:30:00Z'); // 09:30 Chicago, 07:30 Los Angeles
    const west = { ...agent, timezone: 'America/Los_Angeles' };
    expect(deliverPolicy(input(), clock).decision.kind).toBe('send_now');
    expect(deliverPolicy(input({ recipient: west }), clock).decision).toEqual({
      kind: 'defer_until',
      until: new Date('2026-03-09T16:00:00Z'),
    });
  });

  it('lets a critical alert break quiet hours only when the tenant allows it', () => {
    const clock = fixedClock('2026-03-10T08:00:00Z'); // 03:00 CDT
    const critical = input({ priority: 'critical' });
    expect(deliverPolicy(critical, clock).decision.kind).toBe('defer_until');
    expect(deliverPolicy(critical, clock, { criticalBreaksQuietHours: true }).decision.kind).toBe('send_now');
    expect(deliverPolicy(input({ priority: 'high' }), clock, { criticalBreaksQuietHours: true }).decision.kind).toBe(
      'defer_until',
    );
  });

  it("keeps a lead's overnight quiet hours and digests an alert that would expire first", () => {
    const lead = {
      kind: 'lead' as const,
      timezone: 'America/Chicago',
      hours: workingHoursFromQuietHours('21:00', '08:00'),
      channels: [],
      reachable: ['sms' as const],
    };
    const clock = fixedClock('2026-03-10T04:00:00Z'); // 23:00 CDT
    expect(deliverPolicy(input({ recipient: lead }), clock).decision).toEqual({
      kind: 'defer_until',
      until: new Date('2026-03-10T13:00:00Z'),
    });
    const soon = input({ recipient: lead, expiresAt: new Date('2026-03-10T06:00:00Z') });
    expect(deliverPolicy(soon, clock).decision).toEqual({ kind: 'digest' });
  });

  it('rejects a recipient zone that is not an IANA zone instead of guessing', () => {
    const clock = fixedClock('2026-03-10T16:00:00Z');
    expect(() => deliverPolicy(input({ recipient: { ...agent, timezone: 'Central' } }), clock)).toThrow(/IANA zone/);
  });

  it('sends at any hour to a recipient with no hours on file', () => {
    const clock = fixedClock('2026-03-10T08:00:00Z');
    expect(deliverPolicy(input({ recipient: { ...agent, hours: null } }), clock).decision.kind).toBe('send_now');
  });
});

describe('per-recipient caps', () => {
  it('overflows a burst past the hourly cap into the digest and drops nothing', () => {
    const clock = fixedClock('2026-03-10T16:00:00Z'); // Tue 11:00 CDT
    const sentTimes: Date[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const lastHour = sentTimes.filter((t) => clock.now().getTime() - t.getTime() < 3_600_000).length;
      const plan = deliverPolicy(input({ sent: { lastHour, lastDay: sentTimes.length } }), clock, { perHour: 10 });
      outcomes.push(plan.decision.kind);
      if (plan.decision.kind === 'send_now') sentTimes.push(clock.now());
      clock.advance(60_000);
    }
    expect(outcomes.filter((k) => k === 'send_now')).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(['digest', 'digest', 'digest', 'digest', 'digest']);
    // An hour after the first send the window has room again.
    clock.set(new Date(sentTimes[0].getTime() + 3_600_000));
    const lastHour = sentTimes.filter((t) => clock.now().getTime() - t.getTime() < 3_600_000).length;
    expect(deliverPolicy(input({ sent: { lastHour, lastDay: 10 } }), clock, { perHour: 10 }).decision.kind).toBe(
      'send_now',
    );
  });

  it('digests past the daily cap, explains why, and never holds back critical alerts', () => {
    const clock = fixedClock('2026-03-10T16:00:00Z');
    const full = { lastHour: 0, lastDay: 60 };
    const plan = deliverPolicy(input({ sent: full }), clock);
    expect(plan.decision).toEqual({ kind: 'digest' });
    expect(plan.reason).toMatch(/daily cap of 60/);
    expect(deliverPolicy(input({ priority: 'critical', sent: full }), clock).decision.kind).toBe('send_now');
  });
});

describe('channel order', () => {
  it('falls back from Slack to SMS only for critical alerts', () => {
    expect(channelOrder('critical', ['slack'], ['slack', 'sms', 'email'])).toEqual(['slack', 'sms']);
    expect(channelOrder('high', ['slack', 'email'], ['slack', 'sms', 'email'])).toEqual(['slack']);
    expect(channelOrder('critical', ['slack', 'email'], ['slack', 'email'])).toEqual(['slack', 'email']);
  });

  it('skips preferred channels with no address and still reaches the recipient', () => {
    expect(channelOrder('normal', ['discord'], ['email'])).toEqual(['email']);
    expect(channelOrder('critical', ['discord', 'sms'], ['sms', 'slack'])).toEqual(['sms']);
  });

  it('digests when the recipient has no reachable channel at all', () => {
    const clock = fixedClock('2026-03-10T16:00:00Z');
    const plan = deliverPolicy(input({ recipient: { ...agent, reachable: [] } }), clock);
    expect(plan.decision).toEqual({ kind: 'digest' });
  });
});
