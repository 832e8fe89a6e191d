import { decideAlert, AlertPolicy, type AlertSignal } from '../../../core/alerts/decide-alert.ts';
import type { AlertCause } from '../../../core/alerts/alert-timings.ts';
import { deliveryJobPriority } from '../../../core/alerts/delivery-job-priority.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
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
 * and `alert.route` is enqueued in the same transaction, so an alert is never left unrouted. Routing
 * is always in the fast lane: whatever raised the alert, a person is now waiting on it. With a `cause`
 * (the inbound event behind it), the alert keeps when the lead wrote and the raise is measured from it.
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
    cause?: AlertCause;
  },
  metrics?: Metrics,
): Promise<RaiseAlertResult> {
  const policy = AlertPolicy.safeParse(input.policy ?? {});
  const decision = decideAlert(input.signal, input.clock, policy.success ? policy.data : {});
  if (!decision.alert) return { outcome: 'not_alerting', reason: decision.reason };
  const raisedAt = input.clock.now();
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
    createdAt: raisedAt,
    cause: input.cause,
  });
  if (!alert) return { outcome: 'deduped', dedupeKey: decision.dedupeKey };
  // Fast lane, ahead of less urgent alerts in the order its copies will go out (a hot lead before a match).
  await queue.enqueue(
    'alert.route',
    { tenantId: input.tenantId, alertId: alert.id },
    { tx, priority: deliveryJobPriority(alert.priority) },
  );
  observeAlertStage(metrics, 'raised', { lane: 'fast', receivedAt: alert.receivedAt, at: raisedAt });
  return { outcome: 'raised', alert };
}
