import type { AlertPriority } from './alert-types.ts';

const RANK: Record<AlertPriority, number> = { critical: 30, high: 20, normal: 10, low: 0 };

/**
 * The pg-boss job priority of an alert copy's `alert.deliver` job (higher is fetched first). When
 * deliveries pile up behind a provider's rate limit, the due ones go out most urgent first.
 * @example deliveryJobPriority('critical') // 30
 */
export function deliveryJobPriority(priority: AlertPriority | string | null | undefined): number {
  return priority && priority in RANK ? RANK[priority as AlertPriority] : 0;
}
