import { and, eq } from 'drizzle-orm';
import { alertAssignments, alerts, auditLog } from '../../db/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import type { AlertRow } from '../../db/queries/alerts.ts';
import { getTenant, listAgents, type Agent, type Tenant } from '../../db/queries/tenants.ts';
import { loadRoutingRules, lockRoutingState, saveRoutingState, toRoutingAgent } from '../../db/queries/routing.ts';
import { fallThrough, routeAlert } from '../../core/routing/route-alert.ts';
import type { RouteResult } from '../../core/routing/routing-types.ts';
import { transitionAlert } from '../../core/alerts/transition-alert.ts';
import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { loadRoutingInput } from '../shared/routing-input.ts';
import { planDeliveries } from '../shared/plan-deliveries.ts';
import type { RoutingRecord } from '../shared/routing-record.ts';
import { escalationFor } from '../../db/queries/alert-follow-up.ts';

const ROUTER = { id: 'routing', role: 'system' } as const;

/**
 * Routes a new alert by the tenant's rules, or (run again when a first-to-claim offer times out)
 * walks the offer's fall-through chain one rung. Idempotent: an alert that is no longer open, or
 * already routed with its offer still running, is left alone, so a redelivered job changes nothing.
 */
export default defineHandler('alert.route', async ({ tenantId, alertId }, { runtime }) => {
  await runtime.db.transaction(async (tx) => {
    const tenant = await getTenant(tx, tenantId);
    if (!tenant) return;
    // The tenant's routing-state lock comes first: routings of one tenant run one at a time, so
    // the round-robin turn and the open-alert counts are never read stale by a concurrent worker.
    const state = await lockRoutingState(tx, tenantId);
    const [alert] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, alertId)))
      .for('update');
    if (!alert || alert.status !== 'open') return;
    const record = alert.routing as RoutingRecord | null;
    const now = runtime.clock.now();
    const team = await listAgents(tx, tenantId);
    const input = await loadRoutingInput(tx, alert);
    let result: RouteResult;
    let stage: 'route' | 'fallthrough';
    if (!record) {
      const { rules } = await loadRoutingRules(tx, tenantId);
      result = routeAlert(input, rules, team.map(toRoutingAgent), state, runtime.clock);
      stage = 'route';
    } else if (record.offer && new Date(record.offer.expiresAt) <= now) {
      result = fallThrough(input, record.offer, team.map(toRoutingAgent), state, runtime.clock);
      stage = 'fallthrough';
    } else {
      return;
    }
    await saveRoutingState(tx, tenantId, result.state, now);
    await applyDecision(tx, runtime, { tenant, alert, team, record, result, stage });
  });
});

async function applyDecision(
  tx: Tx,
  runtime: Runtime,
  ctx: {
    tenant: Tenant;
    alert: AlertRow;
    team: Agent[];
    record: RoutingRecord | null;
    result: RouteResult;
    stage: 'route' | 'fallthrough';
  },
): Promise<void> {
  const { tenant, team, result } = ctx;
  const { decision, explanation } = result;
  const now = runtime.clock.now();
  let alert = ctx.alert;
  let recipients: Agent[] = [];
  let offer: RoutingRecord['offer'];

  if (decision.kind === 'assign') {
    const { alert: next, audit } = transitionAlert(
      alert,
      { type: 'assign', targetAgentId: decision.agentId, reason: `routed by rule "${explanation.ruleName}"` },
      ROUTER,
      runtime.clock,
    );
    alert = next;
    await tx.insert(alertAssignments).values({
      tenantId: tenant.id,
      alertId: alert.id,
      agentId: decision.agentId,
      kind: 'route',
      actorId: ROUTER.id,
      reason: audit.reason,
    });
    await tx.insert(auditLog).values({
      tenantId: tenant.id,
      entity: 'alert',
      entityId: alert.id,
      action: 'route',
      actor: ROUTER.id,
      reason: audit.reason,
      data: { from: audit.from, to: audit.to, targetAgentId: decision.agentId, rule: explanation.ruleName },
    });
    recipients = team.filter((a) => a.id === decision.agentId);
  } else if (decision.kind === 'offer') {
    offer = {
      ruleId: explanation.ruleId,
      ruleName: explanation.ruleName,
      agentIds: decision.agentIds,
      expiresAt: decision.expiresAt.toISOString(),
      fallthrough: decision.fallthrough,
    };
    await tx.insert(alertAssignments).values(
      decision.agentIds.map((agentId) => ({
        tenantId: tenant.id,
        alertId: alert.id,
        agentId,
        kind: 'offer',
        actorId: ROUTER.id,
        reason: `offered by rule "${explanation.ruleName}"`,
        expiresAt: decision.expiresAt,
      })),
    );
    await tx.insert(auditLog).values({
      tenantId: tenant.id,
      entity: 'alert',
      entityId: alert.id,
      action: 'offer',
      actor: ROUTER.id,
      reason: `offered to ${decision.agentIds.length} agents until ${offer.expiresAt}`,
      data: { agentIds: decision.agentIds, rule: explanation.ruleName },
    });
    // The timeout is a job, not a timer in memory: it survives restarts and runs on any worker.
    await runtime.queue.enqueue(
      'alert.route',
      { tenantId: tenant.id, alertId: alert.id },
      { tx, startAfter: decision.expiresAt },
    );
    recipients = team.filter((a) => decision.agentIds.includes(a.id));
  } else {
    await tx.insert(auditLog).values({
      tenantId: tenant.id,
      entity: 'alert',
      entityId: alert.id,
      action: 'unrouted',
      actor: ROUTER.id,
      reason: explanation.steps.at(-1) ?? 'nobody available',
      data: { rule: explanation.ruleName },
    });
  }

  const planned = await planDeliveries(tx, runtime, {
    tenant,
    alert,
    recipients,
    attemptTag: ctx.stage === 'fallthrough' ? `ft${ctx.record?.history.length ?? 0}` : undefined,
  });
  const routing: RoutingRecord = {
    decision,
    explanation,
    ...(offer ? { offer } : {}),
    history: [
      ...(ctx.record?.history ?? []),
      { at: now.toISOString(), stage: ctx.stage, decision, explanation, deliveries: planned },
    ],
  };
  const escalation = escalationFor(alert, tenant, runtime.clock);
  await tx
    .update(alerts)
    .set({
      status: alert.status,
      assigneeId: alert.assigneeId,
      claimedAt: alert.claimedAt,
      routing: routing as unknown as Record<string, unknown>,
      escalateAt: escalation?.dueAt ?? null,
      updatedAt: now,
    })
    .where(eq(alerts.id, alert.id));
}
