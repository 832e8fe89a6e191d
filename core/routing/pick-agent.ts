import { agentAvailability } from './agent-availability.ts';
import { inputAreas } from './match-condition.ts';
import type { RoutingPool, RoutingStrategy } from './routing-rule.ts';
import type {
  FallthroughStep,
  RouteDecision,
  RoutingAgent,
  RoutingInput,
  RoutingState,
  SkippedAgent,
} from './routing-types.ts';
import { weightedRoundRobin } from './weighted-round-robin.ts';

export interface PickContext {
  input: RoutingInput;
  agents: readonly RoutingAgent[];
  state: RoutingState;
  now: Date;
}

export interface Pick {
  /** null: nobody in the pool could take it; the caller tries the next rule or step. */
  decision: RouteDecision | null;
  skipped: SkippedAgent[];
  steps: string[];
  state: RoutingState;
}

const lower = (xs: readonly string[]): string[] => xs.map((x) => x.trim().toLowerCase());

/**
 * Runs one strategy over one pool. `stateKey` names the round-robin cursor (one per rule, so two
 * rules sharing agents keep separate turns).
 * @example pickAgent('round_robin', pool, 'rule_1', { input, agents, state, now })
 */
export function pickAgent(strategy: RoutingStrategy, pool: RoutingPool, stateKey: string, ctx: PickContext): Pick {
  const skipped: SkippedAgent[] = [];
  const steps: string[] = [];
  const open = (id: string): number => ctx.state.openAlerts[id] ?? 0;
  const none = (why: string): Pick => ({ decision: null, skipped, steps: [...steps, why], state: ctx.state });

  let members: RoutingAgent[];
  if (pool.agentIds.length === 0) {
    members = [...ctx.agents];
  } else {
    members = [];
    for (const id of pool.agentIds) {
      const agent = ctx.agents.find((a) => a.id === id);
      if (agent) members.push(agent);
      else skipped.push({ agentId: id, reason: 'unknown_agent' });
    }
  }

  // Who fits the strategy at all, before asking who is free right now.
  const fits = (agent: RoutingAgent, reason: SkippedAgent['reason'], ok: boolean, detail?: string): boolean => {
    if (!ok) skipped.push({ agentId: agent.id, reason, ...(detail ? { detail } : {}) });
    return ok;
  };
  if (strategy === 'territory') {
    const areas = inputAreas(ctx.input);
    if (areas.length === 0) return none('territory: the lead and listing name no area');
    steps.push(`territory: looking for ${areas.join(', ')}`);
    members = members.filter((a) =>
      fits(
        a,
        'outside_territory',
        lower(a.areas).some((x) => areas.includes(x)),
      ),
    );
  } else if (strategy === 'skill') {
    const needed = lower(pool.skills);
    const language = ctx.input.lead.language?.trim().toLowerCase();
    steps.push(
      `skill: needs ${[...needed, ...(pool.matchLanguage && language ? [`language ${language}`] : [])].join(', ') || 'nothing'}`,
    );
    members = members.filter((a) => {
      const missing = needed.filter((s) => !lower(a.skills).includes(s));
      if (!fits(a, 'missing_skill', missing.length === 0, missing.join(', '))) return false;
      return !(pool.matchLanguage && language) || fits(a, 'language', lower(a.languages).includes(language), language);
    });
  } else if (strategy === 'manager') {
    members = members.filter((a) => fits(a, 'not_a_manager', a.role === 'manager' || a.role === 'admin'));
  }

  const free = members.filter((a) => {
    const availability = agentAvailability(a, open(a.id), ctx.now);
    if (!availability.available) skipped.push(availability.skip);
    return availability.available;
  });
  if (free.length === 0) return none(`${strategy}: nobody available`);

  const assign = (agent: RoutingAgent, why: string, state: RoutingState): Pick => ({
    decision: { kind: 'assign', agentId: agent.id },
    skipped,
    steps: [...steps, why],
    state: { ...state, openAlerts: { ...state.openAlerts, [agent.id]: open(agent.id) + 1 } },
  });

  switch (strategy) {
    case 'round_robin': {
      const weighted = free.map((a) => ({ id: a.id, weight: pool.weights[a.id] ?? a.weight }));
      const turn = weightedRoundRobin(
        weighted,
        ctx.state.roundRobin[stateKey] ?? {},
        members.map((a) => a.id),
      )!;
      const agent = free.find((a) => a.id === turn.agentId)!;
      const state = { ...ctx.state, roundRobin: { ...ctx.state.roundRobin, [stateKey]: turn.credit } };
      return assign(agent, `round_robin: ${agent.id}'s turn among ${free.map((a) => a.id).join(', ')}`, state);
    }
    case 'first_to_claim': {
      const expiresAt = new Date(ctx.now.getTime() + pool.claimTimeoutMinutes * 60_000);
      const fallthrough: FallthroughStep[] = [
        ...(pool.nextPool.length > 0
          ? [
              {
                strategy: 'first_to_claim' as const,
                agentIds: pool.nextPool,
                claimTimeoutMinutes: pool.claimTimeoutMinutes,
              },
            ]
          : []),
        { strategy: 'round_robin', agentIds: pool.agentIds },
        { strategy: 'manager' },
      ];
      return {
        decision: { kind: 'offer', agentIds: free.map((a) => a.id), expiresAt, fallthrough },
        skipped,
        steps: [
          ...steps,
          `first_to_claim: offered to ${free.map((a) => a.id).join(', ')} until ${expiresAt.toISOString()}`,
        ],
        state: ctx.state,
      };
    }
    default: {
      // territory, skill, least_loaded and manager all settle ties the same way: fewest open alerts, then pool order.
      const agent = free.reduce((best, a) => (open(a.id) < open(best.id) ? a : best));
      return assign(agent, `${strategy}: ${agent.id} has the fewest open alerts (${open(agent.id)})`, ctx.state);
    }
  }
}
