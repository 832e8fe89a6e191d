import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  isWithinHours,
  nextOpening,
  workingHoursFromQuietHours,
  WorkingHours,
} from '../../core/alerts/working-hours.ts';
import { isAppError } from '../../core/errors/app-error.ts';

const everyDay9to18 = { timezone: 'America/Chicago', hours: workingHoursFromQuietHours('18:00', '09:00') };

describe('working hours in the agent zone', () => {
  it('opens at 09:00 local wall time on both sides of the spring-forward change', () => {
    // Saturday 2026-03-07 is CST (UTC-6); Sunday 2026-03-08 is CDT (UTC-5) from 02:00.
    expect(isWithinHours(new Date('2026-03-07T14:30:00Z'), everyDay9to18)).toBe(false); // 08:30 CST
    expect(isWithinHours(new Date('2026-03-07T15:00:00Z'), everyDay9to18)).toBe(true); // 09:00 CST
    expect(isWithinHours(new Date('2026-03-08T13:59:00Z'), everyDay9to18)).toBe(false); // 08:59 CDT
    expect(isWithinHours(new Date('2026-03-08T14:00:00Z'), everyDay9to18)).toBe(true); // 09:00 CDT
    expect(nextOpening(new Date('2026-03-08T02:00:00Z'), everyDay9to18)).toEqual(new Date('2026-03-08T14:00:00Z'));
  });

  it('opens at 09:00 local wall time on both sides of the fall-back change', () => {
    // Sunday 2026-11-01 returns to CST at 02:00.
    expect(nextOpening(new Date('2026-11-01T01:00:00Z'), everyDay9to18)).toEqual(new Date('2026-11-01T15:00:00Z'));
    expect(isWithinHours(new Date('2026-11-01T14:30:00Z'), everyDay9to18)).toBe(false); // 08:30 CST
    expect(isWithinHours(new Date('2026-10-31T14:30:00Z'), everyDay9to18)).toBe(true); // 09:30 CDT
  });

  it('treats the closing minute as closed and returns the same instant when already open', () => {
    expect(isWithinHours(new Date('2026-03-09T23:00:00Z'), everyDay9to18)).toBe(false); // 18:00 CDT
    const open = new Date('2026-03-09T16:00:00Z');
    expect(nextOpening(open, everyDay9to18)).toEqual(open);
  });

  it('counts an overnight DST night as real elapsed minutes inside a 24-hour window', () => {
    const allDay = {
      timezone: 'America/Chicago',
      hours: { sat: ['00:00', '24:00'], sun: ['00:00', '24:00'] } as WorkingHours,
    };
    // 01:30 CST + 60 minutes of real time = 03:30 CDT: the skipped hour is not waited for.
    expect(addBusinessMinutes(new Date('2026-03-08T07:30:00Z'), 60, allDay)).toEqual(new Date('2026-03-08T08:30:00Z'));
  });

  it('ends a timer that runs out exactly at closing time at the close, not the next morning', () => {
    const weekdays = {
      timezone: 'America/Chicago',
      hours: { mon: ['08:00', '18:00'], tue: ['08:00', '18:00'] } as WorkingHours,
    };
    expect(addBusinessMinutes(new Date('2026-03-09T22:30:00Z'), 30, weekdays)).toEqual(
      new Date('2026-03-09T23:00:00Z'),
    );
  });

  it('refuses a schedule that never opens and quiet hours that are not overnight', () => {
    const never = { timezone: 'America/Chicago', hours: {} };
    expect(() => nextOpening(new Date('2026-03-10T15:00:00Z'), never)).toThrow(/at least one day/);
    try {
      workingHoursFromQuietHours('08:00', '21:00');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('validation_failed');
    }
  });

  it('rejects windows that close before they open', () => {
    expect(WorkingHours.safeParse({ mon: ['18:00', '09:00'] }).success).toBe(false);
    expect(WorkingHours.safeParse({ mon: ['9:00', '18:00'] }).success).toBe(false);
    expect(WorkingHours.safeParse({ mon: ['09:00', '18:00'], sun: ['10:00', '24:00'] }).success).toBe(true);
  });
});
