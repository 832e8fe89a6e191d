import { decideAlert, AlertPolicy, type AlertSignal } from '../../../core/alerts/decide-alert.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { AlertRow } from '../../queries/alerts/get-alert.ts';
import { insertAlert } from '../../queries/alerts/insert-alert.ts';
import type { Tx } from '../../client.ts';
import type { JobQueue } from '../../../jobs/queue.ts';

export type RaiseAlertResult =
  | { outcome: 'raised'; alert: AlertRow }
  | { outcome: 'deduped'; dedupeKey: string }
  | { outcome: 'not_alerting'; reason: string };

/**
 * The one door into the alert stage: the core policy decides, the row is inserted (deduped by key)
 * and `alert.route` is enqueued in the same transaction, so an alert is never left unrouted.
 * @example await db.transaction((tx) => raiseAlert(tx, runtime.queue, { tenantId, signal, clock }))
 */
export async function raiseAlert(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    signal: AlertSignal;
    clock: Clock;
    /** `tenants.settings.alerts` */
    policy?: unknown;
    matchId?: string;
    details?: Record<string, unknown>;
  },
): Promise<RaiseAlertResult> {
  const policy = AlertPolicy.safeParse(input.policy ?? {});
  const decision = decideAlert(input.signal, input.clock, policy.success ? policy.data : {});
  if (!decision.alert) return { outcome: 'not_alerting', reason: decision.reason };
  const alert = await insertAlert(tx, {
    tenantId: input.tenantId,
    kind: decision.kind,
    priority: decision.priority,
    leadId: decision.leadId,
    listingKey: decision.listingKey,
    matchId: input.matchId,
    dedupeKey: decision.dedupeKey,
    reason: decision.reason,
    expiresAt: decision.expiresAt,
    details: input.details,
    createdAt: input.clock.now(),
  });
  if (!alert) return { outcome: 'deduped', dedupeKey: decision.dedupeKey };
  await queue.enqueue('alert.route', { tenantId: input.tenantId, alertId: alert.id }, { tx });
  return { outcome: 'raised', alert };
}
