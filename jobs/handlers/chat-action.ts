import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { getInboundEvent, markInboundEvent } from '../../db/queries/inbound-events.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { handleSlackWork } from '../../bots/slack/handle-slack-work.ts';
import type { SlackWork } from '../../bots/slack/slack-listeners.ts';
import { handleDiscordWork } from '../../bots/discord/handle-discord-work.ts';
import type { DiscordWork } from '../../bots/discord/discord-work.ts';

interface ChatAction {
  tenantId: string;
  platform: string;
  payload: Record<string, unknown>;
}

/** The slow half of a chat interaction (the HTTP route stored it and acked within the platform's 3 s). */
export default defineHandler('chat.action', async (data, { runtime }) => {
  if (!('inboundEventId' in data)) return runChatAction(runtime, data);
  const event = await getInboundEvent(runtime.db, data.inboundEventId);
  // Answered already (a job that ran to the end but died before pg-boss heard so): answering twice would post twice.
  if (!event?.tenantId || event.status === 'processed') return;
  const platform = event.provider;
  await runChatAction(runtime, { tenantId: event.tenantId, platform, payload: JSON.parse(event.rawBody) });
  await markInboundEvent(runtime.db, event.id, 'processed', { processedAt: runtime.clock.now() });
});

async function runChatAction(runtime: Runtime, data: ChatAction): Promise<void> {
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
}
