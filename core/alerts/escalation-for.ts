import type { Clock } from '../time/clock.ts';
import { EscalationPolicy, nextEscalation, type Escalation, type EscalationInput } from './escalation.ts';
import type { WorkingHours, ZonedHours } from './working-hours.ts';
import type { TenantSettings } from '../settings/tenant-settings.ts';

/** The tenant columns escalation reads: its zone and `settings.officeHours` / `settings.escalation`. */
export interface EscalationTenant {
  timezone: string;
  settings: Pick<TenantSettings, 'officeHours' | 'escalation'>;
}

const ALWAYS: WorkingHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00', '24:00']]),
);

/**
 * The tenant's office hours (`settings.officeHours`, e.g. {"mon":["08:00","18:00"],...} in the
 * tenant's zone). Without them escalation timers never pause.
 */
export function officeHours(tenant: EscalationTenant): ZonedHours {
  const own = tenant.settings.officeHours;
  const hours = own && Object.values(own).some(Boolean) ? own : ALWAYS;
  return { timezone: tenant.timezone, hours };
}

export function escalationPolicy(tenant: EscalationTenant): EscalationPolicy {
  return tenant.settings.escalation;
}

/**
 * The next rung for this alert as it stands now under the tenant's hours and ladder, or null when
 * nothing is waiting. Its `dueAt` is what `alerts.escalate_at` should hold.
 * @example escalationFor(alert, tenant, clock)?.dueAt ?? null
 */
export function escalationFor(alert: EscalationInput, tenant: EscalationTenant, clock: Clock): Escalation | null {
  return nextEscalation(alert, officeHours(tenant), clock, escalationPolicy(tenant));
}
