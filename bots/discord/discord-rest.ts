import { REST } from '@discordjs/rest';
import type { Runtime } from '../../jobs/runtime.ts';

/** Discord's REST client of this runtime (built once, on first use). */
export function discordRest(runtime: Runtime): REST {
  return runtime.providers.discordRest();
}

/**
 * `DISCORD_API_URL` replaces discord.com/api, and requests go through `runtime.fetch` so a fake
 * Discord (or msw) sees them. The client queues per route and waits out 429s using Discord's
 * rate-limit headers.
 */
export function createDiscordRest(runtime: Pick<Runtime, 'env' | 'fetch'>): REST {
  const { env } = runtime;
  const rest = new REST({
    version: '10',
    // The job's retry policy owns retries (and the dead-letter queue); 429s are still waited out.
    retries: 0,
    api: (env.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/$/, ''),
    // The global fetch and the undici one @discordjs/rest is typed against differ only in their typings.
    makeRequest: (url, init) => runtime.fetch(url, init as RequestInit) as never,
  });
  if (env.DISCORD_BOT_TOKEN) rest.setToken(env.DISCORD_BOT_TOKEN);
  return rest;
}
