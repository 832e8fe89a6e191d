import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import { AlertKind, AlertPriority, AlertStatus, type AlertAction } from '../../core/alerts/alert-types.ts';
import { applyAlertAction } from '../../db/queries/alert-actions.ts';
import {
  decodeAlertCursor,
  encodeAlertCursor,
  getAlertDetail,
  listAlerts,
  type AlertDetail,
} from '../../db/queries/alert-list.ts';
import type { AlertRow } from '../../db/queries/alerts.ts';
import { getAgent } from '../../db/queries/tenants.ts';
import { afterAlertAction } from '../../db/queries/alert-follow-up.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

const csv = (allowed: readonly string[], field: string) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .refine(
      (list) => !list || list.every((v) => allowed.includes(v)),
      `${field} must be one of ${allowed.join(', ')} (comma-separated for several)`,
    );

const ListQuery = z.object({
  status: csv(AlertStatus.options, 'status'),
  kind: csv(AlertKind.options, 'kind'),
  priority: csv(AlertPriority.options, 'priority'),
  leadId: z.string().min(1).optional(),
  agent: z.string().min(1).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const ActionBody = z
  .object({
    action: z.enum(['claim', 'acknowledge', 'snooze', 'dismiss', 'assign', 'contact', 'win', 'lose']),
    agentId: z.string().min(1, 'agentId names the agent acting'),
    targetAgentId: z.string().min(1).optional(),
    minutes: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 60)
      .optional(),
    reason: z.string().max(500).optional(),
  })
  .refine((b) => b.action !== 'assign' || b.targetAgentId, {
    message: 'assign needs targetAgentId',
    path: ['targetAgentId'],
  });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'bad_request',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

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
    createdAt: iso(a.createdAt),
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
  return {
    ...alertBody(d.alert),
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
      at: iso(x.createdAt),
    })),
    audit: d.audit.map((x) => ({
      action: x.action,
      actor: x.actor,
      reason: x.reason,
      data: x.data,
      at: iso(x.createdAt),
    })),
  };
}

function toAction(body: z.infer<typeof ActionBody>): AlertAction {
  const reason = body.reason ? { reason: body.reason } : {};
  if (body.action === 'assign') return { type: 'assign', targetAgentId: body.targetAgentId!, ...reason };
  if (body.action === 'snooze') return { type: 'snooze', minutes: body.minutes ?? 60, ...reason };
  return { type: body.action, ...reason };
}

/** `GET /api/v1/alerts`, `GET /api/v1/alerts/:id`, `POST /api/v1/alerts/:id/actions`, scoped to the key's tenant. */
export function apiAlertRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/alerts', tenantApiKey());
  app.use('/api/v1/alerts/*', tenantApiKey());

  app.get('/api/v1/alerts', async (c) => {
    const q = parse(ListQuery, c.req.query());
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
    return c.json({ data: page.rows.map(alertSummary), next: page.next ? encodeAlertCursor(page.next) : null });
  });

  app.get('/api/v1/alerts/:id', async (c) => {
    const detail = await getAlertDetail(runtime.db, c.get('tenantId'), c.req.param('id'));
    // Another tenant's alert is indistinguishable from a missing one.
    if (!detail) throw new AppError('not_found', 'No such alert');
    return c.json(detailBody(detail));
  });

  app.post('/api/v1/alerts/:id/actions', async (c) => {
    const tenantId = c.get('tenantId');
    const body = parse(
      ActionBody,
      await c.req.json().catch(() => {
        throw new AppError('invalid_json', 'Body is not valid JSON');
      }),
    );
    const actor = await getAgent(runtime.db, tenantId, body.agentId);
    if (!actor || !actor.active) throw new AppError('forbidden', `No active agent ${body.agentId} in this team`);
    // The row lock inside applyAlertAction decides races: of 50 simultaneous claims one wins and
    // the other 49 are refused with already_claimed naming the winner.
    const alert = await applyAlertAction(runtime.db, {
      tenantId,
      alertId: c.req.param('id'),
      action: toAction(body),
      actor: { id: actor.id, role: actor.role },
      clock: runtime.clock,
      after: afterAlertAction(runtime.queue, runtime.clock),
    });
    return c.json(alertBody(alert));
  });
  return app;
}
