import { AppError } from '../../../core/errors/app-error.ts';
import { AgentSettingsChange, type AgentSettingsChangeInput } from '../../../core/settings/agent-settings.ts';
import {
  actorName,
  assertIsManager,
  assertMayChangeAgent,
  type SettingsActor,
} from '../../../core/settings/settings-actor.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { lockAgent, saveAgent } from '../../queries/settings.ts';
import type { Agent } from '../../queries/tenants.ts';

const FIELDS = [
  'workingHours',
  'timezone',
  'vacationUntil',
  'paused',
  'skills',
  'languages',
  'channels',
  'maxOpenAlerts',
] as const;

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/**
 * The one way an agent's availability and preferences change (CLI `agent set`, REST PATCH,
 * `/away`, `/back`, `/hours`, Pause/Resume in `/team`): an agent may change their own, managers anyone's on the team.
 * Audited with each changed field before → after. Routing reads these columns as they are, so
 * `vacationUntil` is what makes it skip the agent "on_vacation until …".
 */
export async function updateAgent(
  deps: { db: Executor; clock: Clock },
  input: {
    tenantId: string;
    agentId: string;
    actor: SettingsActor;
    change: AgentSettingsChangeInput;
    /** A manager's act even on oneself (pause/resume from `/team`): refused to agents before anything is read. */
    managersOnly?: boolean;
  },
): Promise<Agent> {
  if (input.managersOnly) assertIsManager(input.actor);
  assertMayChangeAgent(input.actor, input.agentId);
  const parsed = AgentSettingsChange.safeParse(input.change);
  if (!parsed.success)
    throw new AppError(
      'validation_failed',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const change = parsed.data;
  return deps.db.transaction(async (tx) => {
    const agent = await lockAgent(tx, input.tenantId, input.agentId);
    if (!agent) throw new AppError('not_found', `No agent ${input.agentId} in this team`);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of FIELDS) {
      if (change[field] === undefined) continue;
      before[field] = plain(agent[field]);
      after[field] = plain(change[field]);
    }
    const saved = await saveAgent(tx, agent.id, change, deps.clock.now());
    await recordAudit(tx, {
      tenantId: input.tenantId,
      entity: 'agent',
      entityId: agent.id,
      action: 'settings_changed',
      actor: actorName(input.actor),
      data: { before, after },
    });
    return saved;
  });
}
