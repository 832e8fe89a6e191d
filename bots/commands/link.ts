import { and, eq, sql } from 'drizzle-orm';
import { agents } from '../../db/schema/index.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
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
      'Tell me your work email: `/porchlight link you@yourteam.com` (the one your manager used for your agent profile).',
    );
  }
  const column = req.platform === 'slack' ? agents.slackUserId : agents.discordUserId;
  return req.runtime.db.transaction(async (tx) => {
    const [agent] = await tx
      .select()
      .from(agents)
      .where(and(eq(agents.tenantId, req.tenant.id), sql`lower(${agents.email}) = ${req.email!.toLowerCase()}`));
    if (!agent)
      return noticeMessage(
        `No agent with email ${req.email} in ${req.tenant.name}. Ask a manager to add you: \`porchlight agent add --email ${req.email} …\`.`,
      );
    // Unique per tenant: release the user id from any other agent first.
    await tx
      .update(agents)
      .set(req.platform === 'slack' ? { slackUserId: null } : { discordUserId: null })
      .where(and(eq(agents.tenantId, req.tenant.id), eq(column, req.platformUserId)));
    await tx
      .update(agents)
      .set(req.platform === 'slack' ? { slackUserId: req.platformUserId } : { discordUserId: req.platformUserId })
      .where(eq(agents.id, agent.id));
    return noticeMessage(
      `Linked: you are **${agent.name}** (${agent.role}) in ${req.tenant.name}. Alerts for you will arrive here.`,
      { tone: 'success' },
    );
  });
}

/** The agent behind a chat user, if linked. */
export async function agentForChatUser(
  runtime: Runtime,
  tenant: Tenant,
  platform: 'slack' | 'discord',
  userId: string,
): Promise<Agent | undefined> {
  const column = platform === 'slack' ? agents.slackUserId : agents.discordUserId;
  const [agent] = await runtime.db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenant.id), eq(column, userId), eq(agents.active, true)));
  return agent;
}

export function linkYourAccountMessage(platform: string): ChatMessage {
  return noticeMessage(
    `I don't know you yet. Link your ${platform} account to your agent profile: \`/porchlight link you@yourteam.com\`. Then try again.`,
  );
}
