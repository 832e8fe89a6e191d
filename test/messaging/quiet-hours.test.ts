import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUIET_WINDOW,
  isWithinQuietWindow,
  nextAllowedSendTime,
  quietWindowFor,
} from '../../core/messaging/quiet-hours.ts';
import { leadTimeZone } from '../../core/messaging/lead-time-zone.ts';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

describe('nextAllowedSendTime', () => {
  it('sends at once inside the window', () => {
    const now = at('2026-06-10T18:15:00Z'); // 14:15 EDT
    expect(nextAllowedSendTime(now, NY, DEFAULT_QUIET_WINDOW)).toEqual(now);
  });

  it('holds a 22:30 match until 08:00 the next morning', () => {
    // 22:30 EDT on June 10 is 02:30Z June 11; 08:00 EDT June 11 is 12:00Z.
    expect(nextAllowedSendTime(at('2026-06-11T02:30:00Z'), NY, DEFAULT_QUIET_WINDOW).toISOString()).toBe(
      '2026-06-11T12:00:00.000Z',
    );
  });

  it('holds 22:30 EST the night clocks spring forward until 08:00 EDT (not 09:00)', () => {
    // 2026-03-07 22:30 EST = 03:30Z; DST starts 2026-03-08 02:00; 08:00 EDT = 12:00Z (9.5 wall hours, 8.5 real).
    expect(nextAllowedSendTime(at('2026-03-08T03:30:00Z'), NY, DEFAULT_QUIET_WINDOW).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
  });

  it('holds 22:30 EDT the night clocks fall back until 08:00 EST (not 07:00)', () => {
    // 2026-10-31 22:30 EDT = 02:30Z Nov 1; DST ends 2026-11-01 02:00; 08:00 EST = 13:00Z.
    expect(nextAllowedSendTime(at('2026-11-01T02:30:00Z'), NY, DEFAULT_QUIET_WINDOW).toISOString()).toBe(
      '2026-11-01T13:00:00.000Z',
    );
  });

  it('holds an early-morning match until 08:00 the same day, in the lead zone not UTC', () => {
    // 06:10 PDT = 13:10Z, already "daytime" in UTC.
    expect(
      nextAllowedSendTime(at('2026-07-01T13:10:00Z'), 'America/Los_Angeles', DEFAULT_QUIET_WINDOW).toISOString(),
    ).toBe('2026-07-01T15:00:00.000Z');
  });

  it('treats 21:00 as closed and 20:59 as open', () => {
    expect(isWithinQuietWindow(at('2026-06-11T00:59:00Z'), NY, DEFAULT_QUIET_WINDOW)).toBe(true); // 20:59 EDT
    expect(isWithinQuietWindow(at('2026-06-11T01:00:00Z'), NY, DEFAULT_QUIET_WINDOW)).toBe(false); // 21:00 EDT
  });

  it('applies stricter state windows: Florida stops at 20:00', () => {
    const fl = quietWindowFor('FL');
    const eightThirtyPm = at('2026-06-11T00:30:00Z'); // 20:30 EDT
    expect(isWithinQuietWindow(eightThirtyPm, NY, DEFAULT_QUIET_WINDOW)).toBe(true);
    expect(nextAllowedSendTime(eightThirtyPm, NY, fl).toISOString()).toBe('2026-06-11T12:00:00.000Z');
  });

  it('skips a closed Sunday and honours a later Sunday start', () => {
    // Saturday 2026-06-13 21:30 CDT = 02:30Z Sunday: closed everywhere.
    const saturdayNight = at('2026-06-14T02:30:00Z');
    expect(nextAllowedSendTime(saturdayNight, 'America/Chicago', quietWindowFor('MS')).toISOString()).toBe(
      '2026-06-15T13:00:00.000Z',
    ); // Mon 08:00 CDT
    expect(nextAllowedSendTime(saturdayNight, 'America/Chicago', quietWindowFor('TX')).toISOString()).toBe(
      '2026-06-14T17:00:00.000Z',
    ); // Sun 12:00 CDT
  });

  it('lets a tenant tighten a state but never widen the federal window', () => {
    const wide = quietWindowFor('NY', { NY: { start: '06:00', end: '23:00' } });
    expect(isWithinQuietWindow(at('2026-06-11T11:30:00Z'), NY, wide)).toBe(false); // 07:30 EDT
    const narrow = quietWindowFor('NY', { NY: { start: '10:00', end: '18:00' } });
    expect(nextAllowedSendTime(at('2026-06-11T13:00:00Z'), NY, narrow).toISOString()).toBe('2026-06-11T14:00:00.000Z'); // 09:00 → 10:00 EDT
  });

  it('refuses an unknown zone rather than guessing UTC', () => {
    expect(() => nextAllowedSendTime(at('2026-06-11T13:00:00Z'), 'Mars/Olympus', DEFAULT_QUIET_WINDOW)).toThrow(/IANA/);
  });
});

describe('leadTimeZone', () => {
  const fallback = 'America/New_York';

  it('locates a lead by postal code, with the state for state rules', () => {
    expect(leadTimeZone({ postalCode: '78704', fallback })).toEqual({
      zone: 'America/Chicago',
      state: 'TX',
      source: 'postal_code',
    });
    expect(leadTimeZone({ postalCode: '33101', fallback })).toEqual({
      zone: 'America/New_York',
      state: 'FL',
      source: 'postal_code',
    });
    expect(leadTimeZone({ postalCode: '94110-1234', fallback })).toMatchObject({
      zone: 'America/Los_Angeles',
      state: 'CA',
    });
  });

  it('handles split states by ZIP prefix', () => {
    expect(leadTimeZone({ postalCode: '79901', fallback }).zone).toBe('America/Denver'); // El Paso, TX
    expect(leadTimeZone({ postalCode: '32501', fallback }).zone).toBe('America/Chicago'); // Pensacola, FL
    expect(leadTimeZone({ postalCode: '37902', fallback }).zone).toBe('America/New_York'); // Knoxville, TN
    expect(leadTimeZone({ postalCode: '37203', fallback }).zone).toBe('America/Chicago'); // Nashville, TN
    expect(leadTimeZone({ postalCode: '83814', fallback }).zone).toBe('America/Los_Angeles'); // Coeur d'Alene, ID
    expect(leadTimeZone({ postalCode: '85004', fallback }).zone).toBe('America/Phoenix');
  });

  it('falls back to the phone area code, then to the tenant zone', () => {
    expect(leadTimeZone({ phone: '+13125550123', fallback })).toEqual({
      zone: 'America/Chicago',
      state: 'IL',
      source: 'area_code',
    });
    expect(leadTimeZone({ phone: '(915) 555-0123', fallback })).toMatchObject({ zone: 'America/Denver', state: 'TX' });
    expect(leadTimeZone({ phone: '+447700900123', fallback })).toEqual({ zone: fallback, source: 'fallback' });
    expect(leadTimeZone({ fallback })).toEqual({ zone: fallback, source: 'fallback' });
  });

  it('prefers the postal code over the phone (people keep numbers when they move)', () => {
    expect(leadTimeZone({ postalCode: '78704', phone: '+12125550123', fallback })).toMatchObject({
      zone: 'America/Chicago',
      state: 'TX',
    });
  });

  it('lets the tenant override the zone but keeps the state for its quiet-hours rule', () => {
    expect(leadTimeZone({ postalCode: '33101', override: 'America/Chicago', fallback })).toEqual({
      zone: 'America/Chicago',
      state: 'FL',
      source: 'override',
    });
    expect(leadTimeZone({ postalCode: '33101', override: 'Not/AZone', fallback }).source).toBe('postal_code');
  });

  it('gives the 22:30 Austin lead their 08:00 Central, not Eastern', () => {
    const tz = leadTimeZone({ postalCode: '78704', fallback });
    // 22:30 CST Sat 2026-03-07 = 04:30Z; the next day is the DST Sunday, and Texas waits until noon CDT = 17:00Z.
    expect(nextAllowedSendTime(at('2026-03-08T04:30:00Z'), tz.zone, quietWindowFor(tz.state)).toISOString()).toBe(
      '2026-03-08T17:00:00.000Z',
    );
  });
});
