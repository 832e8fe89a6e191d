import type { Clock } from '../time/clock.ts';
import { isInbound } from './lead-features.ts';
import type { LeadSnapshot } from './lead-snapshot.ts';

export interface LabelOptions {
  /** An open lead silent this long counts as lost: teams rarely mark dead leads lost in GHL. */
  silenceDays?: number;
}

/**
 * The training label for a lead: 1 won, 0 lost (GHL `lost`/`abandoned`, or open but silent for
 * `silenceDays`), null while the outcome is still unknown (such leads are left out of training).
 */
export function labelOutcome(snapshot: LeadSnapshot, clock: Clock, options: LabelOptions = {}): 0 | 1 | null {
  const status = snapshot.opportunity?.status?.toLowerCase();
  if (status === 'won') return 1;
  if (status === 'lost' || status === 'abandoned') return 0;
  const silenceMs = (options.silenceDays ?? 45) * 86_400_000;
  const now = clock.now().getTime();
  const lastHeard = snapshot.activities
    .filter(isInbound)
    .map((a) => new Date(a.occurredAt).getTime())
    .filter((t) => t <= now)
    .reduce((m, t) => Math.max(m, t), new Date(snapshot.createdAt).getTime());
  return now - lastHeard >= silenceMs ? 0 : null;
}
