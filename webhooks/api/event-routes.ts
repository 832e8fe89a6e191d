import { z } from '@hono/zod-openapi';
import { ApiCrmEvent } from '../../core/ghl/api-crm-event.ts';
import { apiRoute, json } from './api-route.ts';

export const CrmEvent = ApiCrmEvent.clone().openapi('CrmEvent', { description: 'docs/crm-events.md' });

const Stored = (status: 'accepted' | 'duplicate') =>
  z.object({ status: z.literal(status), id: z.string().openapi({ description: 'The stored inbound event' }) });

export const eventRoutes = {
  ingest: apiRoute({
    method: 'post',
    path: '/api/v1/events',
    tags: ['events'],
    summary: 'A generic CRM event, for CRMs other than GHL',
    request: { body: { content: json(CrmEvent), required: true } },
    responses: {
      202: { description: 'Stored and queued', content: json(Stored('accepted')) },
      200: {
        description: 'This team already sent an event with this id; nothing changed',
        content: json(Stored('duplicate')),
      },
    },
  }),
};
