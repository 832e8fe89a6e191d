import { and, eq, isNull, sql } from 'drizzle-orm';
import { agents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Agent } from '../tenants.ts';

/** Chats whose users link to agents; the terminal acts as whoever it is told to. */
export type LinkedChat = 'slack' | 'discord';

const userColumn = (chat: LinkedChat) => (chat === 'slack' ? agents.slackUserId : agents.discordUserId);

/** The active agent behind a chat user, if linked. */
export async function agentByChatUser(
  db: Executor,
  tenantId: string,
  chat: LinkedChat,
  userId: string,
): Promise<Agent | undefined> {
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(userColumn(chat), userId), eq(agents.active, true)));
  return agent;
}

/** The tenant's agent with this email, whatever its case. */
export async function agentByEmail(db: Executor, tenantId: string, email: string): Promise<Agent | undefined> {
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), sql`lower(${agents.email}) = ${email.toLowerCase()}`));
  return agent;
}

/** Active agents no Slack user is linked to yet. */
export async function agentsWithoutSlackUser(db: Executor, tenantId: string): Promise<Agent[]> {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), isNull(agents.slackUserId), eq(agents.active, true)));
}

/**
 * Ties a chat user to one agent. The user id is unique per tenant, so an agent still holding it
 * (an old link) lets go first: re-linking moves the link.
 */
export async function linkChatUser(
  db: Executor,
  input: { tenantId: string; agentId: string; chat: LinkedChat; userId: string },
): Promise<void> {
  const column = userColumn(input.chat);
  await db
    .update(agents)
    .set(input.chat === 'slack' ? { slackUserId: null } : { discordUserId: null })
    .where(and(eq(agents.tenantId, input.tenantId), eq(column, input.userId)));
  await db
    .update(agents)
    .set(input.chat === 'slack' ? { slackUserId: input.userId } : { discordUserId: input.userId })
    .where(and(eq(agents.tenantId, input.tenantId), eq(agents.id, input.agentId)));
}

/**
 * Links a Slack user to the active agent with this email when no Slack user is linked to it yet;
 * an agent already linked keeps its link. Returns the agent it linked.
 */
export async function linkSlackUserIfUnlinked(
  db: Executor,
  input: { tenantId: string; email: string; slackUserId: string },
): Promise<Agent | undefined> {
  const [agent] = await db
    .update(agents)
    .set({ slackUserId: input.slackUserId })
    .where(
      and(
        eq(agents.tenantId, input.tenantId),
        sql`lower(${agents.email}) = ${input.email.toLowerCase()}`,
        isNull(agents.slackUserId),
        eq(agents.active, true),
      ),
    )
    .returning();
  return agent;
}
