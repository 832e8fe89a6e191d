/** The only way domain code learns the time: injected, so tests can pin or advance it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. @example const clock = fixedClock('2026-03-08T06:59:00Z'); clock.advance(60_000) */
export function fixedClock(start: string | Date): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
