import type { TenantSettings } from '../../../core/settings/tenant-settings.ts';
import type { CountryCode } from 'libphonenumber-js';
import type { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { TriggerOccurrence } from '../../../core/automations/automation-trigger.ts';

export interface ApplyContext {
  tenantId: string;
  /** `tenants.settings`: ghlFieldMap, defaultCountry, alert policy... */
  settings: TenantSettings;
  clock: Clock;
  /** Where the event came from in our store, for activity provenance. */
  source: 'ghl' | 'api';
  /** Keys our `/l/:token` lead-page links are signed with: an engagement on one of them names its listing. */
  leadPageSecret?: readonly string[];
}

/**
 * What applying one event asks the caller to do next, in the same transaction: the apply layer
 * only writes rows, the job layer owns queues and alerts.
 */
export interface ApplyEffects {
  /** applied: rows changed; stale: an older update than what we hold (ignored on purpose); noop: nothing to do. */
  outcome: 'applied' | 'stale' | 'noop';
  detail: string;
  /** Leads whose score may have moved. */
  rescore: string[];
  /** An inbound message arrived: raise `lead_reply` for these leads. */
  replied: string[];
  /** Inbound messages with text to read for facts (`lead.facts`, which re-scores the lead after). */
  said?: Array<{ leadId: string; activityId: string }>;
  /** What the lead's CRM fields say they search for: their `ghl` saved search should say the same. */
  searches?: Array<{ leadId: string; criteria: SavedSearchCriteria }>;
  /** The lead's deal was won or lost in the CRM: her alerts close with it. */
  outcomes?: Array<{ leadId: string; status: 'won' | 'lost' }>;
  /** What happened that the team's automations may act on (queued as `automation.trigger` with the event). */
  automation?: Array<{ leadId: string; trigger: TriggerOccurrence }>;
  /** A person on the team reached the lead (speed-to-lead stops here). */
  humanContact: Array<{ leadId: string; ghlUserId: string | null; at: Date }>;
}

export const noEffects = (outcome: ApplyEffects['outcome'], detail: string): ApplyEffects => ({
  outcome,
  detail,
  rescore: [],
  replied: [],
  humanContact: [],
});

export function defaultCountry(settings: TenantSettings): CountryCode {
  return settings.defaultCountry as CountryCode;
}

/** The entity's own clock when the CRM gave one, else when we processed it. */
export function eventTime(event: { updatedAt: string | null; sentAt: string | null }, clock: Clock): Date {
  return new Date(event.updatedAt ?? event.sentAt ?? clock.now().toISOString());
}
