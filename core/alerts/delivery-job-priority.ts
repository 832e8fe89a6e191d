import { LANE_PRIORITY } from '../inbound/job-lane.ts';
import type { AlertPriority } from './alert-types.ts';

const RANK: Record<AlertPriority, number> = { critical: 30, high: 20, normal: 10, low: 0 };

/**
 * The pg-boss job priority of an alert copy's `alert.deliver` job (higher is fetched first). Every
 * alert copy is in the fast lane (at or above `LANE_PRIORITY.fast`), so it never waits behind bulk
 * work such as digests; among due copies (a pile-up behind a provider's rate limit) the most urgent
 * go out first. A message about no alert (a digest) is bulk.
 * @example deliveryJobPriority('critical') // 40; deliveryJobPriority(undefined) // 0
 */
export function deliveryJobPriority(priority: AlertPriority | string | null | undefined): number {
  return priority && priority in RANK ? LANE_PRIORITY.fast + RANK[priority as AlertPriority] : LANE_PRIORITY.bulk;
}

/**
 * The pg-boss group of an agent copy's job: one recipient on one channel. The queue runs one job per
 * group at a time, so one agent's copies leave in priority order instead of racing each other.
 * @example deliveryJobGroup('slack', 'U123') // { id: 'slack:U123' }
 */
export function deliveryJobGroup(channel: string, recipient: string): { id: string } {
  return { id: `${channel}:${recipient}` };
}
