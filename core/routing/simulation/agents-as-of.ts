import type { WorkingHours } from '../../alerts/working-hours.ts';
import type { RoutingAgent } from '../routing-types.ts';

/** One audited change of an agent's availability: the fields as they were before it. */
export interface AgentChange {
  agentId: string;
  at: Date;
  before: Partial<Record<'paused' | 'vacationUntil' | 'workingHours' | 'timezone' | 'maxOpenAlerts', unknown>>;
}

/** An agent as it is now, plus when it joined the team (it could not be routed to before). */
export interface AgentNow extends RoutingAgent {
  createdAt: Date;
}

/**
 * The team as routing saw it at `at`: today's agents with every availability change made after
 * `at` undone, newest first (so each field ends at the value it had then). Agents who joined later
 * are left out. Fields the trail does not record (areas, skills, weight, active) are today's.
 * @example agentsAsOf(team, changes, new Date('2026-11-03T15:00:00Z'))
 */
export function agentsAsOf(agents: readonly AgentNow[], changes: readonly AgentChange[], at: Date): RoutingAgent[] {
  const later = changes.filter((c) => c.at > at).sort((a, b) => b.at.getTime() - a.at.getTime());
  return agents
    .filter((a) => a.createdAt <= at)
    .map((agent) => {
      const then: RoutingAgent = { ...agent };
      for (const change of later) if (change.agentId === agent.id) undo(then, change.before);
      return then;
    });
}

function undo(agent: RoutingAgent, before: AgentChange['before']): void {
  if ('paused' in before) agent.paused = before.paused === true;
  if ('vacationUntil' in before)
    agent.vacationUntil = typeof before.vacationUntil === 'string' ? new Date(before.vacationUntil) : null;
  if ('workingHours' in before) agent.workingHours = (before.workingHours ?? null) as WorkingHours | null;
  if ('timezone' in before && typeof before.timezone === 'string') agent.timezone = before.timezone;
  if ('maxOpenAlerts' in before)
    agent.maxOpenAlerts = typeof before.maxOpenAlerts === 'number' ? before.maxOpenAlerts : null;
}
