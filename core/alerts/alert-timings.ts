/**
 * Speed to chat: an alert keeps when each step between a lead writing and the agent's chat happened
 * (`alerts.received_at` … `delivered_at`). These are the stages measured from the receipt, in order.
 */
export const ALERT_STAGES = ['applied', 'scored', 'raised', 'routed', 'delivered'] as const;
export type AlertStage = (typeof ALERT_STAGES)[number];

/**
 * What caused an alert, carried along the chain so the alert can say when the lead wrote: the inbound event's
 * receipt, when it was applied, and when the lead was re-scored (absent for an alert raised straight from the
 * event, such as a reply alert).
 */
export interface AlertCause {
  receivedAt: Date;
  appliedAt?: Date | null;
  scoredAt?: Date | null;
}

/**
 * Seconds from receipt to `at`; undefined without a receipt. Never negative: the receipt is stamped by the
 * database and the later stages by the process clock, and a few microseconds of disagreement is not a latency.
 * @example secondsSinceReceipt(new Date(0), new Date(140)) // 0.14
 */
export function secondsSinceReceipt(receivedAt: Date | null | undefined, at: Date): number | undefined {
  if (!receivedAt) return undefined;
  return Math.max(0, at.getTime() - receivedAt.getTime()) / 1000;
}

/** @example formatLatency(0.14) // '140 ms'; formatLatency(2.5) // '2.5 s'; formatLatency(125) // '2 min 5 s' */
export function formatLatency(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms < 1000) return `${ms} ms`;
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
