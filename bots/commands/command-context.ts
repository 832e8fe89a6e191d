import type { Runtime } from '../../jobs/runtime.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';

export type ChatPlatform = 'slack' | 'discord' | 'terminal';

/**
 * Who is asking, for which team, from where. Every query a command runs is scoped to
 * `tenant.id`: a Slack workspace never sees another team's leads.
 */
export interface CommandContext {
  runtime: Runtime;
  tenant: Tenant;
  actor: Agent;
  platform: ChatPlatform;
  /** The platform's user id of the asker (for `/porchlight link`). */
  platformUserId?: string;
}
