import type { Db } from '../../client.ts';
import { linkSlackUserIfUnlinked } from '../../queries/agents/chat-links.ts';
import type { Agent } from '../../queries/tenants.ts';

/**
 * Links a Slack user found by email (their Slack profile, or `users.lookupByEmail`) to the active
 * agent with that email, unless that agent is already linked: an explicit `/porchlight link` wins
 * over a guess from the profile. Returns the agent it linked.
 */
export async function linkSlackUserByEmail(
  deps: { db: Db },
  input: { tenantId: string; email: string; slackUserId: string },
): Promise<Agent | undefined> {
  return linkSlackUserIfUnlinked(deps.db, input);
}
