import { and, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** The statuses in which an alert still waits on someone, so it can expire or escalate. */
const WAITING = ['open', 'claimed', 'assigned', 'acknowledged'] as const;

export interface DueAlert {
  id: string;
  tenantId: string;
}

/** Waiting alerts past `expires_at`, at most `limit` per pass. */
export async function alertsPastExpiry(db: Executor, now: Date, limit: number): Promise<DueAlert[]> {
  return db
    .select({ id: alerts.id, tenantId: alerts.tenantId })
    .from(alerts)
    .where(and(lte(alerts.expiresAt, now), inArray(alerts.status, [...WAITING])))
    .limit(limit);
}

/**
 * Waiting alerts whose escalation deadline passed, or whose snooze ended since the last step
 * fired (so a snooze end re-notifies once), at most `limit` per pass.
 */
export async function alertsDueForEscalation(db: Executor, now: Date, limit: number): Promise<DueAlert[]> {
  return db
    .select({ id: alerts.id, tenantId: alerts.tenantId })
    .from(alerts)
    .where(
      and(
        inArray(alerts.status, [...WAITING]),
        or(
          lte(alerts.escalateAt, now),
          and(
            isNotNull(alerts.snoozedUntil),
            lte(alerts.snoozedUntil, now),
            or(isNull(alerts.lastEscalatedAt), lt(alerts.lastEscalatedAt, alerts.snoozedUntil)),
          ),
        ),
      ),
    )
    .limit(limit);
}
