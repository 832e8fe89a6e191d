import { createHmac, createSign, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTeam } from '../alerts-db/team.ts';
import { createHarness as createGhlHarness, fixture, tenantOwning } from '../ghl-ingest/harness.ts';
import { createHarness as createSmsHarness, nextSid, ACCOUNT_SID, TEAM_NUMBER } from '../sms-email/harness.ts';
import { leads } from '../../db/schema/index.ts';
import { listInboundEvents, recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { parseListingFile } from '../../bin/commands/import-listings.ts';

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('a signed GHL event with a NUL character', () => {
  it('is answered 200, applied with the NUL removed, and never dead-letters', async () => {
    const h = await createGhlHarness();
    await tenantOwning(h.rt, ['loc-nul']);
    const event = {
      ...fixture('ContactCreate.json'),
      locationId: 'loc-nul',
      id: 'contact-nul',
      webhookId: 'wh-nul-1',
      timestamp: new Date().toISOString(),
      name: 'Ana\u0000Lopez',
      firstName: 'Ana\u0000',
      lastName: 'Lopez\ud800',
      email: 'ana.nul@example.com',
    };
    const res = await h.post(JSON.stringify(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'accepted' });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.ghlContactId, 'contact-nul'));
    expect(lead.name).toBe('AnaLopez');
    expect(await listInboundEvents(h.rt.db, { status: 'failed' })).toHaveLength(0);
    const [stored] = await listInboundEvents(h.rt.db, { provider: 'ghl' });
    expect(stored.status).toBe('processed');
    expect(stored.rawBody).not.toContain('\\u0000');
  });

  it('one stored before NUL was removed at the door is applied clean when its job runs again', async () => {
    const h = await createGhlHarness();
    const { tenant } = await tenantOwning(h.rt, ['loc-old-nul']);
    const body = JSON.stringify({
      ...fixture('ContactCreate.json'),
      locationId: 'loc-old-nul',
      id: 'contact-old-nul',
      webhookId: 'wh-old-nul',
      name: 'Ana\u0000Lopez',
    });
    expect(body).toContain('\\u0000');
    const stored = await recordInboundEvent(h.rt.db, {
      provider: 'ghl',
      eventId: 'wh-old-nul',
      tenantId: tenant.id,
      type: 'ContactCreate',
      status: 'accepted',
      verified: true,
      rawBody: body,
    });
    // What `porchlight dlq replay` does for the job that dead-lettered on `invalid byte sequence … 0x00`.
    await h.rt.queue.enqueue('ghl.event', { inboundEventId: stored.id });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.ghlContactId, 'contact-old-nul'));
    expect(lead?.name).toBe('AnaLopez');
    expect(await listInboundEvents(h.rt.db, { status: 'failed' })).toHaveLength(0);
  });

  it('deeply nested but signed JSON is a 400 naming the nesting, not a 500', async () => {
    const h = await createGhlHarness();
    const res = await h.post(`{"type":"ContactCreate","junk":${deep(5000)}}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/nested deeper than 64/) } });
  });
});

describe('a signed SendGrid batch nested thousands deep', () => {
  it('is a 400 naming the nesting, and nothing is stored or queued', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const h = await createSmsHarness({
      env: { SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
    });
    const ts = String(Math.floor(h.rt.clock.now().getTime() / 1000));
    const body = `[${deep(20_000)}]`;
    const signature = createSign('sha256')
      .update(ts + body)
      .sign(privateKey)
      .toString('base64');
    const res = await h.app.request('/webhooks/sendgrid/events', {
      method: 'POST',
      body,
      headers: {
        'X-Twilio-Email-Event-Webhook-Signature': signature,
        'X-Twilio-Email-Event-Webhook-Timestamp': ts,
      },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/nested deeper than 64/) } });
    expect(await h.rt.queue.boss.findJobs('email.event', {})).toHaveLength(0);
  });
});

describe('hostile REST input', () => {
  it('answers ids with NUL or absurd length with 4xx, never 500', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: { role: 'manager' } });
    const app = createApp(rt);
    const auth = { authorization: `Bearer ${team.apiKey}` };
    const long = 'k'.repeat(3000);
    for (const path of [
      '/api/v1/leads/%00',
      '/api/v1/alerts/%00',
      '/api/v1/saved-searches/%00',
      '/api/v1/listings/%00',
      '/api/v1/agents/%00',
      `/api/v1/listings/${long}`,
      `/api/v1/leads/${long}`,
      '/api/v1/leads?q=%00',
      '/api/v1/leads?agent=%00',
      '/api/v1/alerts?leadId=%00',
    ]) {
      const res = await app.request(path, { headers: auth });
      expect([400, 404, 422], path).toContain(res.status);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toBeTruthy();
    }
  });

  it('refuses a ListingKey over 255 characters by field, keeping the other rows', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {} });
    const app = createApp(rt);
    const at = '2026-03-01T12:00:00Z';
    const res = await app.request('/api/v1/listings', {
      method: 'POST',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        listings: [
          { ListingKey: 'k'.repeat(3000), StandardStatus: 'Active', ListPrice: 1, ModificationTimestamp: at },
          { ListingKey: 'A\u0001B', StandardStatus: 'Active', ListPrice: 1, ModificationTimestamp: at },
          { ListingKey: 'OK-1', StandardStatus: 'Active', ListPrice: 300000, ModificationTimestamp: at },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { upserted: number; rejected: Array<{ index: number; field: string }> };
    expect(body.upserted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, field: 'ListingKey', message: 'must be at most 255 characters' },
      { index: 1, field: 'ListingKey', message: 'must not contain control characters' },
    ]);
  });

  it('a CSV import rejects the row whose ListingKey is too long and imports the rest', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {} });
    const csv = [
      'ListingKey,StandardStatus,ListPrice,ModificationTimestamp',
      `${'k'.repeat(3000)},Active,1,2026-03-01T12:00:00Z`,
      'CSV-1,Active,250000,2026-03-01T12:00:00Z',
    ].join('\n');
    const file = parseListingFile('listings.csv', csv);
    const result = await upsertListings(rt, { tenantId: team.tenant.id, listings: file.rows, source: 'import' });
    expect(result.upserted).toBe(1);
    expect(result.rejected).toEqual([{ index: 0, field: 'ListingKey', message: 'must be at most 255 characters' }]);
  });

  it('a deeply nested JSON body is a 400 naming the nesting', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {} });
    const res = await createApp(rt).request('/api/v1/routing-rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
      body: `{"rules":[{"name":"x","strategy":"manager","condition":${'{"not":'.repeat(5000)}null${'}'.repeat(5000)}}]}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });
});

describe('hostile Twilio forms', () => {
  it('a correctly signed form with a parameter named constructor is accepted', async () => {
    const h = await createSmsHarness();
    const sid = nextSid();
    const res = await h.twilioPost('/webhooks/twilio/sms', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: '+15125550142',
      To: TEAM_NUMBER,
      Body: 'hello',
      constructor: 'x',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
  });

  it('a signed text From a NUL is a 400, not a 500', async () => {
    const h = await createSmsHarness();
    const res = await h.twilioPost('/webhooks/twilio/sms', {
      AccountSid: ACCOUNT_SID,
      MessageSid: nextSid(),
      From: '\u0000',
      To: TEAM_NUMBER,
      Body: 'STOP',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('From') } });
  });
});

describe('Discord bodies with a byte-order mark', () => {
  it('a correctly signed body with a leading BOM is accepted', async () => {
    const keys = generateKeyPairSync('ed25519');
    const rt = await createTestRuntime({
      env: {
        DISCORD_PUBLIC_KEY: (keys.publicKey.export({ format: 'der', type: 'spki' }) as Buffer)
          .subarray(-32)
          .toString('hex'),
        DISCORD_APPLICATION_ID: 'APP1',
        DISCORD_BOT_TOKEN: 'discord-bot-token',
      },
    });
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ type: 1 }))]);
    const timestamp = String(Math.floor(rt.clock.now().getTime() / 1000));
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString('hex');
    const res = await createApp(rt).request('/discord/interactions', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });
});

describe('hostile Slack payloads', () => {
  const SECRET = 'slack-signing-secret-for-tests';
  async function slackApp() {
    const rt = await createTestRuntime({
      env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: 'https://slack.test/api/' },
    });
    const app = createApp(rt);
    return (body: string, contentType = 'application/x-www-form-urlencoded') => {
      const ts = String(Math.floor(rt.clock.now().getTime() / 1000));
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      return app.request('/slack/events', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
      });
    };
  }
  const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const click = {
    type: 'block_actions',
    user: { id: 'U1', team_id: 'T1' },
    team: { id: 'T1' },
    response_url: 'https://hooks.slack.com/actions/T1/1/x',
    actions: [{ action_id: 'alert:claim:a1', value: 'a1' }],
  };

  it.each([
    ['payload=null', 'payload=null'],
    ['a non-object user', form({ ...click, user: 'U1' })],
    ['non-object actions', form({ ...click, actions: 'claim' })],
    [
      'team_id constructor',
      form({ ...click, team: { id: 'constructor' }, user: { id: 'U1', team_id: 'constructor' } }),
    ],
    ['a response_url that is not https', form({ ...click, response_url: 'http://169.254.169.254/latest' })],
    ['a slash command with team_id constructor', 'command=%2Flead&text=ana&team_id=constructor&user_id=U1'],
    ['an event with team_id constructor', JSON.stringify({ type: 'event_callback', team_id: 'constructor' })],
  ])('%s is answered 4xx naming the problem', async (_name, body) => {
    const post = await slackApp();
    const res = await post(body, body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
