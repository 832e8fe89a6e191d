import { factOf, type DatedFact, type LeadFact } from './lead-fact.ts';

const dollars = (n: number) =>
  n >= 1_000_000 ? `$${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M` : `$${Math.round(n / 1_000)}k`;

/** "asked to see Barton Springs on Saturday": the words an alert and a lead card use for a showing request. */
export function showingRequestWords(value: { place?: string; when?: string }): string {
  return `asked to see ${value.place ?? 'a property'}${value.when ? ` on ${value.when}` : ''}`;
}

/** One fact in a few plain words; the lender is folded into the pre-approval when both are known. */
export function describeFact(fact: LeadFact, all: ReadonlyArray<LeadFact> = []): string {
  switch (fact.kind) {
    case 'pre_approved': {
      if (!fact.value.approved) return 'not pre-approved yet';
      const lender = all.find((f) => f.kind === 'lender')?.value as string | undefined;
      const details = [lender, fact.value.amount ? dollars(fact.value.amount) : undefined].filter(Boolean);
      return `pre-approved${details.length ? ` (${details.join(', ')})` : ''}`;
    }
    case 'lender':
      return `lender: ${fact.value}`;
    case 'timeline': {
      const { months, said } = fact.value;
      const when = months === 0 ? 'now' : `within ${months} month${months === 1 ? '' : 's'}`;
      return said && !/\d/.test(said)
        ? `wants to move ${said === 'asap' ? 'ASAP' : `by ${said}`} (${when})`
        : `buying ${when}`;
    }
    case 'budget_max':
      return `budget up to ${dollars(fact.value)}`;
    case 'areas':
      return `looking in ${fact.value.join(', ')}`;
    case 'beds_min':
      return `${fact.value}+ bedrooms`;
    case 'showing_request':
      return showingRequestWords(fact.value);
    case 'wants_person':
      return 'asked to talk to a person';
    case 'not_interested':
      return 'not interested';
    case 'already_bought':
      return 'already bought a home';
    case 'wrong_number':
      return 'wrong number';
  }
}

/** The lines a person reads: the lender shows inside the pre-approval, not on a line of its own. */
export function factLines(facts: ReadonlyArray<DatedFact>): Array<{ fact: DatedFact; text: string }> {
  const folded = factOf(facts, 'pre_approved')?.value.approved === true;
  return facts
    .filter((f) => !(folded && f.kind === 'lender'))
    .map((fact) => ({ fact, text: describeFact(fact, facts) }));
}
