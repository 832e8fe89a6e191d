import { randomUUID } from 'node:crypto';
import type { RoutingRules } from '../../../core/routing/routing-rule.ts';
import type { Db } from '../../client.ts';
import { loadRoutingRules, replaceRoutingRules, validateRoutingRules, withRuleIds } from '../../queries/routing.ts';
import { assertTeamAgents, type NamedAgents } from '../agents/assert-team-agents.ts';

/**
 * The one way a team's routing table is replaced, from `PUT /api/v1/routing-rules` or
 * `porchlight rules set`. Rules are edited as a document: the whole list is validated (each
 * problem naming its rule) and written in one transaction, so a bad table changes nothing. An id
 * is kept only when it is already one of this team's rules, which keeps round-robin turns across
 * a GET → edit → PUT and never lets one team's ids collide with another's. Every agent a pool
 * names must be one of this team's (422 naming the rule, the field and the id otherwise).
 * @example await replaceRoutingTable({ db }, { tenantId, rules: body.rules })
 */
export async function replaceRoutingTable(
  deps: { db: Db },
  input: { tenantId: string; rules: unknown; makeId?: () => string },
): Promise<RoutingRules> {
  return deps.db.transaction(async (tx) => {
    const existing = new Set((await loadRoutingRules(tx, input.tenantId)).rules.map((r) => r.id));
    const rules = validateRoutingRules(withRuleIds(input.rules, existing, input.makeId ?? randomUUID));
    await assertTeamAgents(tx, input.tenantId, agentsNamedBy(rules));
    return replaceRoutingRules(tx, input.tenantId, rules);
  });
}

/** Where a rule names agents: its pool, the pool's weights and the pool offered next. */
function agentsNamedBy(rules: RoutingRules): NamedAgents {
  const named: NamedAgents = {};
  rules.forEach((rule, index) => {
    const at = `rule ${index + 1} "${rule.name}": pool`;
    named[`${at}.agentIds`] = rule.pool.agentIds;
    named[`${at}.weights`] = Object.keys(rule.pool.weights);
    named[`${at}.nextPool`] = rule.pool.nextPool;
  });
  return named;
}
