import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { makeAgent } from '../helpers/factories.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTenant, type Agent, type Tenant } from '../../db/queries/tenants.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { matches, savedSearches } from '../../db/schema/index.ts';
import { sendMatchToLead } from '../../bots/actions/send-match-to-lead.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { Clock } from '../../core/time/clock.ts';

export const PUBLIC_BASE_URL = 'https://porchlight.test';
export const TWILIO_API = 'https://twilio.test';
export const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TEAM_NUMBER = '+15125550100';
/** An Austin number: the lead's quiet hours are Central time. */
export const LEAD_PHONE = '+15125550123';
export const LEAD_EMAIL = 'ana.lopez@example.com';
export const PHOTO_URL = 'https://photos.test/ATX-1204/front.jpg';

/** A RESO Property record as a feed sends it (Data Dictionary 2.0 names). */
export const LISTING = {
  ListingKey: 'ATX-1204',
  StandardStatus: 'Active',
  ListPrice: 589000,
  OriginalListPrice: 610000,
  BedroomsTotal: 3,
  BathroomsTotalInteger: 2,
  LivingArea: 1850,
  PropertyType: 'Residential',
  UnparsedAddress: '1204 Elm St',
  City: 'Austin',
  StateOrProvince: 'TX',
  PostalCode: '78704',
  PublicRemarks: 'Shaded front porch, new roof in 2024 & a fenced yard <3 blocks from the park>.',
  Media: [{ MediaKey: 'ATX-1204-1', Order: 1, MediaCategory: 'Photo', MediaURL: PHOTO_URL }],
  ModificationTimestamp: '2026-06-09T15:00:00Z',
};

const twilioMessage = JSON.parse(
  readFileSync(new URL('../fixtures/twilio/message-create-response.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

export interface SentSms {
  to: string;
  body: string;
}

export interface LeadPageWorld {
  rt: Runtime;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof fixedClock>;
  tenant: Tenant;
  agent: Agent;
  lead: Lead;
  alertId: string;
  /** Texts Twilio was asked to send (msw stands in for Twilio's Messages API). */
  sms: SentSms[];
  /** Presses "Send to lead" on the match alert and runs the delivery; the link in the text that went out. */
  textListingToLead(): Promise<string>;
}

/**
 * A team whose lead Ana has a saved search that matched listing ATX-1204, with the match alert an agent
 * sees. It is 11:00 in Austin, inside the lead's texting hours.
 */
export async function createLeadPageWorld(
  options: {
    clock?: ReturnType<typeof fixedClock>;
    listing?: Record<string, unknown>;
    settings?: Record<string, unknown>;
    /** Where the app is reached (a loopback server in browser tests); its links point there. */
    publicBaseUrl?: string;
  } = {},
): Promise<LeadPageWorld> {
  const clock = options.clock ?? fixedClock('2026-06-10T16:00:00Z');
  const rt = await createTestRuntime({
    clock: clock as Clock,
    env: {
      PUBLIC_BASE_URL: options.publicBaseUrl ?? PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      TWILIO_FROM_NUMBER: TEAM_NUMBER,
      TWILIO_API_URL: TWILIO_API,
    },
  });
  const { tenant } = await createTenant(rt.db, {
    name: 'Hill Country Homes',
    twilioNumber: TEAM_NUMBER,
    timezone: 'America/Chicago',
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const agent = await makeAgent(rt, tenant.id, { name: 'Maya Chen', role: 'agent' });
  const lead = await createLead(rt.db, {
    tenantId: tenant.id,
    name: 'Ana Lopez',
    firstName: 'Ana',
    phone: LEAD_PHONE,
    email: LEAD_EMAIL,
  });
  const stored = await upsertListings(rt, {
    tenantId: tenant.id,
    listings: [{ ...LISTING, ...options.listing }],
    source: 'test',
  });
  if (stored.rejected.length) throw new Error(`listing rejected: ${JSON.stringify(stored.rejected)}`);
  const [search] = await rt.db
    .insert(savedSearches)
    .values({ tenantId: tenant.id, leadId: lead.id, maxPrice: 650000, minBeds: 3, postalCodes: ['78704'] })
    .returning();
  const [match] = await rt.db
    .insert(matches)
    .values({
      tenantId: tenant.id,
      savedSearchId: search.id,
      leadId: lead.id,
      listingKey: LISTING.ListingKey,
      triggerKey: 'new-listing',
      score: 91,
      breakdown: [
        { factor: 'price', score: 1, weight: 0.4, text: 'Under your $650,000 budget' },
        { factor: 'area', score: 1, weight: 0.3, text: 'In 78704, one of your areas' },
        { factor: 'keywords', score: 0, weight: 0.1, text: 'No pool' },
      ],
    })
    .returning();
  const alert = await insertAlert(rt.db, {
    tenantId: tenant.id,
    kind: 'listing_match',
    priority: 'normal',
    leadId: lead.id,
    listingKey: LISTING.ListingKey,
    matchId: match.id,
    dedupeKey: `listing_match:${lead.id}:${LISTING.ListingKey}`,
    reason: 'listing matches at 91',
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    createdAt: clock.now(),
  });
  if (!alert) throw new Error('alert not inserted');

  const sms: SentSms[] = [];
  server.use(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      sms.push({ to: form.get('To')!, body: form.get('Body')! });
      const sid = `SM${String(sms.length).padStart(32, '0')}`;
      return HttpResponse.json(
        {
          ...twilioMessage,
          account_sid: ACCOUNT_SID,
          sid,
          to: form.get('To'),
          from: form.get('From'),
          body: form.get('Body'),
          uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
        },
        { status: 201 },
      );
    }),
  );

  return {
    rt,
    app: createApp(rt),
    clock,
    tenant,
    agent,
    lead,
    alertId: alert.id,
    sms,
    async textListingToLead() {
      await sendMatchToLead({ runtime: rt, tenant, actor: agent, platform: 'terminal' }, alert.id);
      await drainJobs(rt, ['alert.deliver']);
      const text = sms.at(-1)?.body ?? '';
      const link = text.match(/https?:\/\/\S+/)?.[0];
      if (!link) throw new Error(`no link in the text: ${text}`);
      return link;
    },
  };
}
