import { pickAgent } from './pick-agent.ts';
import type { RoutingRule } from './routing-rule.ts';
import type { RoutingAgent, RoutingInput, RoutingState } from './routing-types.ts';

export interface NextRoundRobinPick {
  ruleId: string;
  ruleName: string;
  /** null: nobody in the pool is available now. */
  agentId: string | null;
}

// Round robin looks at who is free and at the credit, never at the alert: any input gives the same turn.
const ANY_ALERT: RoutingInput = { kind: 'hot_lead', priority: 'normal', lead: { id: 'preview' } };

/**
 * Who each enabled round-robin rule would hand its next alert to, computed by the router's own
 * `pickAgent` on the stored credit. Nothing is saved: the state passed in is only read, so asking
 * never spends anyone's turn.
 * @example nextRoundRobinPicks(rules, agents, { roundRobin, openAlerts }, clock.now())
 */
export function nextRoundRobinPicks(
  rules: readonly RoutingRule[],
  agents: readonly RoutingAgent[],
  state: RoutingState,
  now: Date,
): NextRoundRobinPick[] {
  return rules
    .filter((rule) => rule.enabled && rule.strategy === 'round_robin')
    .sort((a, b) => a.position - b.position)
    .map((rule) => {
      const pick = pickAgent('round_robin', rule.pool, rule.id, { input: ANY_ALERT, agents, state, now });
      const agentId = pick.decision?.kind === 'assign' ? pick.decision.agentId : null;
      return { ruleId: rule.id, ruleName: rule.name, agentId };
    });
}
