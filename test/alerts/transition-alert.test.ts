import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TERMINAL_STATUSES,
  type AlertAction,
  type AlertActor,
  type AlertLifecycle,
} from '../../core/alerts/alert-types.ts';
import { transitionAlert } from '../../core/alerts/transition-alert.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import { fixedClock } from '../../core/time/clock.ts';

const ana: AlertActor = { id: 'ag_ana', role: 'agent' };
const ben: AlertActor = { id: 'ag_ben', role: 'agent' };
const mia: AlertActor = { id: 'ag_mia', role: 'manager' };
const system: AlertActor = { id: 'system', role: 'system' };

const fresh = (over: Partial<AlertLifecycle> = {}): AlertLifecycle & { leadId: string } => ({
  id: 'al_1',
  status: 'open',
  assigneeId: null,
  escalationLevel: 0,
  snoozedUntil: null,
  claimedAt: null,
  acknowledgedAt: null,
  contactedAt: null,
  closedAt: null,
  leadId: 'ld_1',
  ...over,
});

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return undefined;
}

describe('alert life cycle', () => {
  it('walks open → claimed → acknowledged → contacted → won, stamping times and auditing each step', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    let alert = fresh({ escalationLevel: 2 });
    const audit = [];
    for (const [action, actor] of [
      [{ type: 'claim' }, ana],
      [{ type: 'acknowledge' }, ana],
      [{ type: 'contact', reason: 'called from GHL' }, system],
      [{ type: 'win' }, ana],
    ] as Array<[AlertAction, AlertActor]>) {
      clock.advance(60_000);
      const step = transitionAlert(alert, action, actor, clock);
      alert = step.alert;
      audit.push(step.audit);
    }
    expect(alert).toMatchObject({
      status: 'won',
      assigneeId: 'ag_ana',
      leadId: 'ld_1',
      escalationLevel: 0,
      claimedAt: new Date('2026-03-10T15:01:00Z'),
      acknowledgedAt: new Date('2026-03-10T15:02:00Z'),
      contactedAt: new Date('2026-03-10T15:03:00Z'),
      closedAt: new Date('2026-03-10T15:04:00Z'),
    });
    expect(audit.map((a) => `${a.from}→${a.to} by ${a.actor.id}`)).toEqual([
      'open→claimed by ag_ana',
      'claimed→acknowledged by ag_ana',
      'acknowledged→contacted by system',
      'contacted→won by ag_ana',
    ]);
    expect(audit[2].reason).toBe('called from GHL');
  });

  it('tells a second claimer who already holds the alert', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const claimed = transitionAlert(fresh(), { type: 'claim' }, ana, clock).alert;
    expect(() => transitionAlert(claimed, { type: 'claim' }, ben, clock)).toThrow(/already claimed by ag_ana/);
    expect(errorCode(() => transitionAlert(claimed, { type: 'claim' }, ben, clock))).toBe('already_claimed');
  });

  it('lets a manager assign or reassign, but forbids an agent assigning someone else', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(errorCode(() => transitionAlert(fresh(), { type: 'assign', targetAgentId: 'ag_ben' }, ana, clock))).toBe(
      'forbidden',
    );
    const assigned = transitionAlert(fresh(), { type: 'assign', targetAgentId: 'ag_ben' }, mia, clock);
    expect(assigned.alert).toMatchObject({ status: 'assigned', assigneeId: 'ag_ben' });
    expect(assigned.audit).toMatchObject({
      action: 'assign',
      targetAgentId: 'ag_ben',
      reason: 'assigned to ag_ben by ag_mia',
    });
    expect(
      transitionAlert(assigned.alert, { type: 'assign', targetAgentId: 'ag_ana' }, mia, clock).alert.assigneeId,
    ).toBe('ag_ana');
    // Self-assigning an alert someone else holds is a lost claim, not a permission problem.
    expect(
      errorCode(() => transitionAlert(assigned.alert, { type: 'assign', targetAgentId: 'ag_ana' }, ana, clock)),
    ).toBe('already_claimed');
    expect(transitionAlert(fresh(), { type: 'assign', targetAgentId: 'ag_ana' }, ana, clock).alert.assigneeId).toBe(
      'ag_ana',
    );
  });

  it('lets the holder or a manager acknowledge, and only after a claim', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(errorCode(() => transitionAlert(fresh(), { type: 'acknowledge' }, ana, clock))).toBe('conflict');
    const claimed = transitionAlert(fresh(), { type: 'claim' }, ana, clock).alert;
    expect(errorCode(() => transitionAlert(claimed, { type: 'acknowledge' }, ben, clock))).toBe('forbidden');
    const byManager = transitionAlert(claimed, { type: 'acknowledge' }, mia, clock);
    expect(byManager.alert.status).toBe('acknowledged');
    expect(byManager.audit.actor).toEqual(mia);
  });

  it('refuses to skip steps or reopen a closed alert', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    // A deal is won or lost only once someone holds the alert: never straight from open.
    expect(errorCode(() => transitionAlert(fresh(), { type: 'win' }, mia, clock))).toBe('conflict');
    const acked = fresh({ status: 'acknowledged', assigneeId: 'ag_ana' });
    expect(transitionAlert(acked, { type: 'win' }, ana, clock).alert.status).toBe('won');
    expect(errorCode(() => transitionAlert(fresh(), { type: 'contact' }, system, clock))).toBe('conflict');
    for (const status of TERMINAL_STATUSES) {
      const closed = fresh({ status, assigneeId: 'ag_ana' });
      expect(() => transitionAlert(closed, { type: 'dismiss' }, mia, clock)).toThrow(new RegExp(`already ${status}`));
    }
  });

  it('expires only by the system and dismisses only by the holder or a manager', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    expect(errorCode(() => transitionAlert(fresh(), { type: 'expire' }, mia, clock))).toBe('forbidden');
    expect(transitionAlert(fresh(), { type: 'expire' }, system, clock).alert.status).toBe('expired');
    const held = fresh({ status: 'claimed', assigneeId: 'ag_ana' });
    expect(errorCode(() => transitionAlert(held, { type: 'dismiss' }, ben, clock))).toBe('forbidden');
    expect(transitionAlert(held, { type: 'dismiss', reason: 'duplicate lead' }, ana, clock).audit).toMatchObject({
      from: 'claimed',
      to: 'dismissed',
      reason: 'duplicate lead',
    });
  });

  it('snoozes for an hour by default without changing the status', () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const held = fresh({ status: 'assigned', assigneeId: 'ag_ana' });
    const { alert, audit } = transitionAlert(held, { type: 'snooze' }, ana, clock);
    expect(alert).toMatchObject({ status: 'assigned', snoozedUntil: new Date('2026-03-10T16:00:00Z') });
    expect(audit).toMatchObject({ action: 'snooze', from: 'assigned', to: 'assigned' });
    expect(errorCode(() => transitionAlert(held, { type: 'snooze' }, ben, clock))).toBe('forbidden');
  });

  it('never leaves an alert held by nobody once claimed, and never changes a closed alert, whatever people press', () => {
    const actors = [ana, ben, mia, system];
    const action = fc.oneof(
      ...(['claim', 'acknowledge', 'contact', 'win', 'lose', 'dismiss', 'expire', 'snooze'] as const).map((type) =>
        fc.constant({ type } as AlertAction),
      ),
      fc.constantFrom('ag_ana', 'ag_ben').map((targetAgentId): AlertAction => ({ type: 'assign', targetAgentId })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.constantFrom(...actors)), { maxLength: 25 }), (steps) => {
        const clock = fixedClock('2026-03-10T15:00:00Z');
        let alert = fresh();
        for (const [act, actor] of steps) {
          const before = alert;
          try {
            alert = transitionAlert(alert, act, actor, clock).alert;
          } catch (e) {
            if (!isAppError(e)) throw e;
          }
          if (TERMINAL_STATUSES.includes(before.status)) expect(alert).toBe(before);
          if (alert.status !== 'open' && alert.status !== 'expired' && alert.status !== 'dismissed')
            expect(alert.assigneeId).not.toBeNull();
          clock.advance(1000);
        }
      }),
    );
  });
});
