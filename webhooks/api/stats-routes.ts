import { z } from '@hono/zod-openapi';
import { isPostgresDate } from '../../db/queries/alerts/alert-list.ts';
import { apiRoute, json } from './api-route.ts';

const Figures = z.object({
  contacted: z.number().int().openapi({ description: 'Alerts that reached a first human contact' }),
  p50Minutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});

export const statsRoutes = {
  speedToLead: apiRoute({
    method: 'get',
    path: '/api/v1/stats/speed-to-lead',
    tags: ['stats'],
    summary: 'p50/p90 minutes from alert to first human contact, per agent and for the team',
    request: {
      query: z.object({
        since: z
          .string()
          .refine(isPostgresDate, 'must be an ISO date between years 1 and 9999')
          .optional()
          .openapi({ format: 'date-time', description: 'Default: 30 days ago' }),
      }),
    },
    responses: {
      200: {
        description: 'Speed to lead',
        content: json(
          z.object({
            since: z.string().openapi({ format: 'date-time' }),
            team: Figures,
            agents: z.array(Figures.extend({ agentId: z.string(), name: z.string() })),
          }),
        ),
      },
    },
  }),
};
