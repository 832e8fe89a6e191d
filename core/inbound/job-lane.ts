/**
 * Two lanes share every queue: `fast` for what a person is waiting on (a lead's message, a new lead, a reply, a
 * hot-lead alert and its delivery), `bulk` for what only has to finish (contact syncs, reconcile, imports,
 * rematches). pg-boss fetches higher priority first, so a fast job waits for a free worker slot, never for the
 * bulk backlog ahead of it.
 */
export type Lane = 'fast' | 'bulk';

/** pg-boss `priority` per lane (higher is fetched first; 0 is pg-boss's default). */
export const LANE_PRIORITY: Record<Lane, number> = { fast: 10, bulk: 0 };

/**
 * GHL webhook types a person is waiting on: a lead wrote (or an agent answered, which stops the speed-to-lead
 * clock), a new lead arrived, a showing was booked, a lead opted out (consent must land before the next send).
 */
const FAST_GHL_TYPES = new Set([
  'InboundMessage',
  'OutboundMessage',
  'SMS',
  'Email',
  'ContactCreate',
  'ContactDndUpdate',
  'AppointmentCreate',
]);

/** @example ghlEventLane('InboundMessage') // 'fast'; ghlEventLane('ContactUpdate') // 'bulk' */
export function ghlEventLane(type: string | undefined): Lane {
  return type !== undefined && FAST_GHL_TYPES.has(type) ? 'fast' : 'bulk';
}

/** The lane of a priority read back from a job (a follow-up inherits its cause's lane). */
export function laneOfPriority(priority: number | undefined): Lane {
  return (priority ?? 0) >= LANE_PRIORITY.fast ? 'fast' : 'bulk';
}
