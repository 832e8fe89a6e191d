import { readFileSync } from 'node:fs';
import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { http, HttpResponse, passthrough } from 'msw';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTenant } from '../../db/queries/tenants.ts';
import { getInboundEvent } from '../../db/queries/inbound-events.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { createGhlTestKeys, signGhlEd25519, signGhlRsa } from '../helpers/ghl-signing.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startWranglerDev, workerBundleInputs, workerdProblem } from '../helpers/wrangler-dev.ts';
import { server } from '../msw/server.ts';
import { slackTriggerId } from '../helpers/chat-ids.ts';

const PUBLIC_BASE_URL = 'https://porchlight.test';
const LOCATION = 've9EPM428h8vShlRW1KT';
const TEAM_NUMBER = '+15125550100';
const TWILIO_AUTH_TOKEN = 'twilio-auth-token-for-edge-tests';
const SLACK_SIGNING_SECRET = 'slack-signing-secret-for-edge-tests';
const RESPONSE_URL = 'https://hooks.slack.test/commands/T111/edge';
const contactCreate = JSON.parse(
  readFileSync(new URL('../fixtures/ghl/ContactCreate.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const keys = createGhlTestKeys();
const der = (key: typeof keys.rsa.publicKey) => key.export({ type: 'spki', format: 'der' }).toString('base64');
const TWILIO_API = 'https://twilio.test';
const discordKeys = generateKeyPairSync('ed25519');
const DISCORD_PUBLIC_KEY = discordKeys.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
const ENV = {
  PUBLIC_BASE_URL,
  GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
  GHL_WEBHOOK_LEGACY_PUBLIC_KEY: der(keys.rsa.publicKey),
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN,
  TWILIO_FROM_NUMBER: TEAM_NUMBER,
  TWILIO_API_URL: TWILIO_API,
  SLACK_SIGNING_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-edge-test',
  SLACK_API_URL: 'https://slack.test/api/',
  DISCORD_PUBLIC_KEY,
};

/** A GHL ContactCreate for `contact`, sent `sentAt`, exactly as GHL would deliver it. */
function ghlEvent(contact: { id: string; name: string; phone: string }, sentAt = new Date()) {
  const [firstName, lastName] = contact.name.split(' ');
  return JSON.stringify({
    ...contactCreate,
    ...contact,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}@example.com`,
    webhookId: randomUUID(),
    timestamp: sentAt.toISOString(),
  });
}

const ghlHeaders = (body: string, scheme: 'ed25519' | 'rsa') => ({
  'content-type': 'application/json',
  'user-agent': 'GHL-Webhooks/1.0',
  ...(scheme === 'ed25519'
    ? { 'x-ghl-signature': signGhlEd25519(body, keys.ed25519.privateKey) }
    : { 'x-wh-signature': signGhlRsa(body, keys.rsa.privateKey) }),
});

function twilioSms(from: string, text: string) {
  const params = { MessageSid: `SM${randomUUID().replace(/-/g, '')}`, From: from, To: TEAM_NUMBER, Body: text };
  const signed = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key as keyof typeof params], `${PUBLIC_BASE_URL}/webhooks/twilio/sms`);
  const signature = createHmac('sha1', TWILIO_AUTH_TOKEN).update(signed).digest('base64');
  return {
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}

function slashCommand(text: string) {
  const body = new URLSearchParams({
    team_id: 'T111',
    channel_id: 'C777',
    user_id: 'UEDGE',
    command: '/porchlight',
    text,
    response_url: RESPONSE_URL,
    trigger_id: slackTriggerId(),
    api_app_id: 'A111',
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
  };
}

/** A Discord interaction, signed over timestamp + body as Discord signs it. */
function discordInteraction(interaction: object) {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), discordKeys.privateKey).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
  };
}

interface Answer {
  status: number;
  type: string | null;
  body: unknown;
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  const type = res.headers.get('content-type');
  return { status: res.status, type, body: type?.includes('json') ? JSON.parse(text) : text };
}

/** An accepted event's id is its own row's; everything else in the answer must be the same on both runtimes. */
const withoutId = (answer: Answer) => {
  const body = answer.body as { id?: string };
  expect(typeof body.id === 'string' ? body.id : '').toMatch(/^[0-9a-f-]{36}$/);
  return { ...answer, body: { ...body, id: '<id>' } };
};

// Once per suite: in the PostgreSQL pass, where CI has the server running (the Worker reaches PostgreSQL
// through Hyperdrive's local mode and cannot use PGlite). The PGlite pass says so and skips.
if (!process.env.DATABASE_URL)
  console.warn('edge worker test skipped on this pass: it runs in the PostgreSQL pass (set DATABASE_URL)');
describe.runIf(process.env.DATABASE_URL)('edge ingress on Cloudflare Workers (wrangler dev, workerd)', () => {
  it('answers signed webhooks as the Node app does; `porchlight work` turns them into leads', async (ctx) => {
    const problem = workerdProblem();
    if (problem) {
      console.warn(`edge worker test skipped: ${problem}`);
      ctx.skip();
    }
    const rt = await createTestRuntime({ env: ENV });
    const { tenant, apiKey } = await createTenant(rt.db, {
      name: 'Hill Country Homes',
      ghlLocations: [LOCATION],
      twilioNumber: TEAM_NUMBER,
      slackTeamId: 'T111',
    });
    // The Worker on loopback is the one real server these requests may reach.
    server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
    const edge = await startWranglerDev({ databaseUrl: rt.database.connectionString!, vars: ENV });
    onTestFinished(() => edge.stop());
    const slackAnswers: string[] = [];
    server.use(
      http.post(RESPONSE_URL, async ({ request }) => {
        slackAnswers.push(((await request.json()) as { text: string }).text);
        return HttpResponse.text('ok');
      }),
      // A reply the assistant may text back to a lead.
      http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, () =>
        HttpResponse.json({ sid: `SM${'f'.repeat(32)}`, status: 'queued' }, { status: 201 }),
      ),
    );
    const node = createApp(rt);
    const toEdge = async (path: string, init: RequestInit) => answerOf(await fetch(`${edge.url}${path}`, init));
    const toNode = async (path: string, init: RequestInit) => answerOf(await node.request(path, init));
    const post = (body: string, headers: Record<string, string>) => ({ method: 'POST', body, headers });

    // GHL, Ed25519 and legacy RSA: accepted on both.
    const ana = { id: 'edge-ana', name: 'Ana Lopez', phone: '+15125550142' };
    const ben = { id: 'edge-ben', name: 'Ben Kim', phone: '+15125550143' };
    const cara = { id: 'node-cara', name: 'Cara Diaz', phone: '+15125550144' };
    const dan = { id: 'node-dan', name: 'Dan Wu', phone: '+15125550145' };
    const anaEvent = ghlEvent(ana);
    const edgeEd = await toEdge('/webhooks/ghl', post(anaEvent, ghlHeaders(anaEvent, 'ed25519')));
    const caraEvent = ghlEvent(cara);
    const nodeEd = await toNode('/webhooks/ghl', post(caraEvent, ghlHeaders(caraEvent, 'ed25519')));
    expect(edgeEd.body).toMatchObject({ status: 'accepted' });
    expect(withoutId(edgeEd)).toEqual(withoutId(nodeEd));
    const benEvent = ghlEvent(ben);
    const edgeRsa = await toEdge('/webhooks/ghl', post(benEvent, ghlHeaders(benEvent, 'rsa')));
    const danEvent = ghlEvent(dan);
    const nodeRsa = await toNode('/webhooks/ghl', post(danEvent, ghlHeaders(danEvent, 'rsa')));
    expect(edgeRsa.body).toMatchObject({ status: 'accepted' });
    expect(withoutId(edgeRsa)).toEqual(withoutId(nodeRsa));

    // Tampered after signing: 401 naming the problem, identical.
    const tampered = post(anaEvent.replace('Ana', 'Eve'), ghlHeaders(anaEvent, 'ed25519'));
    const edgeTampered = await toEdge('/webhooks/ghl', tampered);
    expect(edgeTampered.status).toBe(401);
    expect(edgeTampered).toEqual(await toNode('/webhooks/ghl', tampered));

    // A redelivery: "duplicate" with the first delivery's id, whichever runtime sees it.
    const again = post(anaEvent, ghlHeaders(anaEvent, 'ed25519'));
    const edgeDuplicate = await toEdge('/webhooks/ghl', again);
    expect(edgeDuplicate).toEqual({ ...edgeEd, body: { status: 'duplicate', id: (edgeEd.body as { id: string }).id } });
    expect(edgeDuplicate).toEqual(await toNode('/webhooks/ghl', again));

    // Sent four days ago: stored as ignored, with the same reason.
    const old = new Date(Date.now() - 96 * 3600_000);
    const staleEdge = ghlEvent({ id: 'edge-old', name: 'Old Edge', phone: '+15125550146' }, old);
    const staleNode = ghlEvent({ id: 'node-old', name: 'Old Node', phone: '+15125550147' }, old);
    const edgeStale = await toEdge('/webhooks/ghl', post(staleEdge, ghlHeaders(staleEdge, 'ed25519')));
    expect(edgeStale.body).toMatchObject({ status: 'ignored' });
    expect(withoutId(edgeStale)).toEqual(
      withoutId(await toNode('/webhooks/ghl', post(staleNode, ghlHeaders(staleNode, 'ed25519')))),
    );

    // From a location no team owns: kept as quarantined with the reason, answered 200 on both.
    const strangerEdge = JSON.stringify({ ...JSON.parse(ghlEvent(ana)), locationId: 'loc-nobody-owns' });
    const strangerNode = JSON.stringify({ ...JSON.parse(ghlEvent(cara)), locationId: 'loc-nobody-owns' });
    const edgeStranger = await toEdge('/webhooks/ghl', post(strangerEdge, ghlHeaders(strangerEdge, 'ed25519')));
    expect(edgeStranger.body).toMatchObject({ status: 'quarantined' });
    expect(withoutId(edgeStranger)).toEqual(
      withoutId(await toNode('/webhooks/ghl', post(strangerNode, ghlHeaders(strangerNode, 'ed25519')))),
    );

    // Malformed JSON under a valid signature (400) and a body over 1 MiB (413), identical.
    const broken = '{"type":"ContactCreate",';
    const edgeBroken = await toEdge('/webhooks/ghl', post(broken, ghlHeaders(broken, 'ed25519')));
    expect(edgeBroken.status).toBe(400);
    expect(edgeBroken).toEqual(await toNode('/webhooks/ghl', post(broken, ghlHeaders(broken, 'ed25519'))));
    const huge = JSON.stringify({ type: 'ContactCreate', pad: 'x'.repeat(1024 * 1024) });
    const edgeHuge = await toEdge('/webhooks/ghl', post(huge, ghlHeaders(huge, 'ed25519')));
    expect(edgeHuge.status).toBe(413);
    expect(edgeHuge).toEqual(await toNode('/webhooks/ghl', post(huge, ghlHeaders(huge, 'ed25519'))));

    // What was stored is what Node stores: the event row and its pg-boss job, field for field.
    const edgeId = (edgeEd.body as { id: string }).id;
    const nodeId = (nodeEd.body as { id: string }).id;
    const [edgeRow, nodeRow] = [await getInboundEvent(rt.db, edgeId), await getInboundEvent(rt.db, nodeId)];
    const stored = (row: typeof edgeRow) => ({
      provider: row?.provider,
      type: row?.type,
      status: row?.status,
      verified: row?.verified,
      signatureScheme: row?.signatureScheme,
      tenantId: row?.tenantId,
      headers: Object.keys(row?.headers ?? {}).sort(),
    });
    expect(stored(edgeRow)).toEqual({ ...stored(nodeRow), tenantId: tenant.id });
    const jobs = await rt.db.execute(sql`
      select data->>'inboundEventId' as event, priority, retry_limit, retry_delay, retry_backoff, expire_seconds,
        heartbeat_seconds, dead_letter, policy, singleton_key, split_part(group_id, ':', 1) as group_location
      from pgboss.job where name = 'ghl.event' and data->>'inboundEventId' in (${edgeId}, ${nodeId})`);
    const rows = (jobs as unknown as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toHaveLength(2);
    const { event: _e, ...edgeJob } = rows.find((r) => r.event === edgeId)!;
    const { event: _n, ...nodeJob } = rows.find((r) => r.event === nodeId)!;
    expect(edgeJob).toEqual(nodeJob);

    // `porchlight work` on Node picks up what the edge stored, as if Node had stored it.
    const workers = await startWorkers(rt, { schedules: false });
    onTestFinished(() => workers.stop(5_000));
    const api = (path: string) => node.request(path, { headers: { authorization: `Bearer ${apiKey}` } });
    const leads = await waitFor(async () => {
      const { data } = (await (await api('/api/v1/leads')).json()) as {
        data: Array<{ id: string; ghlContactId: string }>;
      };
      const ids = data.map((l) => l.ghlContactId);
      return [ana.id, ben.id, cara.id, dan.id].every((id) => ids.includes(id)) ? data : undefined;
    }, 30_000);
    expect(leads.map((l) => l.ghlContactId)).not.toContain('edge-old');
    const anaLead = leads.find((l) => l.ghlContactId === ana.id)!;

    // Twilio: two leads text the team number; the same TwiML on both runtimes.
    const edgeSms = twilioSms(ana.phone, 'Is the Barton Springs house still available?');
    const nodeSms = twilioSms(cara.phone, 'Can we see it on Saturday?');
    const edgeTwiml = await toEdge('/webhooks/twilio/sms', post(edgeSms.body, edgeSms.headers));
    expect(edgeTwiml.status).toBe(200);
    expect(edgeTwiml).toEqual(await toNode('/webhooks/twilio/sms', post(nodeSms.body, nodeSms.headers)));

    // Slack: the command is acked at once (empty 200) on both; a worker answers through response_url.
    const edgeCommand = slashCommand('help');
    const edgeSlack = await toEdge('/slack/events', post(edgeCommand.body, edgeCommand.headers));
    const nodeCommand = slashCommand('help');
    expect(edgeSlack).toMatchObject({ status: 200, body: '' });
    expect(edgeSlack).toEqual(await toNode('/slack/events', post(nodeCommand.body, nodeCommand.headers)));

    // Discord: its PING and a `/porchlight help` (answered in the first response), identical.
    for (const interaction of [
      { type: 1, id: '1', application_id: 'A1', token: 't' },
      { type: 2, id: '2', application_id: 'A1', token: 't', guild_id: 'G-unknown', data: { name: 'porchlight' } },
    ]) {
      const signed = discordInteraction(interaction);
      const edgeDiscord = await toEdge('/discord/interactions', post(signed.body, signed.headers));
      expect(edgeDiscord.status).toBe(200);
      expect(edgeDiscord).toEqual(await toNode('/discord/interactions', post(signed.body, signed.headers)));
    }

    await waitFor(async () => {
      const lead = (await (await api(`/api/v1/leads/${anaLead.id}`)).json()) as {
        activities: Array<{ body?: string }>;
      };
      return lead.activities.some((a) => a.body?.includes('Barton Springs house')) ? true : undefined;
    }, 30_000);
    await waitFor(() => (slackAnswers.length === 2 ? true : undefined), 30_000);
    expect(slackAnswers[0]).toEqual(slackAnswers[1]);
    expect(slackAnswers[0]).toMatch(/porchlight/i);
  }, 120_000);

  it('bundles the shared route modules and none of what only Node runs', async () => {
    const inputs = await workerBundleInputs();
    for (const shared of ['webhooks/routes/ghl.ts', 'webhooks/signatures/web-crypto.ts', 'jobs/queue.ts'])
      expect(inputs).toContain(shared);
    const nodeOnly = [
      /node_modules\/prom-client\//, // metrics are scraped from Node
      /node_modules\/@electric-sql\/pglite\//,
      /node_modules\/pg-boss\/dist\/(index|manager|boss|timekeeper)\.js$/, // only its statements and adapter
      /node_modules\/pino\/pino\.js$|thread-stream|sonic-boom|pino-pretty/, // the browser build, no transports
      /node_modules\/(twilio|@sendgrid|openai|@resvg|discord\.js)\//, // outbound SDKs
      /^jobs\/handlers\//, // `porchlight work` runs them
    ];
    for (const pattern of nodeOnly) expect(inputs.filter((file) => pattern.test(file))).toEqual([]);
  }, 120_000);
});
