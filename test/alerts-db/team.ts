import { eq } from 'drizzle-orm';
import { alerts } from '../../db/schema/index.ts';
import { createAgent, createTenant, type Agent, type NewAgent, type Tenant } from '../../db/queries/tenants.ts';
import { createLead, type NewLead } from '../../db/queries/leads.ts';
import type { AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { insertAlert, type InsertAlertInput } from '../../db/queries/alerts/insert-alert.ts';
import { createChannelRegistry } from '../../bots/registry.ts';
import type { Channel, DeliveryResult } from '../../bots/channel.ts';
import type { ChatMessage } from '../../bots/message/chat-message.ts';
import type { AlertView } from '../../bots/message/alert-message.ts';
import type { JobContext } from '../../jobs/handler.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';

export const WEEKDAYS_9_TO_6: WorkingHours = {
  mon: ['09:00', '18:00'],
  tue: ['09:00', '18:00'],
  wed: ['09:00', '18:00'],
  thu: ['09:00', '18:00'],
  fri: ['09:00', '18:00'],
};

/** A Slack stand-in that records what each agent would see; registered on `rt` ahead of the real channels. */
export function recordingChannel(
  rt: Runtime,
  options: { name?: 'slack' | 'sms'; fail?: (recipient: string) => DeliveryResult | null } = {},
) {
  const sent: Array<{ recipient: string; key: string; view?: AlertView; message?: ChatMessage }> = [];
  const updates: Array<{ ref: Record<string, unknown>; view: AlertView }> = [];
  const channel: Channel = {
    name: options.name ?? 'slack',
    available: () => true,
    addressOf: (agent) => (options.name === 'sms' ? agent.phone : agent.slackUserId),
    async deliverAlert(_rt, d) {
      const failure = options.fail?.(d.recipient);
      if (failure) return failure;
      sent.push({ recipient: d.recipient, key: d.idempotencyKey, view: d.view });
      return {
        status: 'sent',
        providerMessageId: `m${sent.length}`,
        ref: { channel: d.recipient, ts: String(sent.length) },
      };
    },
    async sendMessage(_rt, d) {
      sent.push({ recipient: d.recipient, key: d.idempotencyKey, message: d.message });
      return { status: 'sent', providerMessageId: `m${sent.length}` };
    },
    async updateAlert(_rt, _tenant, ref, view) {
      updates.push({ ref, view });
    },
  };
  // Ahead of every channel registered so far, so a second stand-in (SMS next to Slack) keeps the first.
  rt.channels = createChannelRegistry([channel, ...rt.channels.all]);
  return { channel, sent, updates };
}

export interface Team {
  tenant: Tenant;
  apiKey: string;
  agents: Record<string, Agent>;
}

/** A tenant and its agents; each agent named `x` gets Slack id `U_X` and email x@team.test. */
export async function createTeam(
  rt: Runtime,
  agents: Record<string, Partial<NewAgent>>,
  tenant: { timezone?: string; settings?: Record<string, unknown> } = {},
): Promise<Team> {
  const { tenant: row, apiKey } = await createTenant(rt.db, {
    name: 'Test Realty',
    timezone: tenant.timezone ?? 'America/Chicago',
    settings: tenant.settings,
  });
  const made: Record<string, Agent> = {};
  for (const [name, over] of Object.entries(agents)) {
    made[name] = await createAgent(rt.db, {
      tenantId: row.id,
      name,
      email: `${name}@team.test`,
      slackUserId: `U_${name.toUpperCase()}`,
      ...over,
    });
  }
  return { tenant: row, apiKey, agents: made };
}

/** An alert as raiseAlert would insert it, stamped with the test clock's time. */
export async function createAlert(
  rt: Runtime,
  team: Team,
  over: Partial<InsertAlertInput> & { lead?: Partial<NewLead> } = {},
): Promise<AlertRow> {
  const { lead: leadOver, ...alertOver } = over;
  const lead = await createLead(rt.db, {
    tenantId: team.tenant.id,
    name: 'Ana Buyer',
    phone: '+15125550100',
    score: 85,
    temperature: 'hot',
    ...leadOver,
  });
  const now = rt.clock.now();
  const row = await insertAlert(rt.db, {
    tenantId: team.tenant.id,
    kind: 'hot_lead',
    priority: 'high',
    leadId: lead.id,
    listingKey: null,
    dedupeKey: `hot_lead:${lead.id}`,
    reason: 'Score jumped to 85',
    expiresAt: new Date(now.getTime() + 86_400_000),
    ...alertOver,
  });
  // insertAlert stamps the database's clock; the tests run on an injected one.
  const [stamped] = await rt.db.update(alerts).set({ createdAt: now }).where(eq(alerts.id, row!.id)).returning();
  return stamped;
}

/** Runs a queue's real handler once, as a worker would. */
export async function runJob(
  rt: Runtime,
  queue: 'alert.route' | 'alert.deliver' | 'alert.refresh' | 'alert.escalate' | 'digest.send',
  data: Record<string, unknown>,
): Promise<void> {
  const loaders = {
    'alert.route': () => import('../../jobs/handlers/alert-route.ts'),
    'alert.deliver': () => import('../../jobs/handlers/alert-deliver.ts'),
    'alert.refresh': () => import('../../jobs/handlers/alert-refresh.ts'),
    'alert.escalate': () => import('../../jobs/handlers/alert-escalate.ts'),
    'digest.send': () => import('../../jobs/handlers/digest-send.ts'),
  };
  const handler = (await loaders[queue]()).default as (d: never, ctx: JobContext) => Promise<void>;
  await handler(data as never, {
    runtime: rt,
    job: { id: 'test', retryCount: 0, signal: new AbortController().signal },
  });
}

/** Runs every queued `alert.deliver` job that is due, the way the worker would. */
export async function deliverDue(rt: Runtime, tenantId: string, deliveryIds: string[]): Promise<void> {
  for (const deliveryId of deliveryIds) await runJob(rt, 'alert.deliver', { tenantId, deliveryId });
}
