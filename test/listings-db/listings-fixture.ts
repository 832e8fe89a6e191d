import { and, eq } from 'drizzle-orm';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import { createTenant, type Tenant } from '../../db/queries/tenants.ts';
import { alerts, matches } from '../../db/schema/index.ts';
import type { QueueName } from '../../jobs/catalogue.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';

export const NOW = '2026-03-02T15:00:00.000Z';

/** An Austin single-family home; override any RESO field. */
export function austinHome(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ListingKey: 'ATX-1',
    StandardStatus: 'Active',
    ListPrice: 540_000,
    OriginalListPrice: 540_000,
    ModificationTimestamp: '2026-03-01T10:00:00Z',
    PropertyType: 'Residential',
    PropertySubType: 'SingleFamilyResidence',
    BedroomsTotal: 3,
    BathroomsTotalInteger: 2,
    LivingArea: 1850,
    City: 'Austin',
    PostalCode: '78704',
    Latitude: 30.243,
    Longitude: -97.765,
    DaysOnMarket: 1,
    PublicRemarks: 'Updated 3-bedroom home with a pool and a fenced yard.',
    ...overrides,
  };
}

export interface Team {
  rt: Runtime;
  clock: ReturnType<typeof fixedClock>;
  tenant: Tenant;
  apiKey: string;
  ana: Lead;
}

/** A runtime on a fresh database with one tenant and one lead (Ana, a buyer in Austin). */
export async function team(settings: Record<string, unknown> = {}): Promise<Team> {
  const clock = fixedClock(NOW);
  const rt = await createTestRuntime({ clock });
  const { tenant, apiKey } = await createTenant(rt.db, { name: 'Hill Country Homes', settings });
  const ana = await createLead(rt.db, { tenantId: tenant.id, name: 'Ana Lopez', phone: '+15125550101', score: 85 });
  return { rt, clock, tenant, apiKey, ana };
}

/**
 * Runs queued jobs of these queues through their real handlers until none are left: the whole
 * pipeline, in order, with no polling and no timing.
 */
export async function drain(
  rt: Runtime,
  queues: QueueName[] = ['listing.changed', 'listing.match'],
): Promise<Partial<Record<QueueName, number>>> {
  return drainJobs(rt, queues);
}

/** Jobs waiting in a queue, with their payloads. */
export async function queued(rt: Runtime, queue: QueueName): Promise<Array<Record<string, unknown>>> {
  const jobs = await rt.queue.boss.fetch<Record<string, unknown>>(queue, { batchSize: 1000 });
  if (jobs.length)
    await rt.queue.boss.complete(
      queue,
      jobs.map((j) => j.id),
    );
  return jobs.map((j) => j.data);
}

export const alertsFor = (rt: Runtime, tenantId: string) =>
  rt.db.select().from(alerts).where(eq(alerts.tenantId, tenantId));
export const matchesFor = (rt: Runtime, tenantId: string, listingKey?: string) =>
  rt.db
    .select()
    .from(matches)
    .where(and(eq(matches.tenantId, tenantId), listingKey ? eq(matches.listingKey, listingKey) : undefined));
