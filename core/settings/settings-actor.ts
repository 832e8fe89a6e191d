import { AppError } from '../errors/app-error.ts';

/**
 * Who is changing a setting: a person (an agent key, a chat user) with their role, or the
 * operator (`cli`) / the team's integration key (`tenant_key`), which act for the whole team.
 */
export type SettingsActor =
  | { kind: 'agent'; id: string; role: 'agent' | 'manager' | 'admin' }
  | { kind: 'cli' }
  | { kind: 'tenant_key' };

/** The audit trail's `actor`. */
export const actorName = (actor: SettingsActor): string => (actor.kind === 'agent' ? actor.id : actor.kind);

const isManager = (actor: SettingsActor) =>
  actor.kind !== 'agent' || actor.role === 'manager' || actor.role === 'admin';

/** Team settings are for managers and admins. */
export function assertMayChangeTeamSettings(actor: SettingsActor): void {
  if (!isManager(actor)) throw new AppError('forbidden', 'only a manager or admin can change team settings');
}

/** An agent changes their own availability; managers and admins change anyone's. */
export function assertMayChangeAgent(actor: SettingsActor, agentId: string): void {
  if (actor.kind === 'agent' && actor.id !== agentId && !isManager(actor))
    throw new AppError('forbidden', "only a manager or admin can change another agent's settings");
}

/** Pausing and resuming from the team view is a manager's act, even on oneself: agents have `/away`, `/back`. */
export function assertIsManager(actor: SettingsActor): void {
  if (!isManager(actor)) throw new AppError('forbidden', 'only a manager or admin can pause or resume agents');
}
