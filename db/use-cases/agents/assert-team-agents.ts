import { AppError } from '../../../core/errors/app-error.ts';
import type { Executor } from '../../client.ts';
import { agentsOfTenant } from '../../queries/agents/agents-of-tenant.ts';

/** Each input field that names agents (`targetAgentId`, `rule 2 "VIP": pool.agentIds`) with the ids it names. */
export type NamedAgents = Record<string, string | readonly string[] | null | undefined>;

/**
 * The one check that every agent id a caller names belongs to the caller's tenant, for every use
 * case that accepts agent ids (routing rules, alert actions, assignments). A key can only act
 * within its own team, so another tenant's agent is refused exactly like an id nobody has:
 * `422 validation_failed` naming the field and the id, and nothing is written.
 * @example await assertTeamAgents(tx, tenantId, { targetAgentId: action.targetAgentId })
 */
export async function assertTeamAgents(db: Executor, tenantId: string, named: NamedAgents): Promise<void> {
  const fields = Object.entries(named).map(([field, ids]) => [field, ids == null ? [] : [ids].flat()] as const);
  const known = await agentsOfTenant(
    db,
    tenantId,
    fields.flatMap(([, ids]) => ids),
  );
  const unknown = fields.flatMap(([field, ids]) => ids.filter((id) => !known.has(id)).map((id) => ({ field, id })));
  if (unknown.length === 0) return;
  throw new AppError(
    'validation_failed',
    unknown.map(({ field, id }) => `${field}: no agent ${id} in this team`).join('; '),
    { unknownAgentIds: [...new Set(unknown.map((u) => u.id))] },
  );
}
