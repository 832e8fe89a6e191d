import { createHash } from 'node:crypto';

/** GHL retries deliveries for days; older than this we refuse (issue 3). */
export const GHL_MAX_EVENT_AGE_MS = 72 * 60 * 60 * 1000;

type Loose = Record<string, unknown>;
const asObject = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const asText = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/**
 * The dedupe key of a delivery: GHL's `webhookId`, else `type:id:timestamp`. The doc examples
 * (and some older deliveries) have neither webhookId nor timestamp; then a hash of the payload
 * stands in for the timestamp, so a byte-identical redelivery still dedupes while two different
 * updates of one record do not collapse into one.
 * @example ghlEventId({ webhookId: 'wh_1' }) // 'wh_1'
 */
export function ghlEventId(payload: unknown): string {
  const p = asObject(payload);
  const webhookId = asText(p.webhookId);
  if (webhookId) return webhookId;
  const appointment = asObject(p.appointment);
  const id =
    asText(p.id) ??
    asText(p.messageId) ??
    asText(appointment.id) ??
    [asText(p.appId), asText(p.locationId) ?? asText(p.companyId)].filter(Boolean).join('/');
  const at = asText(p.timestamp) ?? asText(p.dateUpdated) ?? asText(appointment.dateUpdated);
  const stamp = at ?? `sha256-${createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 32)}`;
  return `${asText(p.type) ?? 'unknown'}:${id}:${stamp}`;
}

export interface GhlEventTime {
  /** When GHL sent the event (top-level `timestamp`): what the 72 h age rule compares. */
  sentAt: Date | null;
  /**
   * The entity's own version clock for out-of-order protection: `dateUpdated` when the payload
   * has one, else the send time, else `dateAdded`. Store it with the row and apply an update only
   * when it is not older than the stored one.
   */
  updatedAt: Date | null;
}

export function ghlEventTime(payload: unknown): GhlEventTime {
  const p = asObject(payload);
  const appointment = asObject(p.appointment);
  const sentAt = toDate(p.timestamp);
  const updatedAt =
    toDate(p.dateUpdated) ??
    toDate(appointment.dateUpdated) ??
    sentAt ??
    toDate(p.dateAdded) ??
    toDate(appointment.dateAdded);
  return { sentAt, updatedAt };
}

/** True when GHL says it sent the event more than `maxAgeMs` ago; unknown send time is not "old". */
export function isGhlEventTooOld(time: GhlEventTime, now: Date, maxAgeMs = GHL_MAX_EVENT_AGE_MS): boolean {
  return time.sentAt !== null && now.getTime() - time.sentAt.getTime() > maxAgeMs;
}

export function toDate(v: unknown): Date | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
