import { describe, expect, it } from 'vitest';
import { extractFactsFallback } from '../../core/intent/extract-facts-fallback.ts';
import type { LeadFact } from '../../core/intent/lead-fact.ts';

/** 1 December 2026: "the spring" starts three months later, in March. */
const NOW = new Date('2026-12-01T15:00:00Z');

// Each row: what a lead wrote, and the facts a person reading it would write down.
const CASES: Array<[string, LeadFact[]]> = [
  [
    'Yes! Can we see the Barton Springs one this Saturday? We are pre-approved.',
    [
      { kind: 'pre_approved', value: { approved: true } },
      { kind: 'showing_request', value: { place: 'Barton Springs', when: 'Saturday' } },
    ],
  ],
  [
    'preapproved with Chase for 450k',
    [
      { kind: 'pre_approved', value: { approved: true, amount: 450_000 } },
      { kind: 'lender', value: 'Chase' },
    ],
  ],
  [
    'Pre-approved through Wells Fargo up to $525,000',
    [
      { kind: 'pre_approved', value: { approved: true, amount: 525_000 } },
      { kind: 'lender', value: 'Wells Fargo' },
    ],
  ],
  ["We're not pre-approved yet", [{ kind: 'pre_approved', value: { approved: false } }]],
  ['we already bought', [{ kind: 'already_bought', value: true }]],
  ['We closed on a house last month', [{ kind: 'already_bought', value: true }]],
  ['stop texting me', [{ kind: 'not_interested', value: true }]],
  ['Not interested anymore, thanks', [{ kind: 'not_interested', value: true }]],
  ['wrong number', [{ kind: 'wrong_number', value: true }]],
  ['Sorry, you have the wrong number', [{ kind: 'wrong_number', value: true }]],
  ['¿podemos verla el sábado?', [{ kind: 'showing_request', value: { when: 'Saturday' } }]],
  [
    'we need 3 bedrooms under 500k in Round Rock or Georgetown',
    [
      { kind: 'budget_max', value: 500_000 },
      { kind: 'areas', value: ['Round Rock', 'Georgetown'] },
      { kind: 'beds_min', value: 3 },
    ],
  ],
  ['call me', [{ kind: 'wants_person', value: true }]],
  ['Can I talk to a real person?', [{ kind: 'wants_person', value: true }]],
  ['just looking for now', []],
  [
    'We sold our place and want to close within 30 days. Cash buyer.',
    [
      { kind: 'pre_approved', value: { approved: true } },
      { kind: 'timeline', value: { months: 1, said: '30 days' } },
    ],
  ],
  ['we want to move in the spring', [{ kind: 'timeline', value: { months: 3, said: 'spring' } }]],
  [
    'Can we tour 12 Oak St tomorrow at 5?',
    [{ kind: 'showing_request', value: { place: '12 Oak St', when: 'tomorrow' } }],
  ],
  [
    'Looking to buy in 3 months, max 600k, 4+ beds in 78704',
    [
      { kind: 'timeline', value: { months: 3, said: '3 months' } },
      { kind: 'budget_max', value: 600_000 },
      { kind: 'areas', value: ['78704'] },
      { kind: 'beds_min', value: 4 },
    ],
  ],
  [
    "We're cash buyers, looking for something under $1.2m in Austin",
    [
      { kind: 'pre_approved', value: { approved: true } },
      { kind: 'budget_max', value: 1_200_000 },
      { kind: 'areas', value: ['Austin'] },
    ],
  ],
];

describe('extractFactsFallback: what a lead says becomes facts', () => {
  it.each(CASES)('%s', (text, expected) => {
    // Order is not part of the meaning; compare as sets.
    const byKind = (facts: LeadFact[]) => [...facts].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind(extractFactsFallback(text, NOW))).toEqual(byKind(expected));
  });

  it('reads "in March" as a time, never as a place', () => {
    const facts = extractFactsFallback('We hope to move in March', NOW);
    expect(facts).toEqual([{ kind: 'timeline', value: { months: 3, said: 'march' } }]);
  });

  it('never throws on hostile or empty text', () => {
    for (const text of ['', '   ', '\u0000\u0000', '$'.repeat(10_000), 'in '.repeat(3_000), '🏠'.repeat(500)])
      expect(() => extractFactsFallback(text, NOW)).not.toThrow();
  });
});
