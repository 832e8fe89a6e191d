import { generateKeyPairSync, sign } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { server } from '../msw/server.ts';
import { discordInteractionId } from '../helpers/chat-ids.ts';

const keys = generateKeyPairSync('ed25519');

/** A Discord application whose interactions this file signs, and a fake Discord API at discord.test. */
export const DISCORD_ENV = {
  DISCORD_PUBLIC_KEY: (keys.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex'),
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: 'https://discord.test/api',
};

export interface DiscordCommandInput {
  name: string;
  options?: Array<Record<string, unknown>>;
  resolved?: Record<string, unknown>;
  /** The Discord user id of the member typing it. */
  userId: string;
}

/** Posts a slash command interaction (type 2) to `/discord/interactions`, signed as Discord signs it. */
export async function postDiscordCommand(rt: Runtime, command: DiscordCommandInput): Promise<Response> {
  const body = JSON.stringify({
    id: discordInteractionId(),
    application_id: 'APP1',
    token: 'itoken',
    version: 1,
    guild_id: 'G111',
    type: 2,
    member: { user: { id: command.userId } },
    data: {
      name: command.name,
      options: command.options ?? [],
      ...(command.resolved ? { resolved: command.resolved } : {}),
    },
  });
  const timestamp = String(Math.floor(rt.clock.now().getTime() / 1000));
  return createApp(rt).request('/discord/interactions', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex'),
      'x-signature-timestamp': timestamp,
    },
  });
}

export interface DiscordEdit {
  /** `@original`: the deferred answer being filled in. */
  message: string;
  contentType: string | null;
  payload: Record<string, unknown>;
  files: Array<{ name: string; bytes: Buffer }>;
}

/** Records every edit of the deferred answer (multipart: `payload_json` plus `files[n]`), as Discord takes them. */
export function recordDiscordEdits(): DiscordEdit[] {
  const edits: DiscordEdit[] = [];
  server.use(
    http.patch('https://discord.test/api/v10/webhooks/APP1/itoken/messages/:message', async ({ request, params }) => {
      const contentType = request.headers.get('content-type');
      const form = await request.formData();
      const files: DiscordEdit['files'] = [];
      for (const [field, value] of form)
        if (field.startsWith('files[') && typeof value !== 'string')
          files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
      const payload = JSON.parse(String(form.get('payload_json'))) as Record<string, unknown>;
      edits.push({ message: String(params.message), contentType, payload, files });
      return HttpResponse.json({ id: 'MSG1', channel_id: 'C1' });
    }),
  );
  return edits;
}
