import { eq } from 'drizzle-orm';
import { leads, listings, tenants } from '../../db/schema/index.ts';
import { createSavedSearch } from '../../db/queries/saved-searches.ts';
import { upsertListings } from '../../db/queries/upsert-listings.ts';
import { createAgent, createTenant, type Tenant } from '../../db/queries/tenants.ts';
import { replaceRoutingRules } from '../../db/queries/routing.ts';
import { parseSearchText } from '../../core/search/parse-search-text.ts';
import { scoreDeal } from '../../core/listings/score-deal.ts';
import type { Listing } from '../../core/listings/listing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { ingestGhlEvent } from '../../webhooks/ingest/ingest-ghl-event.ts';
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
  const existing = await runtime.db.select().from(tenants).where(eq(tenants.name, DEMO_TENANT.name)).limit(1);
  const tenant = existing[0] ?? (await seed(runtime, market, say));
  if (existing[0]) say(`Using the demo team "${tenant.name}" seeded earlier.`);

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
    'Alerts print in the terminal running `npm start` as they are routed. Type `claim <alert>` there (or the number next to Claim), `/top-deals`, `/lead ana`.',
  );
  return {
    tenantId: tenant.id,
    seeded: !existing[0],
    listings: market.length,
    leads: DEMO_LEADS.length,
    events: steps.length,
  };
}

async function seed(runtime: Runtime, market: Listing[], say: (line: string) => void): Promise<Tenant> {
  return runtime.db.transaction(async (tx) => {
    const { tenant } = await createTenant(tx, {
      name: DEMO_TENANT.name,
      ghlLocations: [DEMO_TENANT.location],
      timezone: DEMO_TENANT.timezone,
    });
    const ids: Record<string, string> = {};
    for (const a of DEMO_AGENTS) {
      const agent = await createAgent(tx, {
        tenantId: tenant.id,
        name: a.name,
        email: a.email,
        role: a.role,
        areas: [...a.areas],
        ghlUserId: a.ghlUserId,
        timezone: DEMO_TENANT.timezone,
      });
      ids[a.email.split('@')[0]] = agent.id;
    }
    await replaceRoutingRules(tx, tenant.id, demoRoutingRules(ids));
    await tx.insert(listings).values(market.map((l) => listingRow(tenant.id, l, market, runtime)));
    const cities = [...new Set(market.map((l) => l.City).filter((c): c is string => typeof c === 'string'))];
    for (const l of DEMO_LEADS) {
      const [lead] = await tx
        .insert(leads)
        .values({
          tenantId: tenant.id,
          ghlContactId: l.contactId,
          ghlLocationId: DEMO_TENANT.location,
          name: l.name,
          firstName: l.name.split(' ')[0],
          lastName: l.name.split(' ')[1],
          phone: l.phone,
          email: l.email,
          source: 'website',
          timezone: DEMO_TENANT.timezone,
        })
        .returning();
      const { criteria: c } = parseSearchText(l.search, { knownCities: cities });
      await createSavedSearch(tx, {
        tenantId: tenant.id,
        leadId: lead.id,
        name: l.search,
        origin: 'ghl',
        criteria: { ...c, frequency: 'instant' },
        now: runtime.clock.now(),
      });
      await runtime.queue.enqueue('lead.score', { tenantId: tenant.id, leadId: lead.id, trigger: 'demo' }, { tx });
    }
    say(
      `Seeded "${tenant.name}": ${DEMO_AGENTS.length} agents (Maria is the manager), 3 routing rules, ${market.length} Austin-area listings, ${DEMO_LEADS.length} leads with saved searches.`,
    );
    return tenant;
  });
}

function listingRow(tenantId: string, l: Listing, market: Listing[], runtime: Runtime) {
  const comparables = market.filter((m) => m.PostalCode === l.PostalCode && m.ListingKey !== l.ListingKey);
  const deal = scoreDeal(l, comparables, runtime.clock);
  return {
    tenantId,
    listingKey: l.ListingKey,
    standardStatus: l.StandardStatus,
    listPrice: l.ListPrice,
    originalListPrice: l.OriginalListPrice ?? null,
    bedroomsTotal: l.BedroomsTotal ?? null,
    bathroomsTotalInteger: l.BathroomsTotalInteger ?? null,
    livingArea: l.LivingArea ?? null,
    propertyType: l.PropertyType ?? null,
    propertySubType: l.PropertySubType ?? null,
    city: l.City ?? null,
    postalCode: l.PostalCode ?? null,
    latitude: l.Latitude ?? null,
    longitude: l.Longitude ?? null,
    daysOnMarket: l.DaysOnMarket ?? null,
    modificationTimestamp: l.ModificationTimestamp ? new Date(l.ModificationTimestamp) : null,
    priceChangeTimestamp: l.PriceChangeTimestamp ? new Date(l.PriceChangeTimestamp) : null,
    publicRemarks: l.PublicRemarks ?? null,
    data: JSON.parse(JSON.stringify(l)) as Record<string, unknown>,
    dealScore: deal.score,
    dealReasons: deal.reasons,
    source: 'demo',
  };
}

/** Replayed market changes go through the one listing door every source uses (classification, deal score, jobs). */
async function upsertListingChange(runtime: Runtime, tenant: Tenant, listing: Listing): Promise<void> {
  const result = await upsertListings(runtime, { tenantId: tenant.id, listings: [listing], source: 'demo' });
  if (result.rejected.length)
    throw new Error(
      `demo listing ${listing.ListingKey} was rejected: ${result.rejected.map((r) => `${r.field}: ${r.message}`).join('; ')}`,
    );
}
