import { describe, expect, it } from 'vitest';
import { listInboundEvents } from '../../db/queries/inbound-events.ts';
import { leadDetailCounts } from './scale-fixtures.ts';
import { runJob } from '../../jobs/run-job.ts';
import { createHarness, fixture, tenantOwning } from '../ghl-ingest/harness.ts';

const LOCATION = 've9EPM428h8vShlRW1KT';
const CONTACT = 'order-contact-1';

/** A contact's first webhook, then two texts from her, each its own delivery. */
const deliveries = () => [
  { ...fixture('ContactCreate.json'), id: CONTACT, phone: '+15125550111', webhookId: 'order-1' },
  { ...fixture('InboundMessage.sms.json'), contactId: CONTACT, messageId: 'order-m2', body: 'Is it still available?' },
  { ...fixture('InboundMessage.sms.json'), contactId: CONTACT, messageId: 'order-m3', body: 'Can I see it Sunday?' },
];

describe('one contact’s events, whichever job runs first', () => {
  it('applies her earlier events first when a worker claims her latest one ahead of them', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, [LOCATION]);
    const bodies = deliveries().map((d, n) => ({
      ...d,
      locationId: LOCATION,
      webhookId: `order-${n + 1}`,
      timestamp: new Date().toISOString(),
    }));
    for (const body of bodies) expect((await h.post(body)).status).toBe(200);

    // What a second process can do: claim her last event while the first two still wait (pg-boss's group
    // limit holds one fetch at a time, not two fetching at once, and a batch's jobs share a creation time).
    const { boss } = h.rt.queue;
    const claimed = await boss.fetch('ghl.event', { batchSize: 10, includeMetadata: true });
    expect(claimed).toHaveLength(3);
    const stored = await listInboundEvents(h.rt.db, { provider: 'ghl' });
    const bySeq = [...stored].sort((a, b) => a.seq - b.seq);
    const last = claimed.find((j) => (j.data as { inboundEventId: string }).inboundEventId === bySeq[2].id)!;
    await runJob(h.rt, 'ghl.event', last);
    await boss.complete('ghl.event', last.id);

    const applied = (await listInboundEvents(h.rt.db, { provider: 'ghl' })).sort((a, b) => a.seq - b.seq);
    expect(applied.map((e) => e.status)).toEqual(['processed', 'processed', 'processed']);
    const times = applied.map((e) => e.processedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // The earlier events' own jobs find them applied and change nothing.
    for (const job of claimed.filter((j) => j.id !== last.id)) {
      await runJob(h.rt, 'ghl.event', job);
      await boss.complete('ghl.event', job.id);
    }
    expect(await leadDetailCounts(h.rt.db, CONTACT)).toEqual({ leads: 1, messages: 2 });
    const after = (await listInboundEvents(h.rt.db, { provider: 'ghl' })).sort((a, b) => a.seq - b.seq);
    expect(after.map((e) => e.processedAt!.getTime())).toEqual(times);
  });

  it('two workers running two of her events at once apply them in arrival order', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, [LOCATION]);
    for (const [n, d] of deliveries().entries())
      expect(
        (await h.post({ ...d, locationId: LOCATION, webhookId: `both-${n}`, timestamp: new Date().toISOString() }))
          .status,
      ).toBe(200);
    const { boss } = h.rt.queue;
    const claimed = await boss.fetch('ghl.event', { batchSize: 10, includeMetadata: true });
    // Latest first, at once: the lock makes one wait, and whichever goes first applies what came before.
    await Promise.all(
      [...claimed].reverse().map(async (job) => {
        await runJob(h.rt, 'ghl.event', job);
        await boss.complete('ghl.event', job.id);
      }),
    );
    const applied = (await listInboundEvents(h.rt.db, { provider: 'ghl' })).sort((a, b) => a.seq - b.seq);
    expect(applied.map((e) => e.status)).toEqual(['processed', 'processed', 'processed']);
    const times = applied.map((e) => e.processedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await leadDetailCounts(h.rt.db, CONTACT)).toEqual({ leads: 1, messages: 2 });
  });
});
