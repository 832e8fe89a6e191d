import { escalationFor } from '../../../core/alerts/escalation-for.ts';
import { transitionAlert } from '../../../core/alerts/transition-alert.ts';
import type { PlannedDelivery } from '../../../core/alerts/planned-delivery.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
import { fallThrough, routeAlert as decideRouting } from '../../../core/routing/route-alert.ts';
import type { RoutingRecord } from '../../../core/routing/routing-record.ts';
import type { RouteResult } from '../../../core/routing/routing-types.ts';
import type { Tx } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockAlert, type AlertRow } from '../../queries/alerts/get-alert.ts';
import { recordAssignments } from '../../queries/alerts/record-assignments.ts';
import { loadRoutingInput } from '../../queries/alerts/routing-input.ts';
import { saveAlert } from '../../queries/alerts/save-alert.ts';
import { loadRoutingRules, lockRoutingState, saveRoutingState, toRoutingAgent } from '../../queries/routing.ts';
import { getTenant, listAgents, type Agent, type Tenant } from '../../queries/tenants.ts';
import { planAlertDeliveries } from '../deliveries/plan-alert-deliveries.ts';
import type { Reach } from '../deliveries/reach.ts';
import type { AlertDeps } from './alert-deps.ts';

const ROUTER = { id: 'routing', role: 'system' } as const;

export type RouteAlertOutcome =
  | {
      outcome: 'routed';
      stage: 'route' | 'fallthrough';
      decision: RouteResult['decision'];
      deliveries: PlannedDelivery[];
    }
  /** Not open any more, already routed with its offer still running, or gone. */
  | { outcome: 'unchanged' };

/**
 * Routes a new alert by the tenant's rules or, run again when a first-to-claim offer times out,
 * walks the offer's fall-through chain one rung: the assignment or offer rows, the audit line, the
 * offer's timeout job, the planned deliveries and the routing record, in one transaction.
 * Idempotent: an alert that is no longer open, or already routed with its offer still running, is
 * left alone, so a redelivered job changes nothing.
 * @example await routeAlert({ db, queue, clock, reach }, { tenantId, alertId })
 */
export async function routeAlert(
  deps: AlertDeps & { reach: Reach; metrics?: Metrics },
  input: { tenantId: string; alertId: string },
): Promise<RouteAlertOutcome> {
  let firstRouting: { receivedAt: Date | null; at: Date } | undefined;
  const outcome = await deps.db.transaction(async (tx): Promise<RouteAlertOutcome> => {
    const tenant = await getTenant(tx, input.tenantId);
    if (!tenant) return { outcome: 'unchanged' };
    // The alert's own lock first: a redelivered job waits for the first and then finds it routed.
    const alert = await lockAlert(tx, tenant.id, input.alertId);
    if (!alert || alert.status !== 'open') return { outcome: 'unchanged' };
    const record = alert.routing as RoutingRecord | null;
    const now = deps.clock.now();
    const offer = record?.offer;
    if (record && !(offer && new Date(offer.expiresAt) <= now)) return { outcome: 'unchanged' };
    // What no other routing changes is read before the team's lock, so the lock is held only for the
    // decision and its writes.
    const team = await listAgents(tx, tenant.id);
    const candidates = team.map(toRoutingAgent);
    const routingInput = await loadRoutingInput(tx, alert);
    const plan = offer
      ? { stage: 'fallthrough' as const, offer }
      : { stage: 'route' as const, rules: (await loadRoutingRules(tx, tenant.id)).rules };
    // The tenant's routing-state lock: routings of one tenant take turns from here to commit, so the
    // round-robin turn and the open-alert counts are never read stale by a concurrent worker. Only
    // routing takes it, and always after the alert's, so the two locks cannot deadlock.
    const state = await lockRoutingState(tx, tenant.id);
    const { stage } = plan;
    const result: RouteResult =
      plan.stage === 'fallthrough'
        ? fallThrough(routingInput, plan.offer, candidates, state, deps.clock)
        : decideRouting(routingInput, plan.rules, candidates, state, deps.clock);
    await saveRoutingState(tx, tenant.id, result.state, now);
    const deliveries = await applyDecision(tx, deps, { tenant, alert, team, record, result, stage });
    if (!alert.routedAt) firstRouting = { receivedAt: alert.receivedAt, at: now };
    return { outcome: 'routed', stage, decision: result.decision, deliveries };
  });
  // Measured once committed: a rolled-back routing did not happen.
  if (firstRouting) observeAlertStage(deps.metrics, 'routed', { lane: 'fast', ...firstRouting });
  return outcome;
}

async function applyDecision(
  tx: Tx,
  deps: AlertDeps & { reach: Reach },
  ctx: {
    tenant: Tenant;
    alert: AlertRow;
    team: Agent[];
    record: RoutingRecord | null;
    result: RouteResult;
    stage: 'route' | 'fallthrough';
  },
): Promise<PlannedDelivery[]> {
  const { tenant, team, result } = ctx;
  const { decision, explanation } = result;
  const now = deps.clock.now();
  const about = { tenantId: tenant.id, alertId: ctx.alert.id, actorId: ROUTER.id };
  const audit = { tenantId: tenant.id, entity: 'alert', entityId: ctx.alert.id, actor: ROUTER.id };
  let alert = ctx.alert;
  let recipients: Agent[] = [];
  let offer: RoutingRecord['offer'];

  if (decision.kind === 'assign') {
    const reason = `routed by rule "${explanation.ruleName}"`;
    const step = transitionAlert(
      alert,
      { type: 'assign', targetAgentId: decision.agentId, reason },
      ROUTER,
      deps.clock,
    );
    alert = step.alert;
    await recordAssignments(tx, [{ ...about, agentId: decision.agentId, kind: 'route', reason: step.audit.reason }]);
    await recordAudit(tx, {
      ...audit,
      action: 'route',
      reason: step.audit.reason,
      data: { from: step.audit.from, to: step.audit.to, targetAgentId: decision.agentId, rule: explanation.ruleName },
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
    const reason = `offered by rule "${explanation.ruleName}"`;
    await recordAssignments(
      tx,
      decision.agentIds.map((agentId) => ({ ...about, agentId, kind: 'offer', reason, expiresAt: decision.expiresAt })),
    );
    await recordAudit(tx, {
      ...audit,
      action: 'offer',
      reason: `offered to ${decision.agentIds.length} agents until ${offer.expiresAt}`,
      data: { agentIds: decision.agentIds, rule: explanation.ruleName },
    });
    // The timeout is a job, not a timer in memory: it survives restarts and runs on any worker.
    await deps.queue.enqueue(
      'alert.route',
      { tenantId: tenant.id, alertId: alert.id },
      { tx, startAfter: decision.expiresAt, priority: LANE_PRIORITY.fast },
    );
    recipients = team.filter((a) => decision.agentIds.includes(a.id));
  } else {
    await recordAudit(tx, {
      ...audit,
      action: 'unrouted',
      reason: explanation.steps.at(-1) ?? 'nobody available',
      data: { rule: explanation.ruleName },
    });
  }

  const planned = await planAlertDeliveries(tx, deps, {
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
  await saveAlert(
    tx,
    alert.id,
    {
      status: alert.status,
      assigneeId: alert.assigneeId,
      claimedAt: alert.claimedAt,
      routing: routing as unknown as Record<string, unknown>,
      escalateAt: escalationFor(alert, tenant, deps.clock)?.dueAt ?? null,
      // The first routing is the routed stage of speed to chat; a fall-through later does not move it.
      routedAt: alert.routedAt ?? now,
    },
    now,
  );
  return planned;
}
