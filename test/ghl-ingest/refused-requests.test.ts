import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.ts';
import { createHarness } from './harness.ts';

describe('refused GHL requests', () => {
  it('an unsigned body with a NUL byte is refused with 401, and only its first 4 KiB are kept', async () => {
    const h = await createHarness();
    const body = `{"type":"ContactCreate","x":"\u0000"}${' '.repeat(10_000)}`;
    const res = await h.app.request('/webhooks/ghl', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-ghl-signature': 'AAAA' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    const [kept] = await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.status, 'rejected'));
    expect(kept.rawBody.length).toBe(4096);
    expect(kept.rawBody).not.toContain('\u0000');
    expect(await h.jobs()).toBe(0);
  });
});
