import type { AlertStatus } from './alert-types.ts';

/** The decisions that land in GHL. Other alert actions (acknowledge, snooze, dismiss…) stay ours. */
export type AlertWritebackAction =
  | { type: 'claim' }
  | { type: 'assign' }
  | { type: 'win' }
  | { type: 'lose' }
  /** Qualification learned in conversation: tags to add and a one-line summary for the note. */
  | { type: 'qualify'; tags: string[]; summary: string };

/** Which statuses are decisions GHL should hear about. */
const WRITEBACK: Partial<Record<AlertStatus, AlertWritebackAction>> = {
  claimed: { type: 'claim' },
  assigned: { type: 'assign' },
  won: { type: 'win' },
  lost: { type: 'lose' },
};

type Holding = { status: AlertStatus; assigneeId: string | null };

/**
 * What GHL should hear after an alert moved from `previous` to `next`, or null. Only a real change
 * counts (a repeated assign to the same agent says nothing new), and only one with an owner: GHL
 * assigns and notes in someone's name.
 * @example writebackForStatus({ status: 'open', assigneeId: null }, { status: 'claimed', assigneeId: 'a1' })
 * // → { type: 'claim' }
 */
export function writebackForStatus(previous: Holding | undefined, next: Holding): AlertWritebackAction | null {
  const action = WRITEBACK[next.status];
  const changed = !previous || previous.status !== next.status || previous.assigneeId !== next.assigneeId;
  return action && changed && next.assigneeId ? action : null;
}
