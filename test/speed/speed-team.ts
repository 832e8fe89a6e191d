import { createAgent, createTenant, type Agent, type Tenant } from '../../db/queries/tenants.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createGhlTestKeys, ghlSignedHeaders, type GhlTestKeys } from '../helpers/ghl-signing.ts';
import { SLACK_ENV } from '../bots/chat-team.ts';

export const LOCATION = 'loc_speed_to_chat';
export const SHOWING_REQUEST = "Can we see it Saturday? We're pre-approved";

export interface SpeedTeam {
  rt: Runtime;
  keys: GhlTestKeys;
  tenant: Tenant;
  apiKey: string;
  agent: Agent;
  leads: Lead[];
}

/**
 * A team on Slack (one agent, DMs through the fake Slack at SLACK_API_URL) owning one GHL location, with
 * leads that already exist as GHL contacts `contact_0`, `contact_1`, ...
 */
export async function speedTeam(options: { leads?: number } = {}): Promise<SpeedTeam> {
  const keys = createGhlTestKeys();
  const rt = await createTestRuntime({ env: { ...SLACK_ENV, GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64 } });
  const { tenant, apiKey } = await createTenant(rt.db, {
    name: 'Hill Country Homes',
    slackTeamId: 'T111',
    timezone: 'America/Chicago',
    ghlLocations: [LOCATION],
  });
  const agent = await createAgent(rt.db, {
    tenantId: tenant.id,
    name: 'Dev Patel',
    email: 'dev@hillcountry.test',
    role: 'agent',
    slackUserId: 'UDEV',
  });
  const leads: Lead[] = [];
  for (let i = 0; i < (options.leads ?? 1); i++)
    leads.push(
      await createLead(rt.db, {
        tenantId: tenant.id,
        name: `Lead ${i}`,
        phone: `+1512555${String(1000 + i).padStart(4, '0')}`,
        ghlContactId: `contact_${i}`,
      }),
    );
  return { rt, keys, tenant, apiKey, agent, leads };
}

let sequence = 0;

/** A GHL InboundMessage from contact `contactId`, as GHL would deliver it. */
export function inboundMessage(contactId: string, body = SHOWING_REQUEST): Record<string, unknown> {
  const n = ++sequence;
  const now = new Date().toISOString();
  return {
    type: 'InboundMessage',
    locationId: LOCATION,
    webhookId: `wh-msg-${n}`,
    timestamp: now,
    contactId,
    conversationId: `conv_${contactId}`,
    messageId: `msg_${n}`,
    messageType: 'SMS',
    direction: 'inbound',
    contentType: 'text/plain',
    body,
    dateAdded: now,
  };
}

/** A GHL ContactUpdate for a contact we may not know yet: bulk work (it creates or updates a lead). */
export function contactUpdate(i: number): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type: 'ContactUpdate',
    locationId: LOCATION,
    webhookId: `wh-contact-${++sequence}`,
    timestamp: now,
    id: `bulk_contact_${i}`,
    firstName: 'Bulk',
    lastName: String(i),
    email: `bulk${i}@example.com`,
    tags: ['import'],
    dateAdded: '2026-01-01T00:00:00.000Z',
    dateUpdated: now,
  };
}

/** Posts one signed GHL webhook through the app, as GHL does. */
export async function postGhl(
  team: SpeedTeam,
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  event: object,
) {
  const body = JSON.stringify(event);
  return app.request('/webhooks/ghl', { method: 'POST', body, headers: ghlSignedHeaders(body, team.keys) });
}
