import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { discordChannel, discordNonce } from '../../bots/discord/discord-channel.ts';
import { loadAlertView } from '../../bots/deliveries/load-alert-view.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { openAlert, postedCopy, seedChatTeam } from './chat-team.ts';
import { discordInteractionId } from '../helpers/chat-ids.ts';

const keys = generateKeyPairSync('ed25519');
const DISCORD_ENV = {
  DISCORD_PUBLIC_KEY: (keys.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex'),
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: 'https://discord.test/api',
};

interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  auth: string | null;
}

function recordDiscord() {
  const calls: DiscordCall[] = [];
  server.use(
    http.all('https://discord.test/api/v10/*', async ({ request }) => {
      const path = decodeURIComponent(new URL(request.url).pathname.replace('/api/v10', ''));
      const type = request.headers.get('content-type') ?? '';
      let body: Record<string, unknown> | null = null;
      if (type.includes('json')) body = (await request.json()) as Record<string, unknown>;
      else if (type.includes('multipart')) body = JSON.parse(String((await request.formData()).get('payload_json')));
      calls.push({ method: request.method, path, body, auth: request.headers.get('authorization') });
      if (path === '/users/@me/channels') return HttpResponse.json({ id: 'DM-DEV', type: 1 });
      return HttpResponse.json({ id: `MSG${calls.length}`, channel_id: 'DM-DEV' });
    }),
  );
  return calls;
}

function interact(rt: Runtime, interaction: Record<string, unknown>) {
  const body = JSON.stringify({
    id: discordInteractionId(),
    application_id: 'APP1',
    token: 'itoken',
    version: 1,
    guild_id: 'G111',
    ...interaction,
  });
  const timestamp = String(Math.floor(rt.clock.now().getTime() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
  return createApp(rt).request('/discord/interactions', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
  });
}

async function withWorkers(rt: Runtime) {
  const workers = await startWorkers(rt, { queues: ['chat.action', 'alert.refresh'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
}

describe('Discord', () => {
  it('delivers an alert as a DM embed with buttons and a nonce derived from the idempotency key', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV });
    const team = await seedChatTeam(rt);
    const calls = recordDiscord();
    const alert = await openAlert(rt, team, 'price_drop', { listingKey: 'ATX-200' });
    const key = `${alert.id}:discord:1002`;
    const result = await discordChannel.deliverAlert(rt, {
      tenant: team.tenant,
      view: await loadAlertView(rt.db, team.tenant, alert),
      recipient: '1002',
      recipientKind: 'agent',
      idempotencyKey: key,
    });
    expect(result).toEqual({
      status: 'sent',
      providerMessageId: 'MSG2',
      ref: { channelId: 'DM-DEV', messageId: 'MSG2' },
    });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/users/@me/channels',
      body: { recipient_id: '1002' },
      auth: 'Bot discord-bot-token',
    });
    expect(calls[1]).toMatchObject({
      method: 'POST',
      path: '/channels/DM-DEV/messages',
      body: { nonce: discordNonce(key), enforce_nonce: true },
    });
    const body = calls[1].body as {
      embeds: Array<{ title: string }>;
      components: Array<{ components: Array<{ custom_id: string }> }>;
    };
    expect(body.embeds[0].title).toBe('📉 Price drop for Ana Lopez');
    expect(body.components[0].components.map((c) => c.custom_id)).toEqual([
      `alert:claim:${alert.id}`,
      `alert:send:${alert.id}`,
      `alert:snooze:${alert.id}`,
      `alert:dismiss:${alert.id}`,
    ]);
  });

  it('defers a slash command and edits the answer in with the command output', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV, clock: fixedClock('2026-03-04T15:00:00Z') });
    await seedChatTeam(rt);
    const calls = recordDiscord();
    await withWorkers(rt);
    const res = await interact(rt, {
      type: 2,
      member: { user: { id: '1001' } },
      data: {
        name: 'top-deals',
        options: [
          { name: 'area', type: 3, value: 'Austin' },
          { name: 'n', type: 4, value: 2 },
        ],
      },
    });
    expect(await res.json()).toEqual({ type: 5 });
    const edit = await waitFor(() =>
      calls.find((c) => c.method === 'PATCH' && c.path === '/webhooks/APP1/itoken/messages/@original'),
    );
    expect(edit.auth).toBeNull();
    const text = JSON.stringify(edit.body);
    expect(text).toContain('Top 2 deals in Austin');
    expect(text).toContain('ATX-100');
  });

  it('answers usage problems and unknown servers at once, without a job', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV });
    await seedChatTeam(rt);
    const bad = await interact(rt, {
      type: 2,
      member: { user: { id: '1001' } },
      data: { name: 'leaderboard', options: [{ name: 'period', type: 3, value: '90d' }] },
    });
    const badBody = (await bad.json()) as {
      type: number;
      data: { embeds: Array<{ description: string }>; flags: number };
    };
    expect(badBody.type).toBe(4);
    expect(badBody.data.flags).toBe(64);
    expect(badBody.data.embeds[0].description).toContain('The period is `7d` or `30d`.');
    const stranger = await interact(rt, {
      type: 2,
      guild_id: 'G999',
      member: { user: { id: '1' } },
      data: { name: 'pipeline' },
    });
    expect(JSON.stringify(await stranger.json())).toContain('not connected to Porchlight');
  });

  it('a Claim button updates every copy and a second claimer hears who has it', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV });
    const team = await seedChatTeam(rt);
    const calls = recordDiscord();
    const alert = await openAlert(rt, team, 'hot_lead');
    await postedCopy(rt, team, alert, 'discord', '1002', { channelId: 'DM-DEV', messageId: 'M-DEV' });
    await postedCopy(rt, team, alert, 'discord', '1003', { channelId: 'DM-SAM', messageId: 'M-SAM' });
    await withWorkers(rt);

    const first = await interact(rt, {
      type: 3,
      member: { user: { id: '1003' } },
      data: { custom_id: `alert:claim:${alert.id}`, component_type: 2 },
    });
    expect(await first.json()).toEqual({ type: 6 });
    const edits = await waitFor(() => {
      const e = calls.filter((c) => c.method === 'PATCH' && c.path.startsWith('/channels/'));
      return e.length === 2 ? e : undefined;
    });
    expect(edits.map((e) => e.path).sort()).toEqual([
      '/channels/DM-DEV/messages/M-DEV',
      '/channels/DM-SAM/messages/M-SAM',
    ]);
    expect(JSON.stringify(edits[0].body)).toContain('Claimed by');

    const second = await interact(rt, {
      type: 3,
      token: 'itoken2',
      member: { user: { id: '1002' } },
      data: { custom_id: `alert:claim:${alert.id}`, component_type: 2 },
    });
    expect(await second.json()).toEqual({ type: 6 });
    const followUp = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path === '/webhooks/APP1/itoken2'));
    expect(followUp.body).toMatchObject({ flags: 64 });
    expect(JSON.stringify(followUp.body)).toContain(`Alert #${alert.id} is already claimed by @sam.`);
  });
});
