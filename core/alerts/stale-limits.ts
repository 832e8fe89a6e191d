import type { Temperature } from '../scoring/score-lead.ts';

const DAY_MINUTES = 24 * 60;

/** The two stale knobs of `tenants.settings.alerts`, parsed (defaults filled in). */
export interface StalePolicy {
  /** An engaged lead with no human contact this many days is stale, whatever her temperature. */
  staleAfterDays: number;
  /** Per temperature, in minutes, overriding `staleAfterDays` for that temperature (hot: one day by default). */
  staleAfterMinutes: Partial<Record<Temperature, number>>;
}

/**
 * Minutes without human contact after which an engaged lead of this temperature is stale: the
 * temperature's own limit when the team set one (hot has one by default), else `staleAfterDays`.
 * @example staleLimitMinutes({ staleAfterDays: 3, staleAfterMinutes: { hot: 1440 } }, 'cold') // 4320
 */
export function staleLimitMinutes(policy: StalePolicy, temperature: Temperature): number {
  return policy.staleAfterMinutes[temperature] ?? policy.staleAfterDays * DAY_MINUTES;
}

/** The shortest limit of any temperature, in days: signal detection looks from there, the policy decides. */
export function shortestStaleDays(policy: StalePolicy): number {
  const limits = (['hot', 'warm', 'cold'] as const).map((t) => staleLimitMinutes(policy, t));
  return Math.min(...limits) / DAY_MINUTES;
}
