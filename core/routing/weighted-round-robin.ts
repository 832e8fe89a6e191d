/**
 * Smooth weighted round robin (as in nginx): each turn every candidate gains its weight in credit,
 * the richest wins and pays back the total. Weights 3:2:1 give a b a c a b, exactly 3:2:1 over every
 * six turns, and never a long run of the heaviest agent. Deterministic: the credit is the stored
 * cursor, so the same state always picks the same agent.
 * Agents absent this turn (unavailable) keep their credit unchanged; agents no longer in the pool
 * are forgotten.
 */
export function weightedRoundRobin(
  candidates: ReadonlyArray<{ id: string; weight: number }>,
  credit: Readonly<Record<string, number>>,
  poolIds: readonly string[],
): { agentId: string; credit: Record<string, number> } | null {
  if (candidates.length === 0) return null;
  const next: Record<string, number> = {};
  for (const id of poolIds) next[id] = credit[id] ?? 0;
  const total = candidates.reduce((sum, c) => sum + c.weight, 0);
  let best: string | null = null;
  for (const c of candidates) {
    next[c.id] = (next[c.id] ?? 0) + c.weight;
    if (best === null || next[c.id] > next[best]) best = c.id;
  }
  next[best!] -= total;
  return { agentId: best!, credit: next };
}
