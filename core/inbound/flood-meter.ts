/**
 * Counts events per key (a GHL location) in fixed one-minute windows, so a runaway integration
 * (a workflow stuck in a loop, a bulk update of every contact) is noticed by the event that crosses
 * the cap. Plain in-memory state: each process meters what it receives, which is enough to stop
 * one location from drowning the queue. The clock is passed in.
 * @example const meter = createFloodMeter(600); meter.hit('loc_1', clock.now()) // { over: false, count: 1 }
 */
export interface FloodMeter {
  readonly limitPerMinute: number;
  hit(key: string, now: Date): { over: boolean; count: number };
}

const WINDOW_MS = 60_000;

export function createFloodMeter(limitPerMinute: number): FloodMeter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    limitPerMinute,
    hit(key, now) {
      const window = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
      if (window !== windowStart) {
        // A new minute forgets the last one wholesale: the map never holds more than one minute of keys.
        windowStart = window;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { over: count > limitPerMinute, count };
    },
  };
}
