import { describe, expect, it, onTestFinished } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inboundEvents, tenantLocations } from '../../db/schema/index.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createLocationDirectory } from '../../db/use-cases/inbound/location-directory.ts';
import type { InboundWrite } from '../../db/use-cases/inbound/write-inbound-batch.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { createHarness, fixture, tenantOwning, type Harness } from './harness.ts';

const contact = (over: Record<string, unknown>) => ({ ...fixture('ContactUpdate.json'), ...over });

/** Swaps in a location directory that reports each location the database says changed. */
function watchLocations(h: Harness): Set<string> {
  const forgotten = new Set<string>();
  const directory = createLocationDirectory(h.rt.database, { onForget: (id) => forgotten.add(id) });
  onTestFinished(() => directory.close());
  h.rt.locations = directory;
  return forgotten;
}

async function storedTenant(h: Harness, res: Response): Promise<string | null> {
  const body = (await res.json()) as { id: string };
  const [row] = await h.rt.db.select().from(inboundEvents).where(eq(inboundEvents.id, body.id));
  return row.tenantId;
}

async function jobsFor(h: Harness, inboundEventId: string): Promise<number> {
  const r = await h.rt.db.execute(
    sql`select count(*)::int as n from pgboss.job where name = 'ghl.event' and data->>'inboundEventId' = ${inboundEventId}`,
  );
  return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0].n);
}

describe('the location cache on the ingest path', () => {
  it('a location moved to another team sends its next event to the new team', async () => {
    const h = await createHarness();
    const forgotten = watchLocations(h);
    const { tenant: first } = await tenantOwning(h.rt, ['loc_moving']);
    expect(await storedTenant(h, await h.post(contact({ webhookId: 'mv-1', locationId: 'loc_moving' })))).toBe(
      first.id,
    );
    // The cached answer now says "first team"; the move is a support action straight in the database.
    const { tenant: second } = await h.rt.db.transaction(async (tx) => {
      await tx.delete(tenantLocations).where(eq(tenantLocations.locationId, 'loc_moving'));
      return createTenant(tx, { name: 'New Owners', ghlLocations: ['loc_moving'] });
    });
    await waitFor(() => (forgotten.has('loc_moving') ? true : undefined));
    expect(await storedTenant(h, await h.post(contact({ webhookId: 'mv-2', locationId: 'loc_moving' })))).toBe(
      second.id,
    );
  });

  it('an unknown location is remembered as unknown until a team adds it, then its next event is accepted', async () => {
    const h = await createHarness();
    const forgotten = watchLocations(h);
    const early = await h.post(contact({ webhookId: 'late-1', locationId: 'loc_late' }));
    expect(await early.json()).toMatchObject({ status: 'quarantined' });
    const again = await h.post(contact({ webhookId: 'late-2', locationId: 'loc_late' }));
    expect(await again.json()).toMatchObject({ status: 'quarantined' });
    const { tenant } = await tenantOwning(h.rt, ['loc_late']);
    await waitFor(() => (forgotten.has('loc_late') ? true : undefined));
    const res = await h.post(contact({ webhookId: 'late-3', locationId: 'loc_late' }));
    expect(res.status).toBe(200);
    expect(await storedTenant(h, res.clone())).toBe(tenant.id);
    expect(await res.json()).toMatchObject({ status: 'accepted' });
  });
});

describe('group commit', () => {
  it('concurrent webhooks each get their own answer (a repeat names the event it repeats), one job per new event', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, ['loc_burst']);
    const bodies = Array.from({ length: 40 }, (_, i) =>
      contact({ webhookId: `burst-${i % 30}`, locationId: 'loc_burst', id: `c-${i}` }),
    );
    const answers = await Promise.all(
      bodies.map(async (b) => (await (await h.post(b)).json()) as { status: string; id: string }),
    );
    expect(answers.filter((a) => a.status === 'accepted')).toHaveLength(30);
    expect(answers.filter((a) => a.status === 'duplicate')).toHaveLength(10);
    // A duplicate names the event it repeats.
    for (let i = 30; i < 40; i++) expect(answers[i].id).toBe(answers.find((a, j) => j % 30 === i % 30)!.id);
    expect(await h.jobs()).toBe(30);
  });

  it('a batch with a duplicate and a row the database refuses answers each request on its own', async () => {
    const h = await createHarness();
    const { tenant } = await tenantOwning(h.rt, ['loc_mixed']);
    const event = (eventId: string, tenantId: string): InboundWrite => ({
      event: {
        provider: 'ghl',
        eventId,
        type: 'ContactUpdate',
        status: 'accepted',
        verified: true,
        signatureScheme: 'ed25519',
        rawBody: JSON.stringify(contact({ webhookId: eventId, locationId: 'loc_mixed' })),
        tenantId,
      },
      job: { queue: 'ghl.event', lane: 'bulk' },
    });
    const earlier = await h.rt.inboundWriter.write(event('mixed-old', tenant.id));
    // Written in the same turn of the event loop: one batch. The third names a team deleted a moment ago.
    const [fresh, repeat, refused] = await Promise.allSettled([
      h.rt.inboundWriter.write(event('mixed-new', tenant.id)),
      h.rt.inboundWriter.write(event('mixed-old', tenant.id)),
      h.rt.inboundWriter.write(event('mixed-orphan', randomUUID())),
    ]);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
    expect(repeat).toEqual({ status: 'fulfilled', value: { id: earlier.id, duplicate: true } });
    // Not the sender's fault, and worth a retry: the route answers 503 with Retry-After.
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'unavailable' } });
    const stored = await h.rt.db.select({ eventId: inboundEvents.eventId }).from(inboundEvents);
    expect(stored.map((r) => r.eventId).sort()).toEqual(['mixed-new', 'mixed-old']);
    expect(await jobsFor(h, (fresh as PromiseFulfilledResult<{ id: string }>).value.id)).toBe(1);
    expect(await jobsFor(h, earlier.id)).toBe(1);
  });
});
