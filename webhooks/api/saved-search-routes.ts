import { z } from '@hono/zod-openapi';
import { EntityId } from '../../core/ids/entity-id.ts';
import { SavedSearchCriteria, SearchFrequency } from '../../core/search/saved-search.ts';
import { apiRoute, json } from './api-route.ts';

/** A stored search (§7): the request body plus id, origin, active and timestamps. */
export const savedSearchFields = z.object({
  id: z.string(),
  leadId: z.string(),
  name: z.string().nullable(),
  minPrice: z.number().nullable(),
  maxPrice: z.number().nullable(),
  minBeds: z.number().int().nullable(),
  minBaths: z.number().int().nullable(),
  minLivingArea: z.number().nullable(),
  cities: z.array(z.string()),
  postalCodes: z.array(z.string()),
  near: z.object({ lat: z.number(), lon: z.number(), miles: z.number() }).nullable(),
  propertyTypes: z.array(z.string()),
  propertySubTypes: z.array(z.string()),
  keywords: z.array(z.string()),
  frequency: SearchFrequency,
  origin: z.string().openapi({ description: 'ghl | api | chat | sms | ai' }),
  active: z.boolean(),
  createdAt: z.string().openapi({ format: 'date-time' }),
  updatedAt: z.string().openapi({ format: 'date-time' }),
});
export const SavedSearch = savedSearchFields.openapi('SavedSearch');

const name = z.string().max(200).optional();

/** `POST` body: the criteria plus whose search it is. Every field but `leadId` is optional. */
export const NewSavedSearch = SavedSearchCriteria.safeExtend({
  leadId: EntityId,
  name,
}).openapi('NewSavedSearch');

/** `PATCH` body: replaces the criteria; a `leadId` is accepted and ignored (a search never moves). */
export const SavedSearchUpdate = SavedSearchCriteria.safeExtend({ leadId: z.string().optional(), name }).openapi(
  'SavedSearchUpdate',
);

const params = z.object({ id: EntityId });
const notFound = 'No such saved search in this team (`not_found`)';

export const savedSearchRoutes = {
  create: apiRoute({
    method: 'post',
    path: '/api/v1/saved-searches',
    tags: ['saved searches'],
    summary: 'Save a search for a lead and match it against current listings',
    request: { body: { content: json(NewSavedSearch), required: true } },
    responses: { 201: { description: 'The stored search', content: json(SavedSearch) } },
  }),
  update: apiRoute({
    method: 'patch',
    path: '/api/v1/saved-searches/{id}',
    tags: ['saved searches'],
    summary: "Replace a search's criteria and rematch",
    request: { params, body: { content: json(SavedSearchUpdate), required: true } },
    responses: { 200: { description: 'The stored search', content: json(SavedSearch) } },
    errors: { 404: notFound },
  }),
  deactivate: apiRoute({
    method: 'delete',
    path: '/api/v1/saved-searches/{id}',
    tags: ['saved searches'],
    summary: 'Deactivate a search',
    request: { params },
    responses: { 200: { description: 'The deactivated search', content: json(SavedSearch) } },
    errors: { 404: notFound },
  }),
  list: apiRoute({
    method: 'get',
    path: '/api/v1/saved-searches',
    tags: ['saved searches'],
    summary: "The team's saved searches",
    request: {
      query: z.object({
        leadId: EntityId.optional().openapi({ description: "Only this lead's searches" }),
        active: z.string().optional().openapi({ description: '`false` includes inactive searches' }),
      }),
    },
    responses: {
      200: {
        description: 'Every matching search (one page)',
        content: json(z.object({ data: z.array(SavedSearch), next: z.null() })),
      },
    },
  }),
};
