import type { Agent } from '../../db/queries/tenants.ts';

/**
 * The short name people type and read (`assign 12 maria`, "claimed by @maria"): the local part of
 * the agent's email, which is unique per team because emails are.
 */
export function agentHandle(agent: Pick<Agent, 'email'>): string {
  return agent.email.split('@')[0].toLowerCase();
}

/**
 * Finds the agent a person meant: a Slack/Discord user id (what a user picker sends), an agent id,
 * a handle, an email, or a first name when only one agent has it.
 */
export function resolveAgent(agents: Agent[], reference: string): Agent | undefined {
  const ref = reference
    .trim()
    .replace(/^@/, '')
    .replace(/^<@!?([^>|]+).*>$/, '$1');
  const lower = ref.toLowerCase();
  const exact = agents.find(
    (a) =>
      a.id === ref ||
      a.slackUserId === ref ||
      a.discordUserId === ref ||
      agentHandle(a) === lower ||
      a.email.toLowerCase() === lower,
  );
  if (exact) return exact;
  const byFirstName = agents.filter(
    (a) => a.name.split(/\s+/)[0].toLowerCase() === lower || a.name.toLowerCase() === lower,
  );
  return byFirstName.length === 1 ? byFirstName[0] : undefined;
}
