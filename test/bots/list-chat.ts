import { generateKeyPairSync, sign } from 'node:crypto';
import { expect } from 'vitest';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createApp } from '../../webhooks/app.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { SLACK_ENV, slackHeaders, slashCommandBody } from './chat-team.ts';
import { discordInteractionId, slackTriggerId } from '../helpers/chat-ids.ts';

const keys = generateKeyPairSync('ed25519');

/** Slack and Discord both configured, as a team using both would run. */
export const CHAT_ENV = {
  ...SLACK_ENV,
  DISCORD_PUBLIC_KEY: (keys.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex'),
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: 'https://discord.test/api',
};

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

/** A fake Discord REST API recording every call (JSON or multipart `payload_json`). */
export function recordDiscord() {
  const calls: DiscordCall[] = [];
  server.use(
    http.all('https://discord.test/api/v10/*', async ({ request }) => {
      const path = decodeURIComponent(new URL(request.url).pathname.replace('/api/v10', ''));
      const type = request.headers.get('content-type') ?? '';
      let body: Record<string, unknown> | null = null;
      if (type.includes('json')) body = (await request.json()) as Record<string, unknown>;
      else if (type.includes('multipart')) body = JSON.parse(String((await request.formData()).get('payload_json')));
      calls.push({ method: request.method, path, body });
      return HttpResponse.json({ id: `MSG${calls.length}`, channel_id: 'DM' });
    }),
  );
  return calls;
}

/** Posts a signed Discord interaction to the app, as Discord does. */
export async function discordInteract(rt: Runtime, interaction: Record<string, unknown>) {
  const body = JSON.stringify({
    id: discordInteractionId(),
    application_id: 'APP1',
    version: 1,
    guild_id: 'G111',
    ...interaction,
  });
  const timestamp = String(Math.floor(rt.clock.now().getTime() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
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
  return (await res.json()) as Record<string, unknown>;
}

/** Posts a signed Slack request (slash command or interaction form) to the app. */
export async function slackPost(rt: Runtime, body: string) {
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
}

export const slackCommand = (rt: Runtime, userId: string, command: string, text: string, responseUrl: string) =>
  slackPost(rt, slashCommandBody(userId, command, text, responseUrl));

/**
 * A block action as Slack sends it from a message holding inputs: the pressed element plus the whole
 * message state (`state.values[blockId][actionId]`), which is where the picks of a multi-select travel.
 */
export function slackBlockAction(
  rt: Runtime,
  userId: string,
  action: Record<string, unknown>,
  responseUrl: string,
  state: Record<string, Record<string, unknown>> = {},
) {
  const payload = {
    type: 'block_actions',
    user: { id: userId, team_id: 'T111' },
    api_app_id: 'A111',
    team: { id: 'T111', domain: 'hill' },
    container: { type: 'message', message_ts: '111.222', channel_id: 'C777', is_ephemeral: true },
    channel: { id: 'C777' },
    trigger_id: slackTriggerId(),
    response_url: responseUrl,
    state: { values: state },
    actions: [{ block_id: 'b', action_ts: '1596530385.194939', ...action }],
  };
  return slackPost(rt, `payload=${encodeURIComponent(JSON.stringify(payload))}`);
}

/** The state Slack sends when these alerts are picked in the list's multi-select. */
export const pickedState = (alertIds: string[]) => ({
  bpick: {
    'alerts:pick': { type: 'multi_static_select', selected_options: alertIds.map((value) => ({ value })) },
  },
});

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };

/** Every element of every actions block, in order. */
export const elementsOf = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : []));
