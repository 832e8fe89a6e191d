import { z } from '@hono/zod-openapi';
import { EntityId } from '../../core/ids/entity-id.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { AgentSettingsChange } from '../../core/settings/agent-settings.ts';
import { getAgent, type Agent } from '../../db/queries/tenants.ts';
import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { ApiKeyPrincipal } from '../../db/queries/settings-api-keys.ts';
import { apiApp } from '../api/api-app.ts';
import { apiRoute, json } from '../api/api-route.ts';
import { settingsActorOf } from '../middleware/tenant-api-key.ts';

const hours = z.record(z.string(), z.tuple([z.string(), z.string()])).nullable();

const AgentBody = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['agent', 'manager', 'admin']),
    active: z.boolean(),
    timezone: z.string(),
    workingHours: hours,
    paused: z.boolean(),
    vacationUntil: z.string().nullable().openapi({ format: 'date-time' }),
    skills: z.array(z.string()),
    languages: z.array(z.string()),
    channels: z.array(z.string()),
    maxOpenAlerts: z.number().int().nullable(),
  })
  .openapi('AgentSettings');

// Core schemas are built before zod is extended for OpenAPI, so `clone()` makes one with `.openapi`.
const AgentPatch = AgentSettingsChange.clone().openapi('AgentSettingsPatch', {
  example: { workingHours: { mon: ['09:00', '18:00'] }, vacationUntil: '2026-07-15T08:00:00Z', channels: ['slack'] },
});

const params = z.object({ id: EntityId });

const routes = {
  get: apiRoute({
    method: 'get',
    path: '/api/v1/agents/{id}',
    tags: ['agents'],
    summary: "An agent's availability and preferences (managers, admins, or the agent's own key)",
    request: { params },
    responses: { 200: { description: 'The agent', content: json(AgentBody) } },
    errors: { 403: true, 404: true },
  }),
  patch: apiRoute({
    method: 'patch',
    path: '/api/v1/agents/{id}',
    tags: ['agents'],
    summary: 'Change hours, zone, vacation, pause, skills, languages, channels or cap (audited)',
    request: { params, body: { content: json(AgentPatch), required: true } },
    responses: { 200: { description: 'The agent after the change', content: json(AgentBody) } },
    errors: { 403: true, 404: true },
  }),
};

const agentBody = (a: Agent) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  role: a.role,
  active: a.active,
  timezone: a.timezone,
  workingHours: a.workingHours ?? null,
  paused: a.paused,
  vacationUntil: a.vacationUntil?.toISOString() ?? null,
  skills: a.skills,
  languages: a.languages,
  channels: a.channels,
  maxOpenAlerts: a.maxOpenAlerts,
});

function mayRead(principal: ApiKeyPrincipal, agentId: string) {
  if (principal.kind === 'agent' && principal.role === 'agent' && principal.agentId !== agentId)
    throw new AppError('forbidden', "only a manager or admin can see another agent's settings");
}

/** `GET|PATCH /api/v1/agents/:id`; another tenant's agent is 404, as if it did not exist. */
export function apiAgentRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(routes.get, async (c) => {
    const id = c.req.valid('param').id;
    mayRead(c.get('principal'), id);
    const agent = await getAgent(runtime.db, c.get('tenantId'), id);
    if (!agent) throw new AppError('not_found', `No agent ${id} in this team`);
    return c.json(agentBody(agent), 200);
  });
  app.openapi(routes.patch, async (c) => {
    const patch = c.req.valid('json');
    const agent = await updateAgent(runtime, {
      tenantId: c.get('tenantId'),
      agentId: c.req.valid('param').id,
      actor: settingsActorOf(c.get('principal')),
      change: patch,
    });
    return c.json(agentBody(agent), 200);
  });
  return app;
}
