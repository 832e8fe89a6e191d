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

/**
 * The pg-boss group of an agent copy's job: one recipient on one channel. The queue runs one job per
 * group at a time, so one agent's copies leave in priority order instead of racing each other.
 * @example deliveryJobGroup('slack', 'U123') // { id: 'slack:U123' }
 */
export function deliveryJobGroup(channel: string, recipient: string): { id: string } {
  return { id: `${channel}:${recipient}` };
}
