/**
 * Bulk work yields the CPU to the fast lane inside one worker process. Separate slots keep a lead's message from
 * queueing behind a backlog in the database, but both lanes' handlers share one Node thread: while a backlog
 * drains, every step of the message's chain waited its turn behind bulk handlers' JavaScript. A bulk job starts
 * only when no fast job has run for `graceMs` (the gap between two steps of one message's chain), or after
 * `maxWaitMs`, so a steady stream of messages slows a backlog down but never starves it.
 */
export interface LaneGate {
  /** Marks a fast job running; call the returned function when it ends. */
  fastJob(): () => void;
  /** Resolves when a bulk job may start. */
  bulkTurn(): Promise<void>;
}

export function createLaneGate(options: { graceMs?: number; maxWaitMs?: number; now?: () => number } = {}): LaneGate {
  const graceMs = options.graceMs ?? 25;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  let running = 0;
  let lastEnded = Number.NEGATIVE_INFINITY;
  const quiet = () => running === 0 && now() - lastEnded >= graceMs;

  return {
    fastJob() {
      running++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        running--;
        lastEnded = now();
      };
    },
    async bulkTurn() {
      const deadline = now() + maxWaitMs;
      while (!quiet() && now() < deadline) {
        const wait = running > 0 ? graceMs : Math.max(1, graceMs - (now() - lastEnded));
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
}
