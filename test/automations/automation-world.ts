import { sql } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { AutomationRule } from '../../core/automations/automation-rule.ts';
import { QUEUE_NAMES } from '../../jobs/catalogue.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createChannelRegistry } from '../../bots/registry.ts';
import type { Channel } from '../../bots/channel.ts';
import { createAgent, createTenant, type Agent, type Tenant } from '../../db/queries/tenants.ts';
import { saveAutomationRule } from '../../db/queries/automations/automation-rules.ts';
import { createApp } from '../../webhooks/app.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { GHL, ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { server } from '../msw/server.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  SENDGRID_API,
  TEAM_NUMBER,
  TWILIO_API,
  twilioSignature,
} from '../sms-email/harness.ts';

export const LOC = 've9EPM428h8vShlRW1KT';
export const PUBLIC_BASE_URL = 'https://porchlight.test';

/** Every queue but the crons: the whole chain a webhook starts, run to the end by `drain`. */
const CHAIN = QUEUE_NAMES.filter(
  (q) =>
    !['listing.sync', 'alert.escalate', 'digest.send', 'ghl.reconcile', 'model.train', 'lead.sweep'].includes(q) &&
    !['report.weekly', 'maintenance', 'automation.tick'].includes(q),
);

export interface AutomationWorld {
  rt: Runtime;
  clock: ReturnType<typeof fixedClock>;
  tenant: Tenant;
  agent: Agent;
  /** Texts Twilio was asked to send, emails SendGrid was asked to send, notes the agent's chat got. */
  sms: Array<{ to: string; body: string }>;
  emails: Array<{ to: string; subject: string; text: string }>;
  notes: string[];
  /** Every GHL API request (method + path + body). */
  ghl: Array<{ method: string; path: string; body: unknown }>;
  postGhl(body: object): Promise<Response>;
  text(from: string, body: string): Promise<Response>;
  /** Runs every queued job of the chain until none is due. */
  drain(): Promise<void>;
  /** Makes the automation steps whose wait is over by the test's clock due now (pg-boss compares with its own). */
  wake(): Promise<number>;
  tick(): Promise<void>;
}

let sid = 0;

/** A GHL ContactCreate webhook for a new contact, as GHL documents it (test/fixtures/ghl/ContactCreate.json). */
export const newContact = (id: string, over: Record<string, unknown> = {}) => ({
  type: 'ContactCreate',
  webhookId: `wh-${id}`,
  locationId: LOC,
  id,
  name: `Lead ${id}`,
  phone: '+15125550142',
  dnd: false,
  tags: [],
  customFields: [],
  ...over,
});

/**
 * A team on a controllable clock with a GHL location (signed webhooks in, API calls out to msw), Twilio and
 * SendGrid on msw, an agent (Maria, GHL user `ghl-user-maria`) whose chat is a stand-in Slack, and the given
 * automation rules saved as version 1.
 */
export async function automationWorld(options: {
  at: string;
  /** Rule JSON as a team writes it (parsed here, as `automations set` would). */
  rules: readonly unknown[];
  settings?: Record<string, unknown>;
}): Promise<AutomationWorld> {
  const clock = fixedClock(options.at);
  const keys = createGhlTestKeys();
  const rt = await createTestRuntime({
    clock,
    env: {
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: TEAM_NUMBER,
      TWILIO_API_URL: TWILIO_API,
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_FROM: 'alerts@hillcountry.test',
      SENDGRID_API_URL: SENDGRID_API,
      GHL_API_URL: GHL,
      GHL_TOKEN: 'pit-secret',
      GHL_LOCATION_ID: LOC,
      GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: keys.rsa.publicKeyPem,
    },
  });
  const { tenant } = await createTenant(rt.db, {
    name: 'Hill Country Homes',
    twilioNumber: TEAM_NUMBER,
    timezone: 'America/Chicago',
    ghlLocations: [LOC],
    settings: { email: { postalAddress: '100 Congress Ave, Austin, TX 78701' }, ...options.settings },
  });
  const sms: AutomationWorld['sms'] = [];
  const emails: AutomationWorld['emails'] = [];
  const notes: string[] = [];
  const ghl: AutomationWorld['ghl'] = [];
  server.use(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      sms.push({ to: form.get('To')!, body: form.get('Body')! });
      const id = `SM${String(++sid).padStart(32, 'e')}`;
      return HttpResponse.json(
        { sid: id, status: 'queued', to: form.get('To'), from: form.get('From'), body: form.get('Body') },
        { status: 201 },
      );
    }),
    http.post(`${SENDGRID_API}/v3/mail/send`, async ({ request }) => {
      const body = (await request.json()) as any;
      const text = body.content?.find((c: { type: string }) => c.type === 'text/plain')?.value ?? '';
      emails.push({ to: body.personalizations[0].to[0].email, subject: body.subject, text });
      return new HttpResponse(null, { status: 202, headers: { 'X-Message-Id': `sg-${emails.length}` } });
    }),
    http.all(`${GHL}/*`, async ({ request }) => {
      const text = await request.text();
      ghl.push({ method: request.method, path: new URL(request.url).pathname, body: text ? JSON.parse(text) : null });
      if (request.method === 'GET') return HttpResponse.json({ notes: [], tasks: [] });
      const contactId = new URL(request.url).pathname.split('/')[2] ?? 'c';
      // One answer that fits every write we make (task, note, tags, contact update), as GHL's docs shape them.
      return HttpResponse.json(
        {
          task: { id: `t${ghl.length}` },
          note: { id: `n${ghl.length}` },
          tags: [],
          contact: { id: contactId },
          opportunity: { id: contactId },
        },
        { status: request.method === 'POST' ? 201 : 200 },
      );
    }),
  );
  const slack: Channel = {
    name: 'slack',
    available: () => true,
    addressOf: (agent) => agent.slackUserId,
    deliverAlert: async () => ({ status: 'sent' }),
    sendText: async (_rt, delivery) => {
      notes.push(delivery.text);
      return { status: 'sent' };
    },
  };
  rt.channels = createChannelRegistry([slack, ...rt.channels.all]);
  const agent = await createAgent(rt.db, {
    tenantId: tenant.id,
    name: 'Maria Gomez',
    email: 'maria@hillcountry.test',
    phone: '+15125550111',
    slackUserId: 'U0MARIA',
    ghlUserId: 'ghl-user-maria',
    role: 'manager',
  });
  await saveRules(rt, tenant.id, options.rules, clock.now());
  const app = createApp(rt);
  const world: AutomationWorld = {
    rt,
    clock,
    tenant,
    agent,
    sms,
    emails,
    notes,
    ghl,
    postGhl: async (body) => {
      const text = JSON.stringify(body);
      return app.request('/webhooks/ghl', { method: 'POST', body: text, headers: ghlSignedHeaders(text, keys) });
    },
    text: async (from, body) => {
      const id = `SM${String(++sid).padStart(32, 'a')}`;
      const params = { AccountSid: ACCOUNT_SID, MessageSid: id, SmsSid: id, From: from, To: TEAM_NUMBER, Body: body };
      return app.request('/webhooks/twilio/sms', {
        method: 'POST',
        body: new URLSearchParams(params).toString(),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio/sms`, params),
        },
      });
    },
    drain: async () => {
      await drainJobs(rt, CHAIN);
    },
    wake: async () => {
      const r = await rt.db.execute(
        sql`update pgboss.job set start_after = now() where name = 'automation.step' and state = 'created'
            and start_after > now() and start_after <= ${clock.now().toISOString()}::timestamptz`,
      );
      return (r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? 0;
    },
    tick: async () => {
      await rt.queue.enqueue('automation.tick', { tenantId: tenant.id });
      await drainJobs(rt, ['automation.tick']);
    },
  };
  return world;
}

export async function saveRules(rt: Runtime, tenantId: string, rules: readonly unknown[], now: Date) {
  await rt.db.transaction(async (tx) => {
    for (const rule of rules)
      await saveAutomationRule(tx, { tenantId, rule: AutomationRule.parse(rule), actor: 'test', now });
  });
}

export { ghlEndpoint };
