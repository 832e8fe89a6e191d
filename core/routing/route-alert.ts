import { AppError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import { matchCondition } from './match-condition.ts';
import { pickAgent } from './pick-agent.ts';
import { RoutingPool, type RoutingRule } from './routing-rule.ts';
import type {
  FallthroughStep,
  RouteResult,
  RoutingAgent,
  RoutingInput,
  RoutingState,
  SkippedAgent,
} from './routing-types.ts';

/**
 * Routes an alert by the tenant's rules, in position order. The first rule whose condition matches
 * and whose pool has someone available decides; a matching rule with nobody free hands over to the
 * next match, ending at the catch-all. The explanation names the deciding rule, every agent skipped
 * and why, and each step, so a bot can answer "why did Ana get this?".
 * @example const { decision, explanation, state } = routeAlert(input, rules, agents, state, clock)
 */
export function routeAlert(
  input: RoutingInput,
  rules: readonly RoutingRule[],
  agents: readonly RoutingAgent[],
  state: RoutingState,
  clock: Clock,
): RouteResult {
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => a.position - b.position);
  if (ordered.length === 0 || ordered.at(-1)!.condition !== null) {
    throw new AppError('invalid_config', 'routing rules must end with a catch-all (a rule with no condition)');
  }
  const now = clock.now();
  const skipped: SkippedAgent[] = [];
  const steps: string[] = [];
  for (const rule of ordered) {
    if (!matchCondition(rule.condition, input)) {
      steps.push(`rule "${rule.name}" does not match`);
      continue;
    }
    steps.push(`rule "${rule.name}" matches${rule.condition === null ? ' (catch-all)' : ''}: ${rule.strategy}`);
    const pick = pickAgent(rule.strategy, rule.pool, rule.id, { input, agents, state, now });
    skipped.push(...pick.skipped);
    steps.push(...pick.steps);
    if (pick.decision) {
      return {
        decision: pick.decision,
        explanation: { ruleId: rule.id, ruleName: rule.name, strategy: rule.strategy, skipped, steps },
        state: pick.state,
      };
    }
  }
  const last = ordered.at(-1)!;
  steps.push('nobody available: left open for the escalation ladder');
  return {
    decision: { kind: 'unassigned' },
    explanation: { ruleId: last.id, ruleName: last.name, strategy: last.strategy, skipped, steps },
    state,
  };
}

/**
 * Called when a first-to-claim offer expires unclaimed: walks its fall-through chain (next pool →
 * round robin → manager) and stops at the first step that finds someone. A later offer carries
 * the rest of the chain, so every timeout moves one rung down.
 * @example fallThrough(input, { ruleId, ruleName, fallthrough: offer.fallthrough }, agents, state, clock)
 */
export function fallThrough(
  input: RoutingInput,
  offer: { ruleId: string; ruleName: string; fallthrough: readonly FallthroughStep[] },
  agents: readonly RoutingAgent[],
  state: RoutingState,
  clock: Clock,
): RouteResult {
  const now = clock.now();
  const skipped: SkippedAgent[] = [];
  const steps: string[] = [`offer from rule "${offer.ruleName}" timed out unclaimed`];
  for (const [index, step] of offer.fallthrough.entries()) {
    const pool = RoutingPool.parse(step.strategy === 'manager' ? {} : step);
    const pick = pickAgent(step.strategy, pool, `${offer.ruleId}:fallthrough`, { input, agents, state, now });
    skipped.push(...pick.skipped);
    steps.push(...pick.steps);
    if (pick.decision) {
      const decision =
        pick.decision.kind === 'offer'
          ? { ...pick.decision, fallthrough: offer.fallthrough.slice(index + 1) }
          : pick.decision;
      return {
        decision,
        explanation: { ruleId: offer.ruleId, ruleName: offer.ruleName, strategy: step.strategy, skipped, steps },
        state: pick.state,
      };
    }
  }
  steps.push('fall-through chain exhausted: left open for the escalation ladder');
  return {
    decision: { kind: 'unassigned' },
    explanation: { ruleId: offer.ruleId, ruleName: offer.ruleName, strategy: 'manager', skipped, steps },
    state,
  };
}
