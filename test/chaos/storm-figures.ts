/** A provider outage window that opens with the first call it sees and lasts `seconds`. */
export function stormClock(seconds: number) {
  let startedAt: number | undefined;
  const ms = seconds * 1000;
  return {
    ms,
    now: () => Date.now(),
    /** True while the storm lasts; the first call asked about starts it. */
    raging(at: number): boolean {
      startedAt ??= at;
      return at < startedAt + ms;
    },
    get endsAt(): number {
      if (startedAt === undefined) throw new Error('the storm never started: no call reached the provider');
      return startedAt + ms;
    },
  };
}

export interface StormCall {
  at: number;
  ok: boolean;
}

// Calls already on the wire when a 429 came back are not "sooner than Retry-After"; 100 ms covers the
// in-process hop between msw answering and the client reading the answer.
const IN_FLIGHT_MS = 100;

/**
 * Calls made while the storm lasted, and how many of them went out sooner than Retry-After after an
 * earlier 429 had been answered (hammering a provider that asked us to wait).
 */
export function callsDuringStorm(calls: StormCall[], endsAt: number, retryAfterSeconds: number) {
  const during = calls.filter((c) => c.at < endsAt);
  const refusals = calls.filter((c) => !c.ok).map((c) => c.at);
  const wait = retryAfterSeconds * 1000;
  const tooSoon = calls.filter((c) =>
    refusals.some((refusedAt) => c.at > refusedAt + IN_FLIGHT_MS && c.at < refusedAt + wait - IN_FLIGHT_MS),
  ).length;
  return { count: during.length, tooSoon };
}

/** Pairs, within one group (one agent's DM), where a less urgent message arrived before a more urgent one. */
export function orderViolations(arrivals: Array<{ group: string; rank: number }>): number {
  let violations = 0;
  arrivals.forEach((earlier, i) => {
    for (const later of arrivals.slice(i + 1))
      if (later.group === earlier.group && later.rank > earlier.rank) violations++;
  });
  return violations;
}
