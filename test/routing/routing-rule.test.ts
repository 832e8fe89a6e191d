import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors/app-error.ts';
import { matchCondition } from '../../core/routing/match-condition.ts';
import { parseRoutingRules, RoutingCondition } from '../../core/routing/routing-rule.ts';
import type { RoutingInput } from '../../core/routing/routing-types.ts';

const catchAll = { id: 'r_all', name: 'Everyone', position: 99, strategy: 'round_robin' };

function validationMessage(data: unknown): string {
  try {
    parseRoutingRules(data);
  } catch (e) {
    if (isAppError(e) && e.code === 'validation_failed') return e.message;
    throw e;
  }
  throw new Error('expected the rules to be rejected');
}

describe('routing rules as data', () => {
  it('requires the last enabled rule to be a catch-all', () => {
    expect(
      validationMessage([
        { id: 'r1', name: 'Austin', position: 1, condition: { field: 'city', in: ['Austin'] }, strategy: 'territory' },
      ]),
    ).toMatch(/must be a catch-all/);
    expect(validationMessage([{ ...catchAll, enabled: false }])).toMatch(/must be a catch-all/);
    expect(parseRoutingRules([catchAll])[0]).toMatchObject({
      condition: null,
      enabled: true,
      pool: { agentIds: [], claimTimeoutMinutes: 5 },
    });
  });

  it('names each broken rule by its index and field', () => {
    const message = validationMessage([
      { id: 'r1', name: 'A', position: 1, condition: { field: 'price' }, strategy: 'territory' },
      { id: 'r2', name: 'B', position: 5, condition: { field: 'city', in: ['Austin'] }, strategy: 'astrology' },
      catchAll,
    ]);
    expect(message).toMatch(/0\.condition: .*a range needs min or max/);
    expect(message).toMatch(/1\.strategy/);
  });

  it('rejects two rules at the same position, since order decides who gets the lead', () => {
    expect(
      validationMessage([{ ...catchAll, id: 'r1', name: 'A', condition: { field: 'tags', in: ['vip'] } }, catchAll]),
    ).toMatch(/two rules share position 99/);
  });

  it('round-trips through JSON, as stored in routing_rules.condition', () => {
    const condition = {
      all: [
        { field: 'city', in: ['Austin'] },
        { any: [{ field: 'price', min: 1_000_000 }, { not: { field: 'source', in: ['zillow'] } }] },
      ],
    };
    expect(RoutingCondition.parse(JSON.parse(JSON.stringify(condition)))).toEqual(condition);
    expect(RoutingCondition.safeParse({ all: [] }).success).toBe(false);
    expect(RoutingCondition.safeParse({ field: 'score', min: 1, extra: true }).success).toBe(false);
  });
});

describe('conditions on lead and listing fields', () => {
  const lead = (over: Partial<RoutingInput['lead']> = {}, listing: RoutingInput['listing'] = null): RoutingInput => ({
    kind: 'listing_match',
    priority: 'normal',
    lead: { id: 'l1', ...over },
    listing,
  });

  it('combines AND / OR / NOT', () => {
    const vipAustin = RoutingCondition.parse({
      all: [
        { field: 'area', in: ['austin'] },
        {
          any: [
            { field: 'tags', in: ['vip'] },
            { field: 'score', min: 90 },
          ],
        },
      ],
    });
    expect(matchCondition(vipAustin, lead({ areas: ['Austin'], tags: ['VIP'] }))).toBe(true);
    expect(matchCondition(vipAustin, lead({ areas: ['Austin'], score: 95 }))).toBe(true);
    expect(matchCondition(vipAustin, lead({ areas: ['Austin'], score: 70 }))).toBe(false);
    expect(matchCondition(vipAustin, lead({ areas: ['Dallas'], tags: ['vip'] }))).toBe(false);
    expect(
      matchCondition(RoutingCondition.parse({ not: { field: 'source', in: ['zillow'] } }), lead({ source: 'Zillow' })),
    ).toBe(false);
  });

  it('tests a price band on the listing, or on the lead budget when there is no listing', () => {
    const band = RoutingCondition.parse({ field: 'price', min: 400_000, max: 800_000 });
    expect(matchCondition(band, lead({ budgetMax: 2_000_000 }, { listingKey: 'K', ListPrice: 500_000 }))).toBe(true);
    expect(matchCondition(band, lead({ budgetMax: 600_000 }))).toBe(true);
    expect(matchCondition(band, lead({ budgetMax: 900_000 }))).toBe(false);
    expect(matchCondition(band, lead())).toBe(false);
  });

  it('matches an area by listing postal code as well as city', () => {
    const area = RoutingCondition.parse({ field: 'area', in: ['78704'] });
    expect(matchCondition(area, lead({}, { listingKey: 'K', City: 'Austin', PostalCode: '78704' }))).toBe(true);
    expect(matchCondition(area, lead({}, { listingKey: 'K', City: 'Austin', PostalCode: '78701' }))).toBe(false);
    expect(
      matchCondition(RoutingCondition.parse({ field: 'postalCode', in: ['78704'] }), lead({ postalCode: '78704' })),
    ).toBe(true);
  });
});
