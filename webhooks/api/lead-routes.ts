import { z } from '@hono/zod-openapi';
import { EntityId, NO_CONTROL_CHARACTERS } from '../../core/ids/entity-id.ts';
import { LeadFactKind } from '../../core/intent/lead-fact.ts';
import { apiRoute, json } from './api-route.ts';
import { BAD_CURSOR, commaList, PageQuery, pageOf } from './page-query.ts';
import { savedSearchFields } from './saved-search-routes.ts';

export const Reason = z
  .object({ factor: z.string(), contribution: z.number(), text: z.string() })
  .openapi('Reason', { description: 'One factor behind a score and how much it added or took away' });

/** One fact (design §8): `value` is shaped by `kind`, e.g. `{"approved":true,"amount":450000}` for pre_approved. */
export const LeadFactBody = z
  .object({
    kind: z.enum(LeadFactKind.options),
    value: z.unknown().openapi({ description: 'true, a number, a list of areas, or an object, by kind' }),
    source: z.string().openapi({ description: 'The message id it was read from, or `crm:<field>`' }),
    at: z.string().openapi({ format: 'date-time', description: 'When it was said' }),
  })
  .openapi('LeadFact');

/** The §7 lead shape every lead answer shares. */
export const Lead = z
  .object({
    id: z.string(),
    ghlContactId: z.string().nullable(),
    name: z.string(),
    phone: z.string().nullable().openapi({ description: 'E.164' }),
    email: z.string().nullable(),
    score: z.number().int().nullable().openapi({ description: '0–100; null until first scored' }),
    temperature: z.enum(['hot', 'warm', 'cold']).nullable(),
    reasons: z.array(Reason),
  })
  .openapi('Lead');

export const LeadDetail = Lead.extend({
  savedSearches: z.array(
    savedSearchFields.pick({
      id: true,
      leadId: true,
      minPrice: true,
      maxPrice: true,
      minBeds: true,
      minBaths: true,
      cities: true,
      postalCodes: true,
      near: true,
      propertyTypes: true,
      keywords: true,
      frequency: true,
    }),
  ),
  assignee: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  activities: z.array(
    z.object({
      kind: z.string(),
      direction: z.enum(['inbound', 'outbound']).nullable(),
      channel: z.string().nullable(),
      body: z.string().nullable(),
      listingKey: z.string().nullable(),
      occurredAt: z.string().openapi({ format: 'date-time' }),
    }),
  ),
  facts: z
    .array(LeadFactBody)
    .openapi({ description: 'What the lead said (or the CRM says) about herself: the current statement per kind' }),
  automations: z
    .array(
      z
        .object({
          ruleId: z.string(),
          name: z.string(),
          step: z.number().int().openapi({ description: '1-based: the step it is on (its last once ended)' }),
          of: z.number().int().openapi({ description: 'Steps in the rule, waits included' }),
          next: z.string().nullable().openapi({ format: 'date-time', description: 'When the next step runs' }),
          status: z.enum(['active', 'completed', 'exited', 'cancelled', 'failed']),
          reason: z.string().nullable().openapi({ description: 'Why it ended (`the lead replied`, `rule disabled`)' }),
        })
        .openapi('LeadAutomationRun'),
    )
    .openapi({ description: 'Her automation runs, active first, then newest' }),
  brief: z
    .object({ text: z.string(), source: z.enum(['ai', 'fallback']) })
    .optional()
    .openapi({ description: 'Only with `?brief=1`' }),
}).openapi('LeadDetail');

export const leadRoutes = {
  list: apiRoute({
    method: 'get',
    path: '/api/v1/leads',
    tags: ['leads'],
    summary: "The team's leads, best score first",
    request: {
      query: z.object({
        q: z
          .string()
          .max(200)
          .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters')
          .optional()
          .openapi({ description: 'Part of a name, email, phone or GHL contact id' }),
        temperature: commaList(['hot', 'warm', 'cold']),
        agent: EntityId.optional().openapi({ description: 'Assigned agent id' }),
        ...PageQuery,
      }),
    },
    responses: { 200: { description: 'A page of leads', content: json(pageOf(Lead)) } },
    errors: { 400: BAD_CURSOR },
  }),
  detail: apiRoute({
    method: 'get',
    path: '/api/v1/leads/{id}',
    tags: ['leads'],
    summary: 'One lead with its saved searches, assignee and recent activity',
    request: {
      params: z.object({ id: EntityId }),
      query: z.object({
        brief: z.string().optional().openapi({ description: '`1` adds a one-paragraph brief for the agent' }),
      }),
    },
    responses: { 200: { description: 'The lead', content: json(LeadDetail) } },
    errors: { 404: 'No such lead in this team (`not_found`)' },
  }),
};
