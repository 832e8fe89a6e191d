import { randomUUID } from 'node:crypto';
import type { WorkingHours, ZonedHours } from '../../../core/alerts/working-hours.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { RoutingRules } from '../../../core/routing/routing-rule.ts';
import { agentsAsOf, type AgentNow } from '../../../core/routing/simulation/agents-as-of.ts';
import { simulateRouting, type SimulationOutcome } from '../../../core/routing/simulation/simulate-routing.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Executor } from '../../client.ts';
import { loadRoutingRules, toRoutingAgent, validateRoutingRules, withRuleIds } from '../../queries/routing.ts';
import { agentChangesSince } from '../../queries/routing-simulation/agent-changes.ts';
import { historicAlerts } from '../../queries/routing-simulation/historic-alerts.ts';
import { getTenant, listAgents } from '../../queries/tenants.ts';
import { assertTeamAgents } from '../agents/assert-team-agents.ts';

// Without office hours on file, "after hours" means outside a plain office week.
const DAY: [string, string] = ['09:00', '18:00'];
const DEFAULT_OFFICE_HOURS: WorkingHours = { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY };

export interface RoutingSimulation {
  tenantName: string;
  since: Date;
  until: Date;
  /** The stored table (or the default one) and the candidate, both replayed the same way. */
  current: SimulationOutcome;
  candidate: SimulationOutcome;
  candidateRules: RoutingRules;
  /** Who really took how many alerts in the period, by agent id. */
  actual: Record<string, number>;
}

/**
 * "What would this routing table have done last month?": replays the tenant's stored alerts of the
 * last `days` through the current rules and through `candidate`, with each agent's availability as
 * it was (the audit trail), and reports both side by side. Read-only: no transaction, no write; the
 * live table changes only through `rules set`. A candidate that would not save is refused the same way.
 * @example await simulateRoutingChange({ db, clock }, { tenantId, candidate: fileBody, days: 30 })
 */
export async function simulateRoutingChange(
  deps: { db: Executor; clock: Clock },
  input: { tenantId: string; candidate: unknown; days: number },
): Promise<RoutingSimulation> {
  const tenant = await getTenant(deps.db, input.tenantId);
  if (!tenant) throw new AppError('not_found', `No tenant with id ${input.tenantId}`);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366)
    throw new AppError('validation_failed', 'days must be a whole number from 1 to 366');
  const { rules: current } = await loadRoutingRules(deps.db, input.tenantId);
  const list = Array.isArray(input.candidate) ? input.candidate : (input.candidate as { rules?: unknown })?.rules;
  const candidateRules = validateRoutingRules(withRuleIds(list, new Set(current.map((r) => r.id)), randomUUID));
  await assertTeamAgents(deps.db, input.tenantId, {
    'candidate rules: pool': candidateRules.flatMap((r) => [...r.pool.agentIds, ...r.pool.nextPool]),
  });

  const until = deps.clock.now();
  const since = new Date(until.getTime() - input.days * 86_400_000);
  const [alerts, changes, team] = await Promise.all([
    historicAlerts(deps.db, input.tenantId, { since, until }),
    agentChangesSince(deps.db, input.tenantId, since),
    listAgents(deps.db, input.tenantId),
  ]);
  const now: AgentNow[] = team.map((a) => ({ ...toRoutingAgent(a), createdAt: a.createdAt }));
  const officeHours: ZonedHours = {
    timezone: tenant.timezone,
    hours: tenant.settings.officeHours ?? DEFAULT_OFFICE_HOURS,
  };
  const history = { alerts, agentsAt: (at: Date) => agentsAsOf(now, changes, at), officeHours };
  const actual: Record<string, number> = {};
  for (const a of alerts) if (a.assigneeId) actual[a.assigneeId] = (actual[a.assigneeId] ?? 0) + 1;
  return {
    tenantName: tenant.name,
    since,
    until,
    current: simulateRouting(current, history),
    candidate: simulateRouting(candidateRules, history),
    candidateRules,
    actual,
  };
}
