import { z } from '@hono/zod-openapi';
import { EntityId } from '../../core/ids/entity-id.ts';
import { AlertKind, AlertPriority, AlertStatus } from '../../core/alerts/alert-types.ts';
import { apiRoute, json } from './api-route.ts';
import { BAD_CURSOR, commaList, PageQuery, pageOf } from './page-query.ts';

const when = z.string().nullable().openapi({ format: 'date-time' });

/** The §7 alert shape a list answers. */
export const AlertSummary = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: AlertKind.options.join(' | ') }),
    priority: AlertPriority,
    status: AlertStatus,
    leadId: z.string().nullable(),
    listingKey: z.string().nullable(),
    assigneeId: z.string().nullable(),
    reason: z.string(),
  })
  .openapi('AlertSummary');

/** What an action answers: the summary plus its life-cycle timestamps. */
export const Alert = AlertSummary.extend({
  createdAt: z.string().openapi({ format: 'date-time' }),
  claimedAt: when,
  acknowledgedAt: when,
  contactedAt: when,
  closedAt: when,
  snoozedUntil: when,
  expiresAt: when,
  escalateAt: when,
  escalationLevel: z.number().int(),
}).openapi('Alert');

/** Speed to chat: when each step between the lead writing and the agent's chat happened (null: not that way). */
export const AlertTimings = z
  .object({
    receivedAt: when.openapi({ description: 'The inbound event that caused the alert reached us' }),
    appliedAt: when.openapi({ description: 'It was applied to the lead' }),
    scoredAt: when.openapi({
      description: 'The lead was re-scored (null for an alert raised straight from the event)',
    }),
    raisedAt: when.openapi({ description: 'The alert was raised' }),
    routedAt: when.openapi({ description: 'It was first routed' }),
    deliveredAt: when.openapi({ description: 'Its first copy reached an agent or team channel' }),
  })
  .openapi('AlertTimings');

export const AlertDetail = Alert.extend({
  timings: AlertTimings,
  routing: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'Which rule matched and why' }),
  deliveries: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      recipientKind: z.enum(['agent', 'lead', 'channel']),
      status: z.string(),
      attempts: z.number().int(),
      providerMessageId: z.string().nullable(),
      error: z.string().nullable(),
      sendAfter: when,
      sentAt: when,
    }),
  ),
  assignments: z.array(
    z.object({
      kind: z.string(),
      agentId: z.string().nullable(),
      actorId: z.string().nullable(),
      reason: z.string().nullable(),
      expiresAt: when,
      at: z.string().openapi({ format: 'date-time' }),
    }),
  ),
  audit: z.array(
    z.object({
      action: z.string(),
      actor: z.string(),
      reason: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      at: z.string().openapi({ format: 'date-time' }),
    }),
  ),
}).openapi('AlertDetail');

export const AlertActionBody = z
  .object({
    action: z.enum(['claim', 'acknowledge', 'snooze', 'dismiss', 'assign', 'contact', 'win', 'lose']),
    agentId: EntityId.optional().openapi({
      description: "Who acts: required with the team's key; with an agent's key, that agent (or omitted)",
    }),
    targetAgentId: EntityId.optional().openapi({ description: 'Who gets the alert (assign only)' }),
    minutes: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 60)
      .optional()
      .openapi({ description: 'Snooze length (default 60)' }),
    reason: z.string().max(500).optional(),
  })
  .refine((b) => b.action !== 'assign' || b.targetAgentId, {
    message: 'assign needs targetAgentId',
    path: ['targetAgentId'],
  })
  .openapi('AlertAction');
export type AlertActionBody = z.infer<typeof AlertActionBody>;

const params = z.object({ id: EntityId });

export const alertRoutes = {
  list: apiRoute({
    method: 'get',
    path: '/api/v1/alerts',
    tags: ['alerts'],
    summary: "The team's alerts, newest first",
    request: {
      query: z.object({
        status: commaList(AlertStatus.options),
        kind: commaList(AlertKind.options),
        priority: commaList(AlertPriority.options),
        leadId: EntityId.optional(),
        agent: EntityId.optional().openapi({ description: 'Assigned agent id' }),
        ...PageQuery,
      }),
    },
    responses: { 200: { description: 'A page of alerts', content: json(pageOf(AlertSummary)) } },
    errors: { 400: BAD_CURSOR },
  }),
  detail: apiRoute({
    method: 'get',
    path: '/api/v1/alerts/{id}',
    tags: ['alerts'],
    summary: 'One alert with its routing explanation, deliveries, assignments and audit trail',
    request: { params },
    responses: { 200: { description: 'The alert', content: json(AlertDetail) } },
    errors: { 404: 'No such alert in this team (`not_found`)' },
  }),
  act: apiRoute({
    method: 'post',
    path: '/api/v1/alerts/{id}/actions',
    tags: ['alerts'],
    summary: 'Claim, acknowledge, snooze, dismiss, assign, contact, win or lose an alert',
    request: { params, body: { content: json(AlertActionBody), required: true } },
    responses: { 200: { description: 'The alert after the action', content: json(Alert) } },
    errors: {
      403: 'The acting agent is not an active member of this team, or may not do this (`forbidden`)',
      404: 'No such alert, or no such target agent, in this team (`not_found`)',
      409: 'Lost a claim race (`already_claimed`, naming the holder) or the alert is past this step (`conflict`)',
    },
  }),
};
