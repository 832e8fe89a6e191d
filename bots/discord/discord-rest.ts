import { REST } from '@discordjs/rest';
import { service, type Runtime } from '../../jobs/runtime.ts';

/**
 * Discord's REST client for this runtime: `DISCORD_API_URL` replaces discord.com/api, and requests
 * go through `runtime.fetch` so a fake Discord (or msw) sees them. The client queues per route
 * and waits out 429s using Discord's rate-limit headers.
 */
export function discordRest(runtime: Runtime): REST {
  return service(runtime, 'discord.rest', () => {
    const rest = new REST({
      version: '10',
      api: (runtime.env.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/$/, ''),
      makeRequest: (url, init) => runtime.fetch(url, init as RequestInit) as never,
    });
    if (runtime.env.DISCORD_BOT_TOKEN) rest.setToken(runtime.env.DISCORD_BOT_TOKEN);
    return rest;
  });
}
