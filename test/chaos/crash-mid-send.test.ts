import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
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
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { openAlert, seedChatTeam, type ChatTeam } from '../bots/chat-team.ts';
import {
  ACCOUNT_SID,
  TEAM_NUMBER,
  TWILIO_API,
  SENDGRID_API,
  DISCORD_API,
  fakeTwilio,
  fakeSendgrid,
  fakeDiscord,
} from './fake-providers.ts';

/**
 * Chaos scenario 4: a worker dies mid-send. The message was claimed (`sending`, committed) and
 * handed to the provider, and the worker died before it recorded the answer. The job runs again:
 * the message must not go out twice, whichever provider carries it, and one the provider never got
 * must go out exactly once.
 */

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
