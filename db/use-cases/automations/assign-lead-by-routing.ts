import { and, eq } from 'drizzle-orm';
import { routeAlert as decideRouting } from '../../../core/routing/route-alert.ts';
import type { RoutingInput } from '../../../core/routing/routing-types.ts';
import type { Tx } from '../../client.ts';
import { leads } from '../../schema/index.ts';
import { enqueueGhlWriteback } from '../../queries/ghl-writeback-ops.ts';
import { loadRoutingRules, lockRoutingState, saveRoutingState, toRoutingAgent } from '../../queries/routing.ts';
import { listAgents } from '../../queries/tenants.ts';
import type { ActionContext, ActionOutcome } from './perform-automation-action.ts';

/**
 * The `assign` step: the team's routing rules (or only the one named) pick her agent as they would for a new
 * lead's alert, spending the round-robin turn under the team's routing lock; an offer to several agents takes
 * its first. Her assignee changes here and in GHL.
 */
export async function assignLeadByRouting(
  tx: Tx,
  ctx: ActionContext,
  routingRule: string | undefined,
): Promise<ActionOutcome> {
  const { tenant, lead } = ctx;
  const team = await listAgents(tx, tenant.id);
  const table = (await loadRoutingRules(tx, tenant.id)).rules;
  const rules = routingRule
    ? table.filter((r) => r.name.toLowerCase() === routingRule.toLowerCase() || r.id === routingRule)
    : table;
  if (!rules.length) return { status: 'skipped', detail: `no routing rule named ${routingRule}` };
  // A named rule is asked on its own, as the catch-all the router needs.
  const asked = routingRule ? rules.map((r) => ({ ...r, condition: null, enabled: true })) : rules;
  const input: RoutingInput = {
    // Routing rules are written for alerts: a lead being handed to a person is routed as a hot lead would be.
    kind: 'hot_lead',
    priority: 'normal',
    lead: {
      id: lead.id,
      city: lead.city,
      postalCode: lead.postalCode,
      areas: lead.areas,
      source: lead.source,
      language: lead.language,
      tags: lead.tags,
      score: lead.score,
      budgetMax: lead.budgetMax,
    },
  };
  const state = await lockRoutingState(tx, tenant.id);
  const result = decideRouting(input, asked, team.map(toRoutingAgent), state, { now: () => ctx.now });
  const { decision } = result;
  const agentId =
    decision.kind === 'assign' ? decision.agentId : decision.kind === 'offer' ? decision.agentIds[0] : null;
  if (!agentId) return { status: 'skipped', detail: 'routing found nobody available' };
  await saveRoutingState(tx, tenant.id, result.state, ctx.now);
  await tx
    .update(leads)
    .set({ assigneeId: agentId, updatedAt: ctx.now })
    .where(and(eq(leads.tenantId, tenant.id), eq(leads.id, lead.id)));
  const agent = team.find((a) => a.id === agentId);
  if (lead.ghlContactId && agent?.ghlUserId)
    await enqueueGhlWriteback(
      ctx.deps.queue,
      {
        tenantId: tenant.id,
        ...(lead.ghlLocationId ? { locationId: lead.ghlLocationId } : {}),
        op: 'assign_contact',
        args: { contactId: lead.ghlContactId, ghlUserId: agent.ghlUserId },
      },
      { tx },
    );
  return { status: 'done', detail: `assigned to ${agent?.name ?? agentId} by rule "${result.explanation.ruleName}"` };
}
