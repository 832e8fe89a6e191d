import { isWithinHours } from '../alerts/working-hours.ts';
import type { RoutingAgent, SkippedAgent } from './routing-types.ts';

export type Availability = { available: true } | { available: false; skip: SkippedAgent };

/**
 * Whether an agent can take a new alert now. Checked in the order an agent would explain it:
 * deactivated, paused by hand, on vacation, off the clock, already holding their maximum.
 * An agent with no working hours on file is treated as always on.
 */
export function agentAvailability(agent: RoutingAgent, openAlerts: number, now: Date): Availability {
  const skip = (reason: SkippedAgent['reason'], detail?: string): Availability => ({
    available: false,
    skip: { agentId: agent.id, reason, ...(detail ? { detail } : {}) },
  });
  if (!agent.active) return skip('inactive');
  if (agent.paused) return skip('paused');
  if (agent.vacationUntil && agent.vacationUntil > now)
    return skip('on_vacation', `until ${agent.vacationUntil.toISOString()}`);
  if (agent.workingHours && !isWithinHours(now, { timezone: agent.timezone, hours: agent.workingHours })) {
    return skip('outside_working_hours', agent.timezone);
  }
  if (agent.maxOpenAlerts !== null && openAlerts >= agent.maxOpenAlerts) {
    return skip('at_cap', `${openAlerts} of ${agent.maxOpenAlerts} open alerts`);
  }
  return { available: true };
}
