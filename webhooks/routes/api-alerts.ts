import { AppError } from '../../core/errors/app-error.ts';
import type { AlertAction } from '../../core/alerts/alert-types.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { decodeAlertCursor, encodeAlertCursor, listAlerts } from '../../db/queries/alerts/alert-list.ts';
import { getAlertDetail, type AlertDetail } from '../../db/queries/alerts/alert-detail.ts';
import type { AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { assertTeamAgents } from '../../db/use-cases/agents/assert-team-agents.ts';
import { getAgent } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { ApiKeyPrincipal } from '../../db/queries/settings-api-keys.ts';
import { apiApp } from '../api/api-app.ts';
import { alertRoutes, type AlertActionBody } from '../api/alert-routes.ts';

/** The §7 alert shape. */
const alertSummary = (a: AlertRow) => ({
  id: a.id,
  kind: a.kind,
  priority: a.priority,
  status: a.status,
  leadId: a.leadId,
  listingKey: a.listingKey,
  assigneeId: a.assigneeId,
  reason: a.reason,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

function alertBody(a: AlertRow) {
  return {
    ...alertSummary(a),
    createdAt: a.createdAt.toISOString(),
    claimedAt: iso(a.claimedAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    contactedAt: iso(a.contactedAt),
    closedAt: iso(a.closedAt),
    snoozedUntil: iso(a.snoozedUntil),
    expiresAt: iso(a.expiresAt),
    escalateAt: iso(a.escalateAt),
    escalationLevel: a.escalationLevel,
  };
}

function detailBody(d: AlertDetail) {
  const a = d.alert;
  return {
    ...alertBody(a),
    timings: {
      receivedAt: iso(a.receivedAt),
      appliedAt: iso(a.appliedAt),
      scoredAt: iso(a.scoredAt),
      // Alerts raised before raisedAt existed were raised when they were created.
      raisedAt: iso(a.raisedAt ?? a.createdAt),
      routedAt: iso(a.routedAt),
      deliveredAt: iso(a.deliveredAt),
    },
    routing: d.alert.routing,
    deliveries: d.deliveries.map((x) => ({
      id: x.id,
      channel: x.channel,
      recipientKind: x.recipientKind,
      status: x.status,
      attempts: x.attempts,
      providerMessageId: x.providerMessageId,
      error: x.error,
      sendAfter: iso(x.sendAfter),
      sentAt: iso(x.sentAt),
    })),
    assignments: d.assignments.map((x) => ({
      kind: x.kind,
      agentId: x.agentId,
      actorId: x.actorId,
      reason: x.reason,
      expiresAt: iso(x.expiresAt),
      at: x.createdAt.toISOString(),
    })),
    audit: d.audit.map((x) => ({
      action: x.action,
      actor: x.actor,
      reason: x.reason,
      data: x.data,
      at: x.createdAt.toISOString(),
    })),
  };
}

function toAction(body: AlertActionBody): AlertAction {
  const reason = body.reason ? { reason: body.reason } : {};
  if (body.action === 'assign') return { type: 'assign', targetAgentId: body.targetAgentId!, ...reason };
  if (body.action === 'snooze') return { type: 'snooze', minutes: body.minutes ?? 60, ...reason };
  return { type: body.action, ...reason };
}

/**
 * Who acts: an agent key's own agent (naming anyone else is 403), or with the team key the
 * `agentId` it names, which must be an active agent of this tenant (another tenant's id is 422).
 */
async function actingAgent(runtime: Runtime, principal: ApiKeyPrincipal, agentId: string | undefined) {
  if (principal.kind === 'agent' && agentId && agentId !== principal.agentId)
    throw new AppError('forbidden', 'an agent key acts only as its own agent');
  const id = principal.kind === 'agent' ? principal.agentId : agentId;
  if (!id) throw new AppError('validation_failed', "agentId: names the agent acting (required with the team's key)");
  await assertTeamAgents(runtime.db, principal.tenantId, { agentId: id });
  const actor = await getAgent(runtime.db, principal.tenantId, id);
  if (!actor) throw new AppError('validation_failed', `agentId: no agent ${id} in this team`);
  if (!actor.active) throw new AppError('forbidden', `Agent ${id} is not active`);
  return actor;
}

/** `GET /api/v1/alerts`, `GET /api/v1/alerts/:id`, `POST /api/v1/alerts/:id/actions`, scoped to the key's tenant. */
export function apiAlertRoutes(runtime: Runtime) {
  const app = apiApp();

  app.openapi(alertRoutes.list, async (c) => {
    const q = c.req.valid('query');
    const after = q.cursor ? decodeAlertCursor(q.cursor) : undefined;
    if (q.cursor && !after) throw new AppError('bad_request', 'cursor is not one this API returned');
    const page = await listAlerts(runtime.db, c.get('tenantId'), {
      statuses: q.status,
      kinds: q.kind,
      priorities: q.priority,
      leadId: q.leadId,
      agentId: q.agent,
      after,
      limit: q.limit,
    });
    return c.json({ data: page.rows.map(alertSummary), next: page.next ? encodeAlertCursor(page.next) : null }, 200);
  });

  app.openapi(alertRoutes.detail, async (c) => {
    const detail = await getAlertDetail(runtime.db, c.get('tenantId'), c.req.valid('param').id);
    // Another tenant's alert is indistinguishable from a missing one.
    if (!detail) throw new AppError('not_found', 'No such alert');
    return c.json(detailBody(detail), 200);
  });

  app.openapi(alertRoutes.act, async (c) => {
    const tenantId = c.get('tenantId');
    const body = c.req.valid('json');
    const actor = await actingAgent(runtime, c.get('principal'), body.agentId);
    // Permission before state: a non-manager assigning someone else is 403 even on a claimed alert.
    if (body.action === 'assign' && actor.role === 'agent' && body.targetAgentId !== actor.id)
      throw new AppError('forbidden', 'only a manager can assign an alert to someone else');
    // The row lock inside actOnAlert decides races: of 50 simultaneous claims one wins and
    // the other 49 are refused with already_claimed naming the winner.
    const { db, queue, clock } = runtime;
    const alert = await actOnAlert(
      { db, queue, clock },
      { tenantId, alertId: c.req.valid('param').id, action: toAction(body), actor: { id: actor.id, role: actor.role } },
    );
    return c.json(alertBody(alert), 200);
  });
  return app;
}
