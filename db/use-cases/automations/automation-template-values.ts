import type { TemplateValues } from '../../../core/automations/automation-template.ts';
import { formatOpenHouse } from '../../../core/listings/format-open-house.ts';
import { listingDisplay } from '../../../core/listings/listing-display.ts';
import { usd } from '../../../core/matching/usd.ts';
import type { Executor } from '../../client.ts';
import type { Lead } from '../../queries/leads.ts';
import { getListing } from '../../queries/listings/get-listing.ts';
import { getOpenHouse } from '../../queries/listings/open-houses.ts';
import type { Agent, Tenant } from '../../queries/tenants.ts';

/** Where a listing link in an automated message points (the job hands in the signed `/l/:token` maker). */
export type AutomationListingUrl = (lead: Lead, listingKey: string) => string | null;

/**
 * What a template's variables stand for, for one lead: her, her agent (else nobody: fallbacks apply), the team,
 * and the home the trigger was about, when there is one.
 */
export async function automationTemplateValues(
  db: Executor,
  input: {
    tenant: Tenant;
    lead: Lead;
    agent: Agent | undefined;
    listingKey?: string | null;
    /** The open house a `listing_event` of change `open_house` announced. */
    openHouseKey?: string | null;
    listingUrl?: AutomationListingUrl;
  },
): Promise<TemplateValues> {
  const { tenant, lead, agent } = input;
  const values: TemplateValues = {
    'lead.firstName': lead.firstName || lead.name.split(' ')[0] || null,
    'lead.lastName': lead.lastName,
    'lead.name': lead.name || null,
    'lead.city': lead.city,
    'lead.source': lead.source,
    'agent.name': agent?.name ?? null,
    'agent.firstName': agent?.name.split(' ')[0] ?? null,
    'agent.phone': agent?.phone ?? null,
    'agent.email': agent?.email ?? null,
    'team.name': tenant.settings.senderName ?? tenant.name,
  };
  const listing = input.listingKey ? await getListing(db, tenant.id, input.listingKey) : undefined;
  if (listing) {
    const shown = listingDisplay(listing);
    values['listing.address'] = shown.address;
    values['listing.city'] = shown.city ?? null;
    values['listing.price'] = usd(shown.price);
    values['listing.previousPrice'] = shown.previousPrice === undefined ? null : usd(shown.previousPrice);
    values['listing.beds'] = shown.beds === undefined ? null : String(shown.beds);
    values['listing.url'] = input.listingUrl?.(lead, listing.listingKey) ?? shown.feedUrl ?? null;
  }
  const openHouse = input.openHouseKey ? await getOpenHouse(db, tenant.id, input.openHouseKey) : undefined;
  // Read when the step runs, so a text after a wait carries the time as it stands now.
  if (openHouse) values['listing.openHouse'] = formatOpenHouse(openHouse.startsAt, openHouse.endsAt, tenant.timezone);
  return values;
}
