import { createHmac } from 'node:crypto';
import { createTenant, createAgent, type Agent, type Tenant } from '../../db/queries/tenants.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import type { AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { deliveries, listings, opportunities, savedSearches, leadActivities } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { slackTriggerId } from '../helpers/chat-ids.ts';

export const SLACK_ENV = {
  SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_API_URL: 'https://slack.test/api/',
};

export interface ChatTeam {
  tenant: Tenant;
  maria: Agent; // manager
  dev: Agent;
  sam: Agent;
  ana: Lead;
  ben: Lead;
}

/** A small team as a user would set it up: a manager, two agents, two leads, a few listings. */
export async function seedChatTeam(rt: Runtime, links: { slack?: boolean; discord?: boolean } = {}): Promise<ChatTeam> {
  const { tenant } = await createTenant(rt.db, {
    name: 'Hill Country Homes',
    slackTeamId: 'T111',
    discordGuildId: 'G111',
    timezone: 'America/Chicago',
  });
  const agent = (name: string, email: string, role: 'agent' | 'manager', slack: string, discord: string) =>
    createAgent(rt.db, {
      tenantId: tenant.id,
      name,
      email,
      role,
      slackUserId: links.slack === false ? null : slack,
      discordUserId: links.discord === false ? null : discord,
    });
  const maria = await agent('Maria Garcia', 'maria@hillcountry.test', 'manager', 'UMARIA', '1001');
  const dev = await agent('Dev Patel', 'dev@hillcountry.test', 'agent', 'UDEV', '1002');
  const sam = await agent('Sam Okafor', 'sam@hillcountry.test', 'agent', 'USAM', '1003');
  const ana = await createLead(rt.db, {
    tenantId: tenant.id,
    name: 'Ana Lopez',
    phone: '+15125550142',
    email: 'ana.lopez@example.com',
    score: 88,
    temperature: 'hot',
    reasons: [
      { factor: 'replied_fast', contribution: 22, text: 'Replied within 5 minutes' },
      { factor: 'pre_approved', contribution: 15, text: 'Pre-approved for $450k' },
    ],
    assigneeId: dev.id,
    budgetMax: 450000,
    source: 'zillow',
  });
  const ben = await createLead(rt.db, {
    tenantId: tenant.id,
    name: 'Ben Kim',
    email: 'ben.kim@example.com',
    score: 41,
    temperature: 'cold',
    reasons: [],
  });
  await rt.db.insert(listings).values([
    listing(tenant.id, 'ATX-100', {
      city: 'Austin',
      postalCode: '78704',
      listPrice: 425000,
      originalListPrice: 465000,
      dealScore: 91,
      street: '1200 Barton Springs Rd',
      reason: '9% under the ZIP median $/sq ft',
    }),
    listing(tenant.id, 'ATX-200', {
      city: 'Austin',
      postalCode: '78745',
      listPrice: 389000,
      dealScore: 77,
      street: '88 Brodie Ln',
      reason: 'Price cut 4% last week',
    }),
    listing(tenant.id, 'RR-300', {
      city: 'Round Rock',
      postalCode: '78664',
      listPrice: 355000,
      dealScore: 84,
      street: '7 Parmer Ln',
      reason: 'Below comparable sales',
    }),
    listing(tenant.id, 'ATX-400', {
      city: 'Austin',
      postalCode: '78704',
      listPrice: 999000,
      dealScore: 99,
      street: '1 Sold Ct',
      reason: 'n/a',
      status: 'Closed',
    }),
  ]);
  await rt.db
    .insert(savedSearches)
    .values({ tenantId: tenant.id, leadId: ana.id, maxPrice: 450000, minBeds: 3, cities: ['Austin'], origin: 'ghl' });
  await rt.db.insert(leadActivities).values({
    tenantId: tenant.id,
    leadId: ana.id,
    kind: 'message',
    channel: 'sms',
    direction: 'inbound',
    body: 'Can we see Barton Springs on Saturday?',
    source: 'ghl',
    externalId: 'm1',
    occurredAt: new Date('2026-03-02T15:00:00Z'),
  });
  await rt.db.insert(opportunities).values([
    { tenantId: tenant.id, ghlOpportunityId: 'o1', leadId: ana.id, stageId: 'New lead', status: 'open' },
    { tenantId: tenant.id, ghlOpportunityId: 'o2', leadId: ben.id, stageId: 'New lead', status: 'open' },
    { tenantId: tenant.id, ghlOpportunityId: 'o3', stageId: 'Showing', status: 'open' },
    { tenantId: tenant.id, ghlOpportunityId: 'o4', stageId: 'Showing', status: 'won' },
  ]);
  return { tenant, maria, dev, sam, ana, ben };
}

function listing(
  tenantId: string,
  key: string,
  o: {
    city: string;
    postalCode: string;
    listPrice: number;
    originalListPrice?: number;
    dealScore: number;
    street: string;
    reason: string;
    status?: string;
  },
) {
  return {
    tenantId,
    listingKey: key,
    standardStatus: o.status ?? 'Active',
    listPrice: o.listPrice,
    originalListPrice: o.originalListPrice ?? o.listPrice,
    bedroomsTotal: 3,
    bathroomsTotalInteger: 2,
    city: o.city,
    postalCode: o.postalCode,
    livingArea: 1850,
    propertyType: 'Residential',
    data: { ListingKey: key, UnparsedAddress: o.street },
    dealScore: o.dealScore,
    dealReasons: [{ factor: 'price', contribution: 30, text: o.reason }],
  };
}

/** An alert as the alert engine leaves it: open, not yet claimed. */
export async function openAlert(
  rt: Runtime,
  team: ChatTeam,
  kind: string,
  extra: { listingKey?: string; lead?: Lead } = {},
): Promise<AlertRow> {
  const lead = extra.lead ?? team.ana;
  const row = await insertAlert(rt.db, {
    tenantId: team.tenant.id,
    kind,
    priority: kind === 'hot_lead' ? 'high' : 'normal',
    leadId: lead.id,
    listingKey: extra.listingKey ?? null,
    dedupeKey: `${kind}:${lead.id}:${extra.listingKey ?? '-'}:${Math.random()}`,
    reason: `${lead.name} ${kind === 'hot_lead' ? 'is hot: replied within 5 minutes' : 'matches a new listing'}`,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return row!;
}

/** A copy already posted somewhere (what alert.deliver leaves behind). */
export async function postedCopy(
  rt: Runtime,
  team: ChatTeam,
  alert: AlertRow,
  channel: 'slack' | 'discord' | 'terminal',
  recipient: string,
  ref: Record<string, unknown>,
) {
  await rt.db.insert(deliveries).values({
    tenantId: team.tenant.id,
    alertId: alert.id,
    idempotencyKey: `${alert.id}:${channel}:${recipient}`,
    channel,
    recipient,
    recipientKind: 'agent',
    status: 'sent',
    ref,
    sentAt: new Date(),
  });
}

/** Signs like Slack does: v0=HMAC(secret, "v0:<ts>:<body>"). */
export function slackHeaders(body: string, at: Date, secret = SLACK_ENV.SLACK_SIGNING_SECRET): Record<string, string> {
  const ts = String(Math.floor(at.getTime() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': signature,
  };
}

/** The form body Slack posts for a button press or select. */
export function blockActionBody(userId: string, action: Record<string, unknown>, responseUrl: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: userId, team_id: 'T111' },
    api_app_id: 'A111',
    team: { id: 'T111', domain: 'hill' },
    container: { type: 'message', message_ts: '111.222', channel_id: 'D111' },
    channel: { id: 'D111' },
    trigger_id: slackTriggerId(),
    response_url: responseUrl,
    actions: [{ block_id: 'b', action_ts: '1596530385.194939', ...action }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function slashCommandBody(userId: string, command: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    team_id: 'T111',
    team_domain: 'hill',
    channel_id: 'C777',
    user_id: userId,
    user_name: 'u',
    command,
    text,
    response_url: responseUrl,
    trigger_id: slackTriggerId(),
    api_app_id: 'A111',
  }).toString();
}
