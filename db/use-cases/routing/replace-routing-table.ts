import { randomUUID } from 'node:crypto';
import type { RoutingRules } from '../../../core/routing/routing-rule.ts';
import type { Db } from '../../client.ts';
import { loadRoutingRules, replaceRoutingRules, withRuleIds } from '../../queries/routing.ts';

/**
 * The one way a team's routing table is replaced, from `PUT /api/v1/routing-rules` or
 * `porchlight rules set`. Rules are edited as a document: the whole list is validated (each
 * problem naming its rule) and written in one transaction, so a bad table changes nothing. An id
 * is kept only when it is already one of this team's rules, which keeps round-robin turns across
 * a GET → edit → PUT and never lets one team's ids collide with another's.
 * @example await replaceRoutingTable({ db }, { tenantId, rules: body.rules })
 */
export async function replaceRoutingTable(
  deps: { db: Db },
  input: { tenantId: string; rules: unknown; makeId?: () => string },
): Promise<RoutingRules> {
  return deps.db.transaction(async (tx) => {
    const existing = new Set((await loadRoutingRules(tx, input.tenantId)).rules.map((r) => r.id));
    return replaceRoutingRules(tx, input.tenantId, withRuleIds(input.rules, existing, input.makeId ?? randomUUID));
  });
}
