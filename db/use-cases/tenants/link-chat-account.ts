import type { Db } from '../../client.ts';
import { agentByEmail, linkChatUser, type LinkedChat } from '../../queries/agents/chat-links.ts';
import type { Agent } from '../../queries/tenants.ts';

/**
 * `/porchlight link <email>`: ties a Slack or Discord user to the tenant's agent with that email,
 * so buttons act as them. A chat account links to one agent; linking again moves it. Returns the
 * agent, or undefined when the tenant has no agent with that email.
 */
export async function linkChatAccount(
  deps: { db: Db },
  input: { tenantId: string; chat: LinkedChat; userId: string; email: string },
): Promise<Agent | undefined> {
  return deps.db.transaction(async (tx) => {
    const agent = await agentByEmail(tx, input.tenantId, input.email);
    if (agent)
      await linkChatUser(tx, { tenantId: input.tenantId, agentId: agent.id, chat: input.chat, userId: input.userId });
    return agent;
  });
}
