import type { CrmEvent } from '../../../core/ghl/crm-event.ts';
import { ghlEventId, ghlEventTime, isGhlEventTooOld } from '../../../core/ghl/ghl-event-id.ts';
import { normalizeGhlEvent } from '../../../core/ghl/normalize-ghl-event.ts';
import type { LocationRecord } from '../../queries/crm-apply/locations.ts';

/** Where the location's owner is read from: the database, or the ingest path's cache of it. */
export type LocationLookup = (locationId: string) => Promise<LocationRecord | undefined>;

export interface GhlDelivery {
  eventId: string;
  type: string | null;
  sentAt: Date | null;
}

export type GhlVerdict =
  | { status: 'accepted'; tenantId: string; event: CrmEvent }
  | { status: 'ignored' | 'quarantined'; reason: string; tenantId?: string };

/** Identity of a parsed delivery: the dedupe key and what we show in `quarantine list`. */
export function describeGhlDelivery(payload: unknown): GhlDelivery {
  const type =
    payload && typeof payload === 'object' && typeof (payload as { type?: unknown }).type === 'string'
      ? (payload as { type: string }).type
      : null;
  return { eventId: ghlEventId(payload), type, sentAt: ghlEventTime(payload).sentAt };
}

/**
 * Decides what a verified GHL delivery is: accepted for a tenant, ignored (too old, unknown type,
 * nothing for us), or quarantined (schema drift, a location no tenant owns). `now` is when we
 * received it, so a replay judges the 72 h rule by the original receipt, not by today.
 */
export async function classifyGhlDelivery(
  lookupLocation: LocationLookup,
  payload: unknown,
  now: Date,
): Promise<GhlVerdict> {
  const time = ghlEventTime(payload);
  if (isGhlEventTooOld(time, now)) {
    return { status: 'ignored', reason: `sent at ${time.sentAt!.toISOString()}, more than 72 h before it reached us` };
  }
  const normalized = normalizeGhlEvent(payload);
  if (normalized.kind === 'ignored') return { status: 'ignored', reason: normalized.reason };
  if (normalized.kind === 'invalid') return { status: 'quarantined', reason: `schema drift: ${normalized.reason}` };
  const event = normalized.event;
  const isApp = event.type === 'app.installed' || event.type === 'app.uninstalled';
  if (!event.locationId) {
    if (isApp)
      return {
        status: 'ignored',
        reason:
          `agency-level ${event.type === 'app.installed' ? 'install' : 'uninstall'} ` +
          `(company ${event.companyId ?? 'unknown'}): locations register when the app is installed on them`,
      };
    return { status: 'quarantined', reason: `${event.type} event has no locationId, so no tenant can be chosen` };
  }
  const location = await lookupLocation(event.locationId);
  if (!location) {
    if (event.type === 'app.uninstalled')
      return { status: 'ignored', reason: `uninstall from GHL location ${event.locationId}, which no tenant owns` };
    return {
      status: 'quarantined',
      reason:
        `unknown GHL location ${event.locationId}: add it with ` +
        `\`porchlight tenant add --ghl-location ${event.locationId}\`, then \`porchlight quarantine replay\``,
    };
  }
  // An (un)install reaches its tenant even while the location is marked uninstalled: that is how
  // a location comes back.
  if (location.uninstalledAt && !isApp) {
    return {
      status: 'quarantined',
      tenantId: location.tenantId,
      reason: `GHL location ${event.locationId} was uninstalled at ${location.uninstalledAt.toISOString()}`,
    };
  }
  return { status: 'accepted', tenantId: location.tenantId, event };
}
