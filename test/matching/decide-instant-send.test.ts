import { describe, expect, it } from 'vitest';
import { decideInstantSend, localDayStart } from '../../core/matching/decide-instant-send.ts';
import { instantSendNote, shortPrice } from '../../core/matching/instant-send-note.ts';

const open = { address: true, allowed: true };
const closed = { address: true, allowed: false };
const none = { address: false, allowed: false };

describe('decideInstantSend', () => {
  it('texts first, emails when texts are closed to her, and keeps the home for the digest past the cap', () => {
    const base = { sentToday: 0, perDay: 3, approveDrafts: false };
    expect(decideInstantSend({ ...base, reach: { sms: open, email: open } })).toMatchObject({ channel: 'sms' });
    expect(decideInstantSend({ ...base, reach: { sms: closed, email: open } })).toMatchObject({ channel: 'email' });
    expect(decideInstantSend({ ...base, reach: { sms: none, email: open } })).toMatchObject({ channel: 'email' });
    // Nothing open: her first address, so the pipeline records the refusal.
    expect(decideInstantSend({ ...base, reach: { sms: closed, email: none } })).toMatchObject({
      action: 'send',
      channel: 'sms',
    });
    expect(decideInstantSend({ ...base, reach: { sms: none, email: none } }).action).toBe('skip');
    expect(decideInstantSend({ ...base, sentToday: 2, reach: { sms: open, email: open } }).action).toBe('send');
    expect(decideInstantSend({ ...base, sentToday: 3, reach: { sms: open, email: open } }).action).toBe('digest');
    expect(decideInstantSend({ ...base, approveDrafts: true, reach: { sms: open, email: open } })).toMatchObject({
      action: 'draft',
      channel: 'sms',
    });
  });

  it('counts her day from her own midnight', () => {
    // 03:30 UTC on 11 June is 22:30 on 10 June in Chicago (UTC-5).
    expect(localDayStart(new Date('2026-06-11T03:30:00Z'), 'America/Chicago')).toEqual(
      new Date('2026-06-10T05:00:00Z'),
    );
  });
});

describe('the agent note', () => {
  it('names the home, a short price and the channel', () => {
    expect(shortPrice(450_000)).toBe('$450k');
    expect(shortPrice(1_250_000)).toBe('$1.25M');
    const note = { leadName: 'Ana Lopez', address: '12 Oak St', price: 450_000, alertId: '7' } as const;
    expect(instantSendNote({ ...note, channel: 'sms', action: 'send' })).toBe(
      'Sent Ana 12 Oak St ($450k) by text (her instant search).',
    );
    expect(instantSendNote({ ...note, channel: 'email', action: 'draft' })).toContain('Send to lead on alert #7');
  });
});
