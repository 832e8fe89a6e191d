import { describe, expect, it } from 'vitest';
import {
  advanceQualification,
  initialQualificationState,
  type QualificationState,
  type QualificationTurn,
} from '../../core/messaging/qualification-flow.ts';
import { extractQualification } from '../../core/messaging/extract-qualification.ts';

const senderName = 'Lone Star Realty';

/** Plays a conversation, returning every turn. */
function converse(messages: string[], state: QualificationState = initialQualificationState()): QualificationTurn[] {
  const turns: QualificationTurn[] = [];
  for (const message of messages) {
    const turn = advanceQualification({ state, message, senderName });
    turns.push(turn);
    state = turn.state;
  }
  return turns;
}

describe('qualification flow', () => {
  it('asks three questions, builds a saved search and hands a pre-approved lead to an agent', () => {
    const [hello, budget, areas, preApproval] = converse([
      'Hi! Saw your sign, we are looking to buy',
      'up to 600k',
      'Austin or 78704',
      'yes pre-approved',
    ]);
    expect(hello.reply).toBe('Thanks for texting Lone Star Realty! What price range are you shopping in?');
    expect(hello.handoff).toBeUndefined();
    expect(budget.leadUpdates).toEqual({ budgetMax: 600_000 });
    expect(budget.reply).toMatch(/cities, neighborhoods or ZIP codes/);
    expect(areas.leadUpdates).toEqual({ cities: ['Austin'], postalCodes: ['78704'] });
    expect(areas.criteria).toEqual({ maxPrice: 600_000, cities: ['Austin'], postalCodes: ['78704'] });
    expect(areas.reply).toMatch(/pre-approved/);
    expect(preApproval.leadUpdates).toEqual({ preApproved: true });
    expect(preApproval.handoff).toEqual({ reason: 'pre_approved' });
    expect(preApproval.reply).toMatch(/connecting you with an agent/);
    expect(preApproval.state.status).toBe('handed_off');
  });

  it('hands off as qualified once every question is answered', () => {
    const turns = converse(['hello', '$450k-$550k', '78660', 'not yet', '3 beds', 'in about 6 months']);
    const last = turns.at(-1)!;
    expect(last.handoff).toEqual({ reason: 'qualified' });
    expect(last.state.slots).toEqual({
      budgetMin: 450_000,
      budgetMax: 550_000,
      postalCodes: ['78660'],
      preApproved: false,
      beds: 3,
      timeline: '6 months',
      timelineMonths: 6,
    });
    expect(turns.slice(0, -1).every((t) => t.handoff === undefined)).toBe(true);
  });

  it('fills several slots from one message and asks only for what is missing', () => {
    const [turn] = converse(['Looking for a 3 bed in Round Rock under 500k']);
    expect(turn.leadUpdates).toEqual({ budgetMax: 500_000, cities: ['Round Rock'], beds: 3 });
    expect(turn.criteria).toEqual({ maxPrice: 500_000, minBeds: 3, cities: ['Round Rock'], postalCodes: [] });
    expect(turn.reply).toMatch(/pre-approved/);
  });

  it('hands off at once when the lead wants a showing or a person', () => {
    expect(converse(['Can we see the house on Elm this weekend?'])[0].handoff).toEqual({ reason: 'wants_showing' });
    const [, second] = converse(['hi', 'can I just talk to an agent?']);
    expect(second.handoff).toEqual({ reason: 'asked_for_person' });
  });

  it('re-asks an unclear answer once with a hint, then moves on', () => {
    const [, first, second] = converse(['hi', 'hmm not sure', 'depends']);
    expect(first.reply).toMatch(/top budget\? A number like 450k/);
    expect(first.state.asking).toBe('budget');
    expect(second.state.asking).toBe('areas');
    expect(second.state.skipped).toEqual(['budget']);
  });

  it('lets an AI extraction fill slots while the flow decides the next step', () => {
    const state = converse(['hi'])[0].state;
    const turn = advanceQualification({
      state,
      message: 'somewhere near the good schools in the northwest, maybe six fifty',
      senderName,
      extracted: { slots: { budgetMax: 650_000, cities: ['Cedar Park'] } },
    });
    expect(turn.leadUpdates).toEqual({ budgetMax: 650_000, cities: ['Cedar Park'] });
    expect(turn.reply).toMatch(/pre-approved/);
  });

  it('ignores a malformed AI extraction and falls back to its own parse', () => {
    const state = converse(['hi'])[0].state;
    const turn = advanceQualification({
      state,
      message: '600k',
      senderName,
      extracted: { slots: { budgetMax: 'lots' } },
    });
    expect(turn.leadUpdates).toEqual({ budgetMax: 600_000 });
  });

  it('after handoff keeps recording facts but stays quiet (the agent owns the thread)', () => {
    const handedOff = converse(['can I talk to someone?'])[0].state;
    const turn = advanceQualification({ state: handedOff, message: 'also we need 4 bedrooms', senderName });
    expect(turn.reply).toBeUndefined();
    expect(turn.leadUpdates).toEqual({ beds: 4 });
    expect(turn.criteria).toMatchObject({ minBeds: 4 });
  });
});

describe('extractQualification', () => {
  it.each([
    ['600k', 'budget', { budgetMax: 600_000 }],
    ['$1.2m', undefined, { budgetMax: 1_200_000 }],
    ['around 600', 'budget', { budgetMax: 600_000 }],
    ['400-550k', undefined, { budgetMin: 400_000, budgetMax: 550_000 }],
    ['at least $300,000', undefined, { budgetMin: 300_000 }],
    ['3 beds', undefined, { beds: 3 }],
    ['3-4 bedrooms', undefined, { beds: 3 }],
    ['3', 'beds', { beds: 3 }],
    ['Austin or 78704', 'areas', { cities: ['Austin'], postalCodes: ['78704'] }],
    ['3 months', 'timeline', { timeline: '3 months', timelineMonths: 3 }],
    ['ASAP', 'timeline', { timeline: 'ASAP', timelineMonths: 0 }],
    ['yes pre-approved', 'preApproval', { preApproved: true }],
    ['nope', 'preApproval', { preApproved: false }],
    ["we're not pre-approved yet", undefined, { preApproved: false }],
  ] as const)('reads %j (asked %s)', (text, asked, slots) => {
    expect(extractQualification(text, asked).slots).toEqual(slots);
  });

  it('does not mistake ZIP codes, bedroom counts or timelines for money', () => {
    expect(extractQualification('78704', 'budget').slots).toEqual({ postalCodes: ['78704'] });
    expect(extractQualification('3 beds in 6 months').slots).toEqual({
      beds: 3,
      timeline: '6 months',
      timelineMonths: 6,
    });
    expect(extractQualification('yes', 'budget').slots).toEqual({});
  });

  it('reads "yes" as pre-approval only when that was the question', () => {
    expect(extractQualification('yes', 'beds').slots).toEqual({});
  });
});
