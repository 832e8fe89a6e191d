import { fnv1a } from './seeded-random.ts';

/**
 * Splits by a hash of the lead id, not by position, so the same lead always lands on the same
 * side: the active and candidate models are judged on the same hold-out, run after run.
 */
export function splitHoldout<T extends { leadId: string }>(
  items: T[],
  options: { fraction?: number; salt?: string } = {},
): { train: T[]; holdout: T[] } {
  const fraction = options.fraction ?? 0.25;
  const salt = options.salt ?? 'holdout';
  const train: T[] = [];
  const holdout: T[] = [];
  for (const item of items) {
    (fnv1a(`${salt}:${item.leadId}`) / 4_294_967_296 < fraction ? holdout : train).push(item);
  }
  return { train, holdout };
}
