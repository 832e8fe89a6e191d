import { describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

const settled = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

/** A request body that arrives in two parts, the second when the test says so. */
function slowBody() {
  let finish = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"type":"InboundMessage",'));
      finish = () => {
        controller.enqueue(new TextEncoder().encode('"locationId":"loc_1"}'));
        controller.close();
      };
    },
  });
  return { body, finish: () => finish() };
}

describe('a webhook being answered holds back bulk jobs in the same process', () => {
  it('no bulk job starts while a GHL webhook is still arriving; one starts once it has been answered', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    expect(await settled(rt.laneGate.bulkTurn(), 500)).toBe(true);

    const { body, finish } = slowBody();
    const answer = app.request('/webhooks/ghl', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-ghl-signature': 'bm90IGEgc2lnbmF0dXJl' },
      duplex: 'half',
    } as RequestInit);
    const bulk = rt.laneGate.bulkTurn();
    expect(await settled(bulk, 300)).toBe(false);

    finish();
    // A forged signature: refused, but answered all the same.
    expect((await answer).status).toBe(401);
    expect(await settled(bulk, 1_000)).toBe(true);
  });
});
