import { createAgent, createTenant, type Agent, type NewAgent, type Tenant } from '../../db/queries/tenants.ts';
import { createLead, type Lead, type NewLead } from '../../db/queries/leads.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import type { Listing } from '../../core/listings/listing.ts';
import type { Runtime } from '../../jobs/runtime.ts';

let n = 0;
const next = () => ++n;

/** A tenant with sensible defaults and its one-time API key. */
export async function makeTenant(
  rt: Runtime,
  over: Partial<Parameters<typeof createTenant>[1]> = {},
): Promise<{ tenant: Tenant; apiKey: string }> {
  return createTenant(rt.db, { name: `Team ${next()}`, timezone: 'America/Chicago', ...over });
}

export async function makeAgent(rt: Runtime, tenantId: string, over: Partial<NewAgent> = {}): Promise<Agent> {
  const i = next();
  return createAgent(rt.db, { tenantId, name: `Agent ${i}`, email: `agent${i}@team.test`, role: 'agent', ...over });
}

export async function makeLead(rt: Runtime, tenantId: string, over: Partial<NewLead> = {}): Promise<Lead> {
  const i = next();
  return createLead(rt.db, {
    tenantId,
    name: `Lead ${i}`,
    phone: `+1512555${String(1000 + (i % 9000)).padStart(4, '0')}`,
    email: `lead${i}@example.com`,
    ...over,
  });
}

/** Seeded synthetic listings stored through the one upsert path (so they are scored and classified). */
export async function makeListings(
  rt: Runtime,
  tenantId: string,
  count = 5,
  over: Partial<Listing> = {},
): Promise<Listing[]> {
  const listings = generateListings(createRng(`factory-${next()}`), count, {
    metros: ['austin'],
    now: rt.clock.now(),
  }).map((l) => ({ ...l, ...over }) as Listing);
  const result = await upsertListings(rt, { tenantId, listings, source: 'test' });
  if (result.rejected.length) throw new Error(`factory listings rejected: ${JSON.stringify(result.rejected)}`);
  return listings;
}
