import type { Tenant } from '../../db/queries/tenants.ts';
import { linkChatAccount } from '../../db/use-cases/tenants/link-chat-account.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { ChatPlatform } from './command-context.ts';

export interface LinkRequest {
  runtime: Runtime;
  tenant: Tenant;
  platform: Exclude<ChatPlatform, 'terminal'>;
  platformUserId: string;
  /** Typed by the user, or their chat profile email (Slack users.info / lookups). */
  email?: string;
}

/**
 * `/porchlight link [email]`: ties a Slack/Discord user to the agent with that email, so buttons
 * act as them. A chat account links to one agent; re-linking moves it.
 */
export async function linkCommand(req: LinkRequest): Promise<ChatMessage> {
  if (!req.email) {
    return noticeMessage(
      'Tell me your work email: `/porchlight link you@yourteam.com` ' +
        '(the one your manager used for your agent profile).',
    );
  }
  const agent = await linkChatAccount(req.runtime, {
    tenantId: req.tenant.id,
    chat: req.platform,
    userId: req.platformUserId,
    email: req.email,
  });
  if (!agent)
    return noticeMessage(
      `No agent with email ${req.email} in ${req.tenant.name}. ` +
        `Ask a manager to add you: \`porchlight agent add --email ${req.email} …\`.`,
    );
  return noticeMessage(
    `Linked: you are **${agent.name}** (${agent.role}) in ${req.tenant.name}. Alerts for you will arrive here.`,
    { tone: 'success' },
  );
}

export function linkYourAccountMessage(platform: string): ChatMessage {
  return noticeMessage(
    `I don't know you yet. Link your ${platform} account to your agent profile: ` +
      `\`/porchlight link you@yourteam.com\`. Then try again.`,
  );
}
