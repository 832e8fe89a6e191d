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
  /**
   * Reads a file the asker attached (`/rules simulate`): a path in the terminal, the upload's URL
   * in Slack (bot token) or Discord (CDN). Absent where a surface cannot carry files.
   */
  readAttachment?: (source: string) => Promise<Uint8Array>;
}
