import type { LeadSignal } from './detect-signals.ts';
import type { SnapshotActivity } from './lead-snapshot.ts';

const DAY = 86_400_000;

interface Timed {
  a: SnapshotActivity;
  t: number;
}

/**
 * "Saved 2 homes in Round Rock today": different listings saved in one area (city, else postal code) within
 * the 24 hours up to a fresh save. A rolling day, not the lead's calendar day: the snapshot does not carry
 * the lead's time zone. Only a fresh save fires it, so re-scoring the same saves raises nothing new.
 * @example areaSaves(acts, fresh) // [{ code: 'area_saves', area: 'Round Rock', reason: 'saved 2 homes in ...' }]
 */
export function areaSaves(acts: Timed[], fresh: Timed[], options: { homes?: number } = {}): LeadSignal[] {
  const need = options.homes ?? 2;
  const found = new Map<string, { area: string; homes: number }>();
  for (const { a, t } of fresh) {
    if (a.kind !== 'listing_save' || !a.area) continue;
    const area = a.area.toLowerCase();
    const homes = new Set(
      acts
        .filter(({ a: x, t: at }) => x.kind === 'listing_save' && x.area?.toLowerCase() === area && at <= t)
        .filter(({ t: at }) => t - at < DAY)
        .map(({ a: x }) => x.listingKey),
    ).size;
    if (homes >= need && homes > (found.get(area)?.homes ?? 0)) found.set(area, { area: a.area, homes });
  }
  return [...found.values()].map(({ area, homes }) => ({
    kind: 'hot_lead' as const,
    code: 'area_saves' as const,
    priority: 'high' as const,
    area,
    reason: `saved ${homes} homes in ${area} today`,
  }));
}
