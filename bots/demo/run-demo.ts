import { tenantByName, type Tenant } from '../../db/queries/tenants.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { seedTeam } from '../../db/use-cases/tenants/seed-team.ts';
import { parseSearchText } from '../../core/search/parse-search-text.ts';
import type { Listing } from '../../core/listings/listing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { ingestGhlEvent } from '../../db/use-cases/inbound/ingest-ghl-event.ts';
import { DEMO_AGENTS, DEMO_LEADS, DEMO_TENANT, demoListings, demoRoutingRules } from './demo-team.ts';
import { demoEvents } from './demo-events.ts';

export interface DemoOptions {
  /** Pause between replayed events so alerts arrive one by one (0 in tests). */
  paceMs?: number;
  say?: (line: string) => void;
}

export interface DemoResult {
  tenantId: string;
  seeded: boolean;
  listings: number;
  leads: number;
  events: number;
}

/**
 * `porchlight demo`: seeds a demo team once (agents, routing rules, listings, leads with saved
 * searches), then replays a compressed day through the real pipeline: GHL events go through the
 * same ingest as `POST /webhooks/ghl`, listing changes through `listing.changed`. Running it again
 * replays a new day on the same team.
 */
export async function runDemo(runtime: Runtime, options: DemoOptions = {}): Promise<DemoResult> {
  const say = options.say ?? (() => {});
  const now = runtime.clock.now();
  const market = demoListings(now);
  const existing = await tenantByName(runtime.db, DEMO_TENANT.name);
  const tenant = existing ?? (await seed(runtime, market, say));
  if (existing) say(`Using the demo team "${tenant.name}" seeded earlier.`);

  const runId = now.getTime().toString(36);
  const steps = demoEvents(runId, now, market);
  say(`Replaying a day at ${tenant.name}: ${steps.length} events.`);
  for (const step of steps) {
    if (step.kind === 'ghl') {
      // The same door as POST /webhooks/ghl after its signature check. The demo cannot hold GHL's
      // private key, so the stored row says honestly that it was injected locally.
      const result = await ingestGhlEvent(runtime, {
        rawBody: Buffer.from(JSON.stringify(step.payload)),
        scheme: 'internal',
        headers: { 'x-porchlight-demo': runId },
      });
      say(`  • ${step.say} (GHL ${String(step.payload.type)}: ${result.status})`);
    } else {
      await upsertListingChange(runtime, tenant, step.listing);
      say(`  • ${step.say}`);
    }
    if (options.paceMs) await new Promise((r) => setTimeout(r, options.paceMs));
  }
  say(
    'Alerts print in the terminal running `npm start` as they are routed. ' +
      'Type `claim <alert>` there (or the number next to Claim), `/top-deals`, `/lead ana`.',
  );
  return {
    tenantId: tenant.id,
    seeded: !existing,
    listings: market.length,
    leads: DEMO_LEADS.length,
    events: steps.length,
  };
}

async function seed(runtime: Runtime, market: Listing[], say: (line: string) => void): Promise<Tenant> {
  const cities = [...new Set(market.map((l) => l.City).filter((c): c is string => typeof c === 'string'))];
  const tenant = await seedTeam(runtime, {
    tenant: { name: DEMO_TENANT.name, ghlLocations: [DEMO_TENANT.location], timezone: DEMO_TENANT.timezone },
    agents: DEMO_AGENTS.map((a) => ({
      key: a.email.split('@')[0],
      name: a.name,
      email: a.email,
      role: a.role,
      areas: [...a.areas],
      ghlUserId: a.ghlUserId,
      timezone: DEMO_TENANT.timezone,
    })),
    routingRules: demoRoutingRules,
    listings: market,
    source: 'demo',
    leads: DEMO_LEADS.map((l) => ({
      ghlContactId: l.contactId,
      ghlLocationId: DEMO_TENANT.location,
      name: l.name,
      firstName: l.name.split(' ')[0],
      lastName: l.name.split(' ')[1],
      phone: l.phone,
      email: l.email,
      source: 'website',
      timezone: DEMO_TENANT.timezone,
      search: {
        name: l.search,
        criteria: { ...parseSearchText(l.search, { knownCities: cities }).criteria, frequency: 'instant' },
      },
    })),
  });
  say(
    `Seeded "${tenant.name}": ${DEMO_AGENTS.length} agents (Maria is the manager), 3 routing rules, ` +
      `${market.length} Austin-area listings, ${DEMO_LEADS.length} leads with saved searches.`,
  );
  return tenant;
}

/** Replayed market changes go through the one listing door every source uses (classification, deal score, jobs). */
async function upsertListingChange(runtime: Runtime, tenant: Tenant, listing: Listing): Promise<void> {
  const result = await upsertListings(runtime, { tenantId: tenant.id, listings: [listing], source: 'demo' });
  if (result.rejected.length) {
    const why = result.rejected.map((r) => `${r.field}: ${r.message}`).join('; ');
    throw new Error(`demo listing ${listing.ListingKey} was rejected: ${why}`);
  }
}
