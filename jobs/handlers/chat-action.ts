import { defineHandler } from '../handler.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { handleSlackWork } from '../../bots/slack/handle-slack-work.ts';
import type { SlackWork } from '../../bots/slack/slack-listeners.ts';
import { handleDiscordWork } from '../../bots/discord/handle-discord-work.ts';
import type { DiscordWork } from '../../bots/discord/discord-work.ts';

/** The slow half of a chat interaction (the HTTP route already acked within the platform's 3 s). */
export default defineHandler('chat.action', async (data, { runtime }) => {
  const tenant = await getTenant(runtime.db, data.tenantId);
  if (!tenant) {
    runtime.logger.warn({ tenantId: data.tenantId }, 'chat action for a tenant that no longer exists; dropped');
    return;
  }
  switch (data.platform) {
    case 'slack':
      return handleSlackWork(runtime, tenant, data.payload as unknown as SlackWork);
    case 'discord':
      return handleDiscordWork(runtime, tenant, data.payload as unknown as DiscordWork);
    default:
      runtime.logger.warn({ platform: data.platform }, 'chat action for an unknown platform; dropped');
  }
});
