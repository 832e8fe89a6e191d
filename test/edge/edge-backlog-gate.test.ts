import { describe, expect, it } from 'vitest';
import { createEdgeBacklogGate } from '../../webhooks/edge/edge-backlog-gate.ts';

describe('the edge backlog gate (one per Worker isolate)', () => {
  it('recounts at most once per interval, on the request that finds it stale, and says when over', async () => {
    let now = 0;
    let backlog = 5;
    let counts = 0;
    const count = async () => (counts++, backlog);
    const gate = createEdgeBacklogGate({ maxBacklog: 10, refreshMs: 1000, now: () => now });

    await gate.recountIfStale(count);
    expect(gate.check()).toEqual({ over: false, backlog: 5, maxBacklog: 10, retryAfterSeconds: 10 });
    backlog = 11;
    now = 999;
    await gate.recountIfStale(count);
    expect(counts).toBe(1);
    expect(gate.check().over).toBe(false);
    now = 1000;
    await gate.recountIfStale(count);
    expect(counts).toBe(2);
    expect(gate.check()).toMatchObject({ over: true, backlog: 11 });
  });

  it('lets the requests that arrive during a count use the last count instead of counting too', async () => {
    let release: (n: number) => void = () => {};
    let counts = 0;
    const slow = () => (counts++, new Promise<number>((resolve) => (release = resolve)));
    const gate = createEdgeBacklogGate({ maxBacklog: 10, now: () => 5000 });
    const first = gate.recountIfStale(slow);
    await gate.recountIfStale(slow);
    expect(counts).toBe(1);
    release(20);
    await first;
    expect(gate.check().over).toBe(true);
  });
});
