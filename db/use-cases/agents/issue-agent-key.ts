import { AppError } from '../../../core/errors/app-error.ts';
import { actorName, assertMayChangeAgent, type SettingsActor } from '../../../core/settings/settings-actor.ts';
import { generateApiKey, hashApiKey } from '../../../core/tenants/api-key.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockAgent, saveAgent } from '../../queries/settings.ts';

/**
 * A new personal API key for one agent, returned once and stored only as its hash; it replaces
 * the agent's previous key. REST calls with it act as that agent, with that agent's role.
 */
export async function issueAgentKey(
  deps: { db: Executor; clock: Clock },
  input: { tenantId: string; agentId: string; actor: SettingsActor },
): Promise<{ apiKey: string }> {
  assertMayChangeAgent(input.actor, input.agentId);
  return deps.db.transaction(async (tx) => {
    const agent = await lockAgent(tx, input.tenantId, input.agentId);
    if (!agent) throw new AppError('not_found', `No agent ${input.agentId} in this team`);
    const apiKey = generateApiKey();
    await saveAgent(tx, agent.id, { apiKeyHash: hashApiKey(apiKey) }, deps.clock.now());
    await recordAudit(tx, {
      tenantId: input.tenantId,
      entity: 'agent',
      entityId: agent.id,
      action: agent.apiKeyHash ? 'api_key_rotated' : 'api_key_issued',
      actor: actorName(input.actor),
    });
    return { apiKey };
  });
}
