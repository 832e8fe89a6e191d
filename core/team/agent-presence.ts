import { agentAvailability } from '../routing/agent-availability.ts';
import type { RoutingAgent } from '../routing/routing-types.ts';

export type Presence =
  | { state: 'on_shift' }
  | { state: 'at_cap'; open: number; max: number }
  | { state: 'off_shift' }
  | { state: 'away'; until: Date }
  | { state: 'paused' }
  | { state: 'inactive' };

/**
 * Where an agent stands right now, read by the same rule routing uses to skip them
 * (`agentAvailability`), so "on shift" in `/team` means routing would offer them an alert now.
 * @example agentPresence(agent, 2, clock.now()) // { state: 'away', until: 2026-03-06T06:00:00Z }
 */
export function agentPresence(agent: RoutingAgent, openAlerts: number, now: Date): Presence {
  const availability = agentAvailability(agent, openAlerts, now);
  if (availability.available) return { state: 'on_shift' };
  switch (availability.skip.reason) {
    case 'paused':
      return { state: 'paused' };
    case 'on_vacation':
      return { state: 'away', until: agent.vacationUntil! };
    case 'outside_working_hours':
      return { state: 'off_shift' };
    case 'at_cap':
      return { state: 'at_cap', open: openAlerts, max: agent.maxOpenAlerts ?? openAlerts };
    default:
      return { state: 'inactive' };
  }
}
