import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';
import { fallThrough, routeAlert } from '../../core/routing/route-alert.ts';
import { parseRoutingRules } from '../../core/routing/routing-rule.ts';
import type { RoutingAgent, RoutingInput, RoutingState } from '../../core/routing/routing-types.ts';
import { fixedClock } from '../../core/time/clock.ts';

const day: [string, string] = ['09:00', '18:00'];
const weekdays: WorkingHours = { mon: day, tue: day, wed: day, thu: day, fri: day };
const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  name: id,
  role: 'agent',
  areas: [],
  skills: [],
  languages: ['en'],
  timezone: 'America/Chicago',
  workingHours: weekdays,
  paused: false,
  vacationUntil: null,
  maxOpenAlerts: null,
  weight: 1,
  active: true,
  ...over,
});

const agents: RoutingAgent[] = [
  agent('ana', { areas: ['Austin', '78704'], languages: ['en', 'es'], skills: ['luxury'] }),
  agent('ben', { areas: ['Austin'], paused: true }),
  agent('cara', { areas: ['Round Rock'], languages: ['es'], vacationUntil: new Date('2026-03-20T00:00:00Z') }),
  agent('dan', { areas: ['Round Rock'], skills: ['luxury'], workingHours: { wed: ['06:00', '10:00'] } }),
  agent('eve', { areas: ['Round Rock'], maxOpenAlerts: 2 }),
  agent('fay', { weight: 3 }),
  agent('gus', { weight: 1 }),
  agent('mia', { role: 'manager' }),
];

const rules = parseRoutingRules([
  {
    id: 'r_es',
    name: 'Spanish speakers',
    position: 10,
    condition: { field: 'language', in: ['es'] },
    strategy: 'skill',
  },
  {
    id: 'r_lux',
    name: 'Luxury',
    position: 20,
    condition: {
      all: [
        { field: 'price', min: 1_000_000 },
        { field: 'kind', in: ['listing_match', 'price_drop'] },
      ],
    },
    strategy: 'skill',
    pool: { skills: ['luxury'] },
  },
  {
    id: 'r_zillow',
    name: 'Zillow leads',
    position: 30,
    condition: { field: 'source', in: ['Zillow'] },
    strategy: 'first_to_claim',
    pool: { agentIds: ['fay', 'gus', 'ben'], nextPool: ['ana'], claimTimeoutMinutes: 3 },
  },
  {
    id: 'r_area',
    name: 'Territories',
    position: 40,
    condition: { any: [{ field: 'area', in: ['Austin', 'Round Rock'] }] },
    strategy: 'territory',
  },
  {
    id: 'r_rent',
    name: 'Rentals',
    position: 50,
    condition: { field: 'tags', in: ['rental'] },
    strategy: 'least_loaded',
    pool: { agentIds: ['fay', 'gus'] },
  },
  {
    id: 'r_stale',
    name: 'Stale to manager',
    position: 60,
    condition: { field: 'kind', in: ['stale_lead'] },
    strategy: 'manager',
  },
  { id: 'r_all', name: 'Everyone else', position: 99, strategy: 'round_robin', pool: { agentIds: ['fay', 'gus'] } },
]);

const empty = (): RoutingState => ({ openAlerts: { eve: 2 }, roundRobin: {} });
const wednesdayNoon = () => fixedClock('2026-03-11T17:00:00Z'); // 12:00 CDT
const input = (lead: Partial<RoutingInput['lead']> = {}, over: Partial<RoutingInput> = {}): RoutingInput => ({
  kind: 'hot_lead',
  priority: 'high',
  lead: { id: 'ld_1', ...lead },
  ...over,
});

describe('routing table', () => {
  it('skill: sends a Spanish-speaking lead to the Spanish speaker who is free, naming who was skipped', () => {
    const { decision, explanation } = routeAlert(input({ language: 'ES' }), rules, agents, empty(), wednesdayNoon());
    expect(decision).toEqual({ kind: 'assign', agentId: 'ana' });
    expect(explanation).toMatchObject({ ruleId: 'r_es', ruleName: 'Spanish speakers', strategy: 'skill' });
    expect(explanation.skipped).toContainEqual({
      agentId: 'cara',
      reason: 'on_vacation',
      detail: 'until 2026-03-20T00:00:00.000Z',
    });
    expect(explanation.skipped).toContainEqual({ agentId: 'fay', reason: 'language', detail: 'es' });
  });

  it('skill on a listing price band: luxury listing goes to the luxury agent who is on the clock', () => {
    const listing = { listingKey: 'K1', City: 'Round Rock', ListPrice: 1_250_000 };
    const { decision, explanation } = routeAlert(
      input({}, { kind: 'listing_match', listing }),
      rules,
      agents,
      empty(),
      wednesdayNoon(),
    );
    expect(decision).toEqual({ kind: 'assign', agentId: 'ana' });
    expect(explanation.skipped).toContainEqual({
      agentId: 'dan',
      reason: 'outside_working_hours',
      detail: 'America/Chicago',
    });
  });

  it('territory: routes by the listing city and skips the paused, vacationing and capped agents there', () => {
    const listing = { listingKey: 'K2', City: 'round rock', ListPrice: 300_000 };
    const result = routeAlert(input({}, { kind: 'listing_match', listing }), rules, agents, empty(), wednesdayNoon());
    // Every Round Rock agent is unavailable, so the next matching rule (the catch-all) decides.
    expect(result.explanation.ruleId).toBe('r_all');
    expect(result.explanation.skipped).toEqual(
      expect.arrayContaining([
        { agentId: 'cara', reason: 'on_vacation', detail: expect.any(String) },
        { agentId: 'dan', reason: 'outside_working_hours', detail: 'America/Chicago' },
        { agentId: 'eve', reason: 'at_cap', detail: '2 of 2 open alerts' },
      ]),
    );
    expect(result.explanation.steps).toContain('territory: nobody available');

    const austin = routeAlert(input({ city: 'Austin' }), rules, agents, empty(), wednesdayNoon());
    expect(austin.decision).toEqual({ kind: 'assign', agentId: 'ana' });
    expect(austin.explanation.ruleId).toBe('r_area');
    expect(austin.explanation.skipped).toContainEqual({ agentId: 'ben', reason: 'paused' });
  });

  it('territory frees up when an agent drops below their cap', () => {
    const listing = { listingKey: 'K2', City: 'Round Rock' };
    const state = { openAlerts: { eve: 1 }, roundRobin: {} };
    const result = routeAlert(input({}, { kind: 'back_on_market', listing }), rules, agents, state, wednesdayNoon());
    expect(result.decision).toEqual({ kind: 'assign', agentId: 'eve' });
    expect(result.state.openAlerts.eve).toBe(2);
  });

  it('first_to_claim: offers to the free agents with a deadline, then falls through next pool → round robin → manager', () => {
    const clock = wednesdayNoon();
    const offered = routeAlert(input({ source: 'zillow' }), rules, agents, empty(), clock);
    expect(offered.decision).toEqual({
      kind: 'offer',
      agentIds: ['fay', 'gus'],
      expiresAt: new Date('2026-03-11T17:03:00Z'),
      fallthrough: [
        { strategy: 'first_to_claim', agentIds: ['ana'], claimTimeoutMinutes: 3 },
        { strategy: 'round_robin', agentIds: ['fay', 'gus', 'ben'] },
        { strategy: 'manager' },
      ],
    });
    expect(offered.explanation.skipped).toContainEqual({ agentId: 'ben', reason: 'paused' });
    if (offered.decision.kind !== 'offer') throw new Error('expected an offer');

    clock.set(offered.decision.expiresAt);
    const offer = { ruleId: 'r_zillow', ruleName: 'Zillow leads', fallthrough: offered.decision.fallthrough };
    const second = fallThrough(input({ source: 'zillow' }), offer, agents, offered.state, clock);
    expect(second.decision).toMatchObject({
      kind: 'offer',
      agentIds: ['ana'],
      expiresAt: new Date('2026-03-11T17:06:00Z'),
    });
    expect(second.explanation.steps[0]).toBe('offer from rule "Zillow leads" timed out unclaimed');
    if (second.decision.kind !== 'offer') throw new Error('expected an offer');

    const third = fallThrough(
      input(),
      { ...offer, fallthrough: second.decision.fallthrough },
      agents,
      second.state,
      clock,
    );
    expect(third.decision).toEqual({ kind: 'assign', agentId: 'fay' });
    expect(third.explanation.strategy).toBe('round_robin');

    // Round-robin pool all away: the manager takes it.
    const away = agents.map((a) => (a.id === 'fay' || a.id === 'gus' ? { ...a, paused: true } : a));
    const last = fallThrough(
      input(),
      { ...offer, fallthrough: second.decision.fallthrough },
      away,
      second.state,
      clock,
    );
    expect(last.decision).toEqual({ kind: 'assign', agentId: 'mia' });
    expect(last.explanation.steps).toContain('round_robin: nobody available');
  });

  it('least_loaded: picks the agent holding the fewest open alerts', () => {
    const state = { openAlerts: { fay: 4, gus: 1 }, roundRobin: {} };
    const result = routeAlert(input({ tags: ['Rental'] }), rules, agents, state, wednesdayNoon());
    expect(result.decision).toEqual({ kind: 'assign', agentId: 'gus' });
    expect(result.explanation.ruleId).toBe('r_rent');
    expect(result.state.openAlerts).toEqual({ fay: 4, gus: 2 });
  });

  it('manager: stale leads go to a manager; ordinary agents are skipped as not managers', () => {
    const result = routeAlert(
      input({}, { kind: 'stale_lead', priority: 'low' }),
      rules,
      agents,
      empty(),
      wednesdayNoon(),
    );
    expect(result.decision).toEqual({ kind: 'assign', agentId: 'mia' });
    expect(result.explanation.skipped).toContainEqual({ agentId: 'fay', reason: 'not_a_manager' });
  });

  it('catch-all: a lead no rule names is dealt round robin, and the explanation lists the rules passed over', () => {
    const result = routeAlert(input({ source: 'website' }), rules, agents, empty(), wednesdayNoon());
    expect(result.decision).toEqual({ kind: 'assign', agentId: 'fay' });
    expect(result.explanation).toMatchObject({ ruleId: 'r_all', strategy: 'round_robin' });
    expect(result.explanation.steps).toContain('rule "Zillow leads" does not match');
    expect(result.explanation.steps).toContain('rule "Everyone else" matches (catch-all): round_robin');
  });

  it('leaves the alert open for escalation when nobody at all is on the clock', () => {
    const saturdayNight = fixedClock('2026-03-15T03:00:00Z');
    const result = routeAlert(input({ source: 'website' }), rules, agents, empty(), saturdayNight);
    expect(result.decision).toEqual({ kind: 'unassigned' });
    expect(
      result.explanation.skipped.filter((s) => s.reason === 'outside_working_hours').map((s) => s.agentId),
    ).toEqual(['fay', 'gus']);
  });

  it('deals a weighted round robin 3:1 over many alerts, deterministically from the stored cursor', () => {
    const clock = wednesdayNoon();
    let state: RoutingState = { openAlerts: {}, roundRobin: {} };
    const counts: Record<string, number> = {};
    const sequence: string[] = [];
    for (let i = 0; i < 400; i++) {
      const result = routeAlert(input({ source: 'website' }), rules, agents, state, clock);
      if (result.decision.kind !== 'assign') throw new Error('expected an assignment');
      counts[result.decision.agentId] = (counts[result.decision.agentId] ?? 0) + 1;
      sequence.push(result.decision.agentId);
      // Same state in, same agent out.
      expect(routeAlert(input({ source: 'website' }), rules, agents, state, clock).decision).toEqual(result.decision);
      state = result.state;
    }
    expect(counts).toEqual({ fay: 300, gus: 100 });
    // Smooth: the heavy agent never gets more than three in a row.
    expect(sequence.join(',')).not.toMatch(/fay,fay,fay,fay/);
  });

  it('deals around a paused agent and gives no catch-up burst when they return', () => {
    const clock = wednesdayNoon();
    const equal = agents.map((a) => (a.id === 'fay' ? { ...a, weight: 1 } : a));
    const gusPaused = equal.map((a) => (a.id === 'gus' ? { ...a, paused: true } : a));
    let state: RoutingState = { openAlerts: {}, roundRobin: {} };
    const deal = (pool: RoutingAgent[], n: number): string[] =>
      Array.from({ length: n }, () => {
        const result = routeAlert(input(), rules, pool, state, clock);
        state = result.state;
        return result.decision.kind === 'assign' ? result.decision.agentId : '-';
      });
    expect(deal(equal, 2)).toEqual(['fay', 'gus']);
    expect(deal(gusPaused, 3)).toEqual(['fay', 'fay', 'fay']);
    const after = deal(equal, 10);
    expect(after.filter((id) => id === 'gus')).toHaveLength(5);
    expect(after.join(',')).not.toMatch(/gus,gus/);
  });
});
