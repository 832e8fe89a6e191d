import { describe, expect, it } from 'vitest';
import { classifySmsKeyword, keywordReply } from '../../core/messaging/sms-keywords.ts';

describe('classifySmsKeyword', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop! ',
    'STOP.',
    'StopAll',
    'stop all',
    'unsubscribe',
    'Cancel',
    'END',
    'quit',
    'revoke',
    'opt-out',
    'OPT OUT',
    '“stop”',
  ])('treats %j as an opt-out', (text) => expect(classifySmsKeyword(text).kind).toBe('opt_out'));

  it.each([
    'please stop texting me about condos',
    "don't stop",
    'stopped by the open house',
    'the end of the street',
    'cancellation',
  ])('leaves %j in the conversation (carriers match the whole message)', (text) =>
    expect(classifySmsKeyword(text).kind).toBe('none'),
  );

  it.each(['START', 'start', 'Unstop', ' unstop. '])('treats %j as opt-in', (text) => {
    expect(classifySmsKeyword(text, { optedOut: true }).kind).toBe('opt_in');
  });

  it('reads YES as opt-in only from an opted-out number; otherwise it is an answer', () => {
    expect(classifySmsKeyword('Yes', { optedOut: true })).toEqual({ kind: 'opt_in', keyword: 'YES' });
    expect(classifySmsKeyword('Yes', { optedOut: false }).kind).toBe('none');
    expect(classifySmsKeyword('yes')).toEqual({ kind: 'none' });
  });

  it.each(['HELP', 'help?', 'Info', 'INFO!'])('treats %j as a help request', (text) => {
    expect(classifySmsKeyword(text).kind).toBe('help');
  });
});

describe('keywordReply', () => {
  it("answers HELP with the tenant's text and how to opt out", () => {
    const reply = keywordReply('help', { senderName: 'Lone Star Realty', helpText: 'Questions? Call 512-555-0100.' });
    expect(reply).toBe('Lone Star Realty: Questions? Call 512-555-0100. Reply STOP to opt out.');
  });

  it('does not repeat the STOP instruction when the tenant text already has it', () => {
    const reply = keywordReply('help', {
      senderName: 'Lone Star Realty',
      helpText: 'Call 512-555-0100. Reply STOP to end.',
    });
    expect(reply?.match(/STOP/g)).toHaveLength(1);
  });

  it('confirms opt-out with how to come back, and opt-in with how to leave', () => {
    expect(keywordReply('opt_out', { senderName: 'Lone Star Realty' })).toMatch(/unsubscribed.*Reply START/);
    expect(keywordReply('opt_in', { senderName: 'Lone Star Realty' })).toMatch(/resubscribed.*STOP to opt out/);
    expect(keywordReply('none', { senderName: 'Lone Star Realty' })).toBeUndefined();
  });
});
