import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { deliveries, leadActivities } from '../../db/schema/index.ts';
import { createDelivery } from '../../db/queries/deliveries/create-delivery.ts';
import { getDelivery } from '../../db/queries/deliveries/get-delivery.ts';
import { queueLeadMessage } from '../../db/queries/deliveries/lead-messages.ts';
import { createAgent, getTenant } from '../../db/queries/tenants.ts';
import { claimDelivery, SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import { prepareDelivery } from '../../bots/deliveries/prepare-delivery.ts';
import { discordNonce } from '../../bots/discord/discord-channel.ts';
import { resendUncertainMessage } from '../../bots/lead-messages/resend-uncertain-message.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { server } from '../msw/server.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { openAlert, seedChatTeam, type ChatTeam } from '../bots/chat-team.ts';

/**
 * Chaos scenario 4: a worker dies mid-send. The message was claimed (`sending`, committed) and
 * handed to the provider, and the worker died before it recorded the answer. The job runs again:
 * the message must not go out twice, whichever provider carries it, and one the provider never got
 * must go out exactly once.
 */

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const TEAM_NUMBER = '+15125550100';
const TWILIO_API = 'https://twilio.test';
const SENDGRID_API = 'https://sendgrid.test';
const DISCORD_API = 'https://discord.test/api';
const ENV = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: 'twilio-token',
  TWILIO_FROM_NUMBER: TEAM_NUMBER,
  TWILIO_API_URL: TWILIO_API,
  SENDGRID_API_KEY: 'SG.test-key',
  SENDGRID_FROM: 'alerts@hillcountry.test',
  SENDGRID_API_URL: SENDGRID_API,
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: DISCORD_API,
  JOB_RETRY_DELAY_SECONDS: '0',
};
/** Noon in Austin: no quiet hours in the way of a text to a lead. */
const NOON = '2026-03-10T17:00:00Z';

const messageShape = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/twilio/message-create-response.json'), 'utf8'),
) as Record<string, unknown>;
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/**
 * Twilio's Messages resource as documented: create answers 201 with the Message, list answers a
 * page of Messages (newest first) filtered by To/From. `down` refuses connections (nothing taken),
 * `listDown` fails only the list call.
 */
function fakeTwilio(rt: Runtime) {
  const state = {
    taken: [] as Array<{ sid: string; to: string; body: string; dateCreated: Date }>,
    listCalls: [] as URLSearchParams[],
    down: false,
    listDown: false,
  };
  const message = (m: (typeof state.taken)[number]) => ({
    ...messageShape,
    account_sid: ACCOUNT_SID,
    sid: m.sid,
    to: m.to,
    from: TEAM_NUMBER,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateCreated),
    date_updated: rfc2822(m.dateCreated),
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${m.sid}.json`,
  });
  server.use(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      if (state.down) return HttpResponse.error();
      const form = new URLSearchParams(await request.text());
      const taken = {
        sid: `SM${String(state.taken.length + 1).padStart(32, 'a')}`,
        to: form.get('To')!,
        body: form.get('Body')!,
        dateCreated: rt.clock.now(),
      };
      state.taken.push(taken);
      return HttpResponse.json(message(taken), { status: 201 });
    }),
    http.get(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      state.listCalls.push(query);
      if (state.listDown)
        return HttpResponse.json(
          {
            code: 20500,
            message: 'Internal Server Error',
            more_info: 'https://www.twilio.com/docs/errors/20500',
            status: 500,
          },
          { status: 500 },
        );
      const page = state.taken
        .filter((m) => m.to === query.get('To') && (!query.get('From') || query.get('From') === TEAM_NUMBER))
        .reverse()
        .map(message);
      const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=${query.get('PageSize') ?? 50}&Page=0`;
      return HttpResponse.json({
        messages: page,
        end: page.length ? page.length - 1 : 0,
        first_page_uri: uri,
        next_page_uri: null,
        page: 0,
        page_size: Number(query.get('PageSize') ?? 50),
        previous_page_uri: null,
        start: 0,
        uri,
      });
    }),
  );
  return state;
}

/** SendGrid's v3 mail send: 202 with X-Message-Id; nothing to ask it afterwards. */
function fakeSendgrid() {
  const emails: Array<{ to: string; subject: string }> = [];
  server.use(
    http.post(`${SENDGRID_API}/v3/mail/send`, async ({ request }) => {
      const body = (await request.json()) as {
        personalizations: Array<{ to: Array<{ email: string }> }>;
        subject: string;
      };
      emails.push({ to: body.personalizations[0].to[0].email, subject: body.subject });
      return new HttpResponse(null, { status: 202, headers: { 'X-Message-Id': `sg-${emails.length}` } });
    }),
  );
  return emails;
}

/**
 * Discord as it behaves for `enforce_nonce`: a create whose nonce this author used within the last few
 * minutes (`nonceMemoryMs` on `now`) gets the first message back and posts nothing; an older nonce is
 * forgotten. `created` holds the messages that really exist; a channel's messages can be listed, newest
 * first, with the bot as their author.
 */
function fakeDiscord(
  memory: { now: () => Date; nonceMemoryMs: number } = { now: () => new Date(), nonceMemoryMs: 120_000 },
) {
  type Created = { id: string; channelId: string; body: Record<string, unknown>; at: number };
  const state = {
    creates: [] as Array<Record<string, unknown>>,
    created: [] as Created[],
  };
  server.use(
    http.post(`${DISCORD_API}/v10/users/@me/channels`, async ({ request }) => {
      const { recipient_id } = (await request.json()) as { recipient_id: string };
      return HttpResponse.json({ id: `DM-${recipient_id}`, type: 1 });
    }),
    http.post(`${DISCORD_API}/v10/channels/:channelId/messages`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push(body);
      const channelId = String(params.channelId);
      const now = memory.now().getTime();
      const same =
        body.enforce_nonce === true
          ? state.created.find(
              (m) => m.channelId === channelId && m.body.nonce === body.nonce && now - m.at < memory.nonceMemoryMs,
            )
          : undefined;
      const message = same ?? {
        id: String(1_300_000_000_000_000_000n + BigInt(state.created.length)),
        channelId,
        body,
        at: now,
      };
      if (!same) state.created.push(message);
      return HttpResponse.json({
        id: message.id,
        channel_id: channelId,
        nonce: body.nonce,
        content: body.content ?? '',
      });
    }),
    // Listed messages carry no nonce: Discord does not keep it with the message.
    http.get(`${DISCORD_API}/v10/channels/:channelId/messages`, ({ params }) =>
      HttpResponse.json(
        state.created
          .filter((m) => m.channelId === String(params.channelId))
          .reverse()
          .map((m) => ({
            id: m.id,
            channel_id: m.channelId,
            author: { id: 'BOT1', username: 'Porchlight', bot: true },
            content: m.body.content ?? '',
            embeds: m.body.embeds ?? [],
            components: m.body.components ?? [],
          })),
      ),
    ),
  );
  return state;
}

/**
 * The dead worker: claims the delivery (committed `sending`), runs the real send (so the provider
 * gets the message, or not, as the fake decides), and dies before recording anything.
 */
async function dieMidSend(rt: Runtime, tenantId: string, deliveryId: string, options: { reachProvider: boolean }) {
  const tenant = (await getTenant(rt.db, tenantId))!;
  const delivery = (await getDelivery(rt.db, tenantId, deliveryId))!;
  const claimed = (await claimDelivery(rt, { deliveryId, leaseMs: 0 }))!;
  if (!options.reachProvider) return;
  const prepared = await prepareDelivery(rt, tenant, delivery);
  if ('result' in prepared) throw new Error('nothing to send');
  await prepared.send(claimed);
}

const row = async (rt: Runtime, id: string) => (await rt.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];

async function setup() {
  const clock = fixedClock(NOON);
  const rt = await createTestRuntime({ env: ENV, clock });
  const team = await seedChatTeam(rt);
  return { rt, clock, team };
}

/** A critical alert's text to an agent reached only by SMS, queued as routing leaves it. */
async function agentText(rt: Runtime, team: ChatTeam) {
  const lee = await createAgent(rt.db, {
    tenantId: team.tenant.id,
    name: 'Lee Park',
    email: 'lee@hillcountry.test',
    phone: '+15125550177',
    channels: ['sms'],
  });
  const alert = await openAlert(rt, team, 'hot_lead');
  const delivery = await rt.db.transaction((tx) =>
    createDelivery(tx, rt.queue, {
      tenantId: team.tenant.id,
      alertId: alert.id,
      channel: 'sms',
      recipient: lee.phone!,
      recipientKind: 'agent',
    }),
  );
  return delivery!;
}

/** A message to Ana (the lead Dev is assigned), queued with its sms.send job. */
async function leadMessage(rt: Runtime, team: ChatTeam, channel: 'sms' | 'email') {
  const delivery = await queueLeadMessage(rt.db, {
    tenantId: team.tenant.id,
    lead: team.ana,
    channel,
    idempotencyKey: `still-interested:${channel}:${team.ana.id}`,
    purpose: 'still_interested',
    automated: true,
    body: 'Still looking for a 3-bed in Austin? Reply YES and Dev will send new listings.',
    subject: 'Still looking in Austin?',
    html: '<p>Still looking for a 3-bed in Austin?</p>',
  });
  await rt.queue.enqueue('sms.send', { tenantId: team.tenant.id, deliveryId: delivery!.id });
  return delivery!;
}

describe('Twilio: a text whose worker died mid-send', () => {
  it('to an agent: the retried job finds it in Twilio’s message list and records its SID; nothing is sent twice', async () => {
    const { rt, clock, team } = await setup();
    const twilio = fakeTwilio(rt);
    const delivery = await agentText(rt, team);

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    expect(twilio.taken).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sending' });

    clock.advance(1_000);
    await drainJobs(rt, ['alert.deliver']);

    expect(twilio.taken).toHaveLength(1);
    expect(twilio.listCalls.map((q) => q.get('To'))).toEqual(['+15125550177']);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: twilio.taken[0].sid });
  });

  it('to an agent: when Twilio never took it (connection refused), the retry sends it exactly once', async () => {
    const { rt, clock, team } = await setup();
    const twilio = fakeTwilio(rt);
    const delivery = await agentText(rt, team);

    twilio.down = true;
    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    twilio.down = false;
    clock.advance(1_000);
    await drainJobs(rt, ['alert.deliver']);

    expect(twilio.listCalls).toHaveLength(1);
    expect(twilio.taken).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: twilio.taken[0].sid });
  });

  it('to a lead: found in the list after the dead attempt’s lease, recorded once on the lead’s timeline', async () => {
    const { rt, clock, team } = await setup();
    const twilio = fakeTwilio(rt);
    const delivery = await leadMessage(rt, team, 'sms');

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    expect(twilio.taken).toHaveLength(1);
    // While the dead attempt's lease runs, the row is left alone (the job retries later).
    await expect(drainJobs(rt, ['sms.send'])).rejects.toThrow(/mid-send/);
    expect(twilio.listCalls).toHaveLength(0);

    clock.advance(SENDING_LEASE_MS + 1_000);
    await drainJobs(rt, ['sms.send']);

    expect(twilio.taken).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: twilio.taken[0].sid });
    const timeline = await rt.db
      .select()
      .from(leadActivities)
      .where(and(eq(leadActivities.leadId, team.ana.id), eq(leadActivities.externalId, `delivery:${delivery.id}`)));
    expect(timeline).toHaveLength(1);
    expect(timeline[0].body).toBe(twilio.taken[0].body);
  });

  it('to a lead: Twilio’s list failing settles it uncertain (no blind second text), tells Dev, and `deliveries resend` sends it once', async () => {
    const { rt, clock, team } = await setup();
    const twilio = fakeTwilio(rt);
    const discord = fakeDiscord();
    const delivery = await leadMessage(rt, team, 'sms');

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    twilio.listDown = true;
    clock.advance(SENDING_LEASE_MS + 1_000);
    await drainJobs(rt, ['sms.send', 'alert.deliver']);

    expect(twilio.taken).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'uncertain' });
    expect(discord.created.map((m) => m.body.content)).toEqual([
      `A text to A** L**** may or may not have gone out during a restart; ` +
        `\`porchlight deliveries resend ${delivery.id} --tenant ${team.tenant.id}\` sends it again.`,
    ]);
    expect(discord.created[0].channelId).toBe('DM-1002');

    expect(await resendUncertainMessage(rt, { tenantId: team.tenant.id, deliveryId: delivery.id })).toMatchObject({
      status: 'sent',
    });
    expect(twilio.taken).toHaveLength(2);
    await expect(resendUncertainMessage(rt, { tenantId: team.tenant.id, deliveryId: delivery.id })).rejects.toThrow(
      /is sent; only an uncertain one is sent again/,
    );
    expect(twilio.taken).toHaveLength(2);
  });
});

describe('SendGrid: an email to a lead whose worker died mid-send', () => {
  it('is settled uncertain instead of sent again, Dev is told in chat, and `deliveries resend` sends it exactly once', async () => {
    const { rt, clock, team } = await setup();
    const emails = fakeSendgrid();
    const discord = fakeDiscord();
    const delivery = await leadMessage(rt, team, 'email');

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    expect(emails).toHaveLength(1);
    clock.advance(SENDING_LEASE_MS + 1_000);
    await drainJobs(rt, ['sms.send', 'alert.deliver']);

    expect(emails).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'uncertain' });
    expect(discord.created).toHaveLength(1);
    expect(discord.created[0].body.content).toMatch(/^An email to A\*\* L\*\*\*\* may or may not have gone out/);
    expect(discord.created[0].body.content).toContain(`porchlight deliveries resend ${delivery.id}`);
    // Running the job again (a replay) changes nothing: only the operator sends an uncertain message.
    await rt.queue.enqueue('sms.send', { tenantId: team.tenant.id, deliveryId: delivery.id });
    await drainJobs(rt, ['sms.send', 'alert.deliver']);
    expect(emails).toHaveLength(1);
    expect(discord.created).toHaveLength(1);

    expect(await resendUncertainMessage(rt, { tenantId: team.tenant.id, deliveryId: delivery.id })).toEqual({
      status: 'sent',
      providerMessageId: 'sg-2',
    });
    expect(emails).toHaveLength(2);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: 'sg-2' });
  });

  it('that died before it called SendGrid is simply sent, exactly once', async () => {
    const { rt, clock, team } = await setup();
    const emails = fakeSendgrid();
    const discord = fakeDiscord();
    const delivery = await leadMessage(rt, team, 'email');

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: false });
    clock.advance(SENDING_LEASE_MS + 1_000);
    await drainJobs(rt, ['sms.send', 'alert.deliver']);

    expect(emails).toEqual([{ to: 'ana.lopez@example.com', subject: 'Still looking in Austin?' }]);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: 'sg-1' });
    expect(discord.created).toEqual([]);
  });
});

describe('Discord: an alert DM whose worker died mid-send', () => {
  async function discordCopy(rt: Runtime, team: ChatTeam) {
    const alert = await openAlert(rt, team, 'hot_lead');
    const delivery = await rt.db.transaction((tx) =>
      createDelivery(tx, rt.queue, {
        tenantId: team.tenant.id,
        alertId: alert.id,
        channel: 'discord',
        recipient: team.dev.discordUserId!,
        recipientKind: 'agent',
      }),
    );
    return delivery!;
  }

  it('is posted again with the same nonce and enforce_nonce, so Discord returns the first message and posts none', async () => {
    const { rt, clock, team } = await setup();
    const discord = fakeDiscord();
    const delivery = await discordCopy(rt, team);

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    // The job runs again a moment later (pg-boss noticed the dead worker).
    clock.advance(1_000);
    await drainJobs(rt, ['alert.deliver']);

    const nonce = discordNonce(delivery.idempotencyKey);
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(discord.creates.map((c) => [c.nonce, c.enforce_nonce])).toEqual([
      [nonce, true],
      [nonce, true],
    ]);
    expect(discord.created).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({
      status: 'sent',
      providerMessageId: discord.created[0].id,
      ref: { channelId: 'DM-1002', messageId: discord.created[0].id },
    });
  });

  it('down longer than Discord keeps a nonce: found among the DM’s messages and recorded, not posted again', async () => {
    const { rt, clock, team } = await setup();
    const discord = fakeDiscord({ now: () => clock.now(), nonceMemoryMs: 120_000 });
    const delivery = await discordCopy(rt, team);

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: true });
    // The whole service was down for ten minutes: a re-post with the same nonce would now be a second card.
    clock.advance(10 * 60_000);
    await drainJobs(rt, ['alert.deliver']);

    expect(discord.creates).toHaveLength(1);
    expect(discord.created).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({
      status: 'sent',
      providerMessageId: discord.created[0].id,
      ref: { channelId: 'DM-1002', messageId: discord.created[0].id },
    });
  });

  it('that Discord never got is posted exactly once', async () => {
    const { rt, clock, team } = await setup();
    const discord = fakeDiscord();
    const delivery = await discordCopy(rt, team);

    await dieMidSend(rt, team.tenant.id, delivery.id, { reachProvider: false });
    clock.advance(1_000);
    await drainJobs(rt, ['alert.deliver']);

    expect(discord.creates).toHaveLength(1);
    expect(discord.created).toHaveLength(1);
    expect(await row(rt, delivery.id)).toMatchObject({ status: 'sent', providerMessageId: discord.created[0].id });
  });
});
