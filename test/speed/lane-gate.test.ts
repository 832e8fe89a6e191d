import { describe, expect, it } from 'vitest';
import { createLaneGate } from '../../jobs/lane-gate.ts';

const settled = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('bulk work yields to the fast lane in a worker process', () => {
  it('a bulk job waits while a fast job runs, and starts once the fast lane has been quiet for the grace', async () => {
    const gate = createLaneGate({ graceMs: 20, maxWaitMs: 10_000 });
    expect(await settled(gate.bulkTurn(), 200)).toBe(true);

    const fastDone = gate.fastJob();
    const turn = gate.bulkTurn();
    expect(await settled(turn, 150)).toBe(false);
    fastDone();
    expect(await settled(turn, 500)).toBe(true);
  });

  it('a steady stream of fast jobs slows bulk work down but never starves it', async () => {
    const gate = createLaneGate({ graceMs: 20, maxWaitMs: 300 });
    const stillRunning = gate.fastJob();
    try {
      expect(await settled(gate.bulkTurn(), 2_000)).toBe(true);
    } finally {
      stillRunning();
    }
  });
});
