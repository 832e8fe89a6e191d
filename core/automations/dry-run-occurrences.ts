import { DateTime } from 'luxon';
import type { AutomationRule } from './automation-rule.ts';
import type { DryRunOccurrence } from './dry-run.ts';

type SilenceEvent = 'no_inbound' | 'no_human_contact';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** How long a time-based rule waits for silence, or null for other rules. */
export function silenceThreshold(rule: AutomationRule): { event: SilenceEvent; ms: number } | null {
  if (rule.when.event === 'no_inbound') return { event: 'no_inbound', ms: rule.when.days * 86_400_000 };
  if (rule.when.event === 'no_human_contact') return { event: 'no_human_contact', ms: rule.when.hours * 3_600_000 };
  return null;
}

/**
 * When a silence rule would have found her: every stretch without contact (from her creation or her last
 * contact before the window, then from each contact in it) that lasted the threshold fires once, at its
 * start plus the threshold, when that moment falls in the window.
 * @example silenceOccurrences(rule, { createdAt, lastBefore: null, times: [] }, window) // Nov 1 + 5 days: Nov 6
 */
export function silenceOccurrences(
  rule: AutomationRule,
  contacts: { createdAt: Date; lastBefore: Date | null; times: readonly Date[] },
  window: { since: Date; until: Date },
): DryRunOccurrence[] {
  const threshold = silenceThreshold(rule);
  if (!threshold) return [];
  const first = (contacts.lastBefore ?? contacts.createdAt).getTime();
  const starts = [...new Set([first, ...contacts.times.map((t) => t.getTime()).filter((t) => t > first)])].sort(
    (a, b) => a - b,
  );
  const found: DryRunOccurrence[] = [];
  starts.forEach((start, i) => {
    const fire = start + threshold.ms;
    const nextContact = starts[i + 1] ?? Infinity;
    if (fire >= nextContact || fire < window.since.getTime() || fire > window.until.getTime()) return;
    found.push({
      event: threshold.event,
      occurrence: `${threshold.event}:${rule.id}:${new Date(start).toISOString()}`,
      at: new Date(fire).toISOString(),
      causedBy: [],
      onlyRules: [rule.id],
    });
  });
  return found;
}

/** Every moment a `schedule` rule's clock struck in the window (its `at`, on its days, in the team's zone). */
export function scheduleTimes(rule: AutomationRule, window: { since: Date; until: Date }, timeZone: string): Date[] {
  if (rule.when.event !== 'schedule') return [];
  const [hour, minute] = rule.when.at.split(':').map(Number);
  const days = rule.when.days;
  const times: Date[] = [];
  const last = DateTime.fromJSDate(window.until, { zone: timeZone }).startOf('day');
  for (
    let day = DateTime.fromJSDate(window.since, { zone: timeZone }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    if (days && !days.includes(WEEKDAYS[day.weekday - 1])) continue;
    const at = day.set({ hour, minute }).toJSDate();
    if (at >= window.since && at <= window.until) times.push(at);
  }
  return times;
}

/** A schedule strike as one lead's occurrence (the tick hands every lead to the rule; its `if` picks). */
export function scheduleOccurrence(rule: AutomationRule, at: Date): DryRunOccurrence {
  return {
    event: 'schedule',
    occurrence: `schedule:${rule.id}:${at.toISOString()}`,
    at: at.toISOString(),
    causedBy: [],
    onlyRules: [rule.id],
  };
}

/** A stored RESO change as a rule's `listing_event` change, or null when no rule can ask for it. */
export function listingEventChange(change: {
  changeType: string;
  previousPrice: number | null;
  newPrice: number | null;
}): 'price_drop' | 'back_on_market' | 'new_listing' | null {
  if (change.changeType === 'PriceChange')
    return change.previousPrice !== null && change.newPrice !== null && change.newPrice < change.previousPrice
      ? 'price_drop'
      : null;
  if (change.changeType === 'BackOnMarket') return 'back_on_market';
  if (change.changeType === 'NewListing') return 'new_listing';
  return null;
}

/**
 * Her score bands in order (each scoring, oldest first, with the band before it): a change of band is a
 * `score_crossed` into the new one. A first score counts as crossing into its band.
 */
export function scoreCrossings(
  scorings: ReadonlyArray<{ id: string; at: Date; temperature: string | null; previous: string | null }>,
): DryRunOccurrence[] {
  return scorings
    .filter((s) => s.temperature && s.temperature !== s.previous)
    .map((s) => ({
      event: 'score_crossed' as const,
      occurrence: `scored:${s.id}`,
      at: s.at.toISOString(),
      band: s.temperature,
      causedBy: [],
    }));
}
