import { describe, expect, it } from 'vitest';
import { nextEscalation, type EscalationInput } from '../../core/alerts/escalation.ts';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';
import { fixedClock } from '../../core/time/clock.ts';

const day: [string, string] = ['08:00', '18:00'];
const office = {
  timezone: 'America/Chicago',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day } as WorkingHours,
};
const openAlert = (createdAt: string, over: Partial<EscalationInput> = {}): EscalationInput => ({
  status: 'open',
  priority: 'normal',
  createdAt: new Date(createdAt),
  claimedAt: null,
  escalationLevel: 0,
  lastEscalatedAt: null,
  snoozedUntil: null,
  ...over,
});

describe('escalation timers pause outside office hours', () => {
  it('escalates a 17:50 alert with a 30-minute deadline at 08:20 the next business day', () => {
    const alert = openAlert('2026-03-05T23:50:00Z'); // Thu 17:50 CST
    const clock = fixedClock('2026-03-06T00:10:00Z'); // Thu 18:10: 20 real minutes later, office closed
    const first = nextEscalation(alert, office, clock)!;
    expect(first.dueAt).toEqual(new Date('2026-03-06T14:20:00Z')); // Fri 08:20 CST
    expect(first).toMatchObject({ step: 're_notify', level: 1, waitingFor: 'claim', due: false });
    clock.set('2026-03-06T14:19:59Z');
    expect(nextEscalation(alert, office, clock)!.due).toBe(false);
    clock.set('2026-03-06T14:20:00Z');
    expect(nextEscalation(alert, office, clock)!.due).toBe(true);
  });

  it('carries a Friday-evening timer over the weekend and the spring-forward change', () => {
    const alert = openAlert('2026-03-06T23:50:00Z'); // Fri 17:50 CST
    // Monday 08:20 is CDT now: 13:20Z, not 14:20Z.
    expect(nextEscalation(alert, office, fixedClock('2026-03-07T12:00:00Z'))!.dueAt).toEqual(
      new Date('2026-03-09T13:20:00Z'),
    );
  });

  it('carries a Friday-evening timer over the fall-back change', () => {
    const alert = openAlert('2026-10-30T22:50:00Z'); // Fri 17:50 CDT
    expect(nextEscalation(alert, office, fixedClock('2026-10-31T12:00:00Z'))!.dueAt).toEqual(
      new Date('2026-11-02T14:20:00Z'),
    );
  });

  it('starts the clock at opening for an alert created overnight', () => {
    const alert = openAlert('2026-03-10T08:00:00Z', { priority: 'critical' }); // Tue 03:00 CDT
    expect(nextEscalation(alert, office, fixedClock('2026-03-10T08:00:00Z'))!.dueAt).toEqual(
      new Date('2026-03-10T13:05:00Z'),
    );
  });
});

describe('the escalation ladder', () => {
  it('climbs re-notify → manager channel → manager SMS for a critical alert, one deadline apart, then stops', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z'); // Tue 10:00 CDT
    let alert = openAlert('2026-03-10T15:00:00Z', { priority: 'critical' });
    const fired: string[] = [];
    for (;;) {
      const next = nextEscalation(alert, office, clock);
      if (!next) break;
      clock.set(next.dueAt);
      expect(nextEscalation(alert, office, clock)!.due).toBe(true);
      fired.push(`${next.step}@${next.dueAt.toISOString().slice(11, 16)}`);
      alert = { ...alert, escalationLevel: next.level, lastEscalatedAt: clock.now() };
    }
    expect(fired).toEqual(['re_notify@15:05', 'manager_channel@15:10', 'manager_sms@15:15']);
  });

  it('never texts the manager for a normal alert', () => {
    const alert = openAlert('2026-03-10T15:00:00Z', {
      escalationLevel: 2,
      lastEscalatedAt: new Date('2026-03-10T16:00:00Z'),
    });
    expect(nextEscalation(alert, office, fixedClock('2026-03-10T18:00:00Z'))).toBeNull();
  });

  it('waits for acknowledgement from the claim time once someone has claimed', () => {
    const alert = openAlert('2026-03-10T15:00:00Z', {
      status: 'claimed',
      claimedAt: new Date('2026-03-10T15:20:00Z'),
      escalationLevel: 0,
      lastEscalatedAt: new Date('2026-03-10T15:10:00Z'),
    });
    const next = nextEscalation(alert, office, fixedClock('2026-03-10T15:30:00Z'))!;
    expect(next).toMatchObject({ waitingFor: 'acknowledge', step: 're_notify', due: false });
    expect(next.dueAt).toEqual(new Date('2026-03-10T15:50:00Z'));
  });

  it('restarts the wait after a snooze ends', () => {
    const alert = openAlert('2026-03-10T15:00:00Z', {
      status: 'assigned',
      claimedAt: new Date('2026-03-10T15:00:00Z'),
      snoozedUntil: new Date('2026-03-10T16:00:00Z'),
    });
    expect(nextEscalation(alert, office, fixedClock('2026-03-10T15:45:00Z'))!.dueAt).toEqual(
      new Date('2026-03-10T16:30:00Z'),
    );
  });

  it('stops once the alert is acknowledged or closed', () => {
    const clock = fixedClock('2026-03-12T15:00:00Z');
    for (const status of ['acknowledged', 'contacted', 'won', 'dismissed', 'expired'] as const) {
      expect(nextEscalation(openAlert('2026-03-10T15:00:00Z', { status }), office, clock)).toBeNull();
    }
  });

  it("honours a tenant's own deadlines", () => {
    const alert = openAlert('2026-03-10T15:00:00Z', { priority: 'high' });
    const next = nextEscalation(alert, office, fixedClock('2026-03-10T15:00:00Z'), { deadlineMinutes: { high: 2 } })!;
    expect(next.dueAt).toEqual(new Date('2026-03-10T15:02:00Z'));
    // Overriding one priority leaves the others on their defaults.
    const critical = nextEscalation({ ...alert, priority: 'critical' }, office, fixedClock('2026-03-10T15:00:00Z'), {
      deadlineMinutes: { high: 2 },
    })!;
    expect(critical.dueAt).toEqual(new Date('2026-03-10T15:05:00Z'));
  });
});
