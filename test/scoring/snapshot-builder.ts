import type { LeadSnapshot, SnapshotActivity } from '../../core/scoring/lead-snapshot.ts';

export const NOW = '2026-03-08T15:00:00Z';
const now = new Date(NOW).getTime();

/** An activity `minutesAgo` before NOW. */
export function act(
  kind: SnapshotActivity['kind'],
  minutesAgo: number,
  extra: Partial<SnapshotActivity> = {},
): SnapshotActivity {
  return { kind, occurredAt: new Date(now - minutesAgo * 60_000), ...extra };
}
export const inbound = (minutesAgo: number, body?: string) =>
  act('message', minutesAgo, { direction: 'inbound', body });
export const outbound = (minutesAgo: number, human = false) =>
  act('message', minutesAgo, { direction: 'outbound', human });

export const DAY_MIN = 24 * 60;

export function snapshot(over: Partial<LeadSnapshot> = {}): LeadSnapshot {
  return {
    leadId: 'lead-1',
    source: 'Website',
    preApproved: null,
    budgetMin: null,
    budgetMax: null,
    timelineMonths: null,
    areas: [],
    beds: null,
    tags: [],
    createdAt: new Date(now - 10 * 86_400_000),
    lastHumanContactAt: null,
    activities: [],
    savedSearchCount: 0,
    matchingListingCount: null,
    opportunity: null,
    ...over,
  };
}
