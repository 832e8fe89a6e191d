import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { listingDisplay } from '../../core/listings/listing-display.ts';
import { isAutomatedFetch } from '../../core/messaging/automated-fetch.ts';
import { readLeadListingToken, type LeadListingLink } from '../../core/messaging/lead-listing-url.ts';
import { senderName } from '../../core/messaging/messaging-settings.ts';
import type { ListingInteraction } from '../../core/scoring/listing-interaction.ts';
import { leadListingPage, type LeadListingPage } from '../../db/queries/leads/lead-listing-page.ts';
import { recordListingInteraction } from '../../db/use-cases/leads/record-listing-interaction.ts';
import { whyMatched } from '../../bots/email/email-frame.ts';
import { unsubscribeUrl } from '../../bots/email/unsubscribe-url.ts';
import { PAGE_HEADERS } from '../pages/html-page.ts';
import {
  renderLeadListingDone,
  renderLeadListingNotFound,
  renderLeadListingPage,
  type LeadListingPageView,
} from '../pages/lead-listing-page.ts';

/**
 * `GET /l/:token`: the listing page we link leads to from texts and emails, and its two buttons,
 * `POST /l/:token/save` and `POST /l/:token/showing` (plain forms: no script, no cookie, no login; the
 * signed token is the credential). Each open records a view and each button a save or a showing request
 * through `recordListingInteraction`, which re-scores the lead. Link previewers and mail scanners see the
 * page but record nothing. Anything we did not sign, or a lead or listing that is gone, is a 404 page.
 */
export function leadPageRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();

  app.get('/l/:token', async (c) => {
    const found = await load(runtime, c.req.param('token'));
    if (!found) return notFound(c);
    const automated = c.req.method === 'HEAD' || isAutomatedFetch(c.req.header('user-agent'));
    if (!automated) await record(runtime, c, found.link, 'view');
    return c.html(renderLeadListingPage(viewOf(runtime, found)), 200, PAGE_HEADERS);
  });

  for (const interaction of ['save', 'showing'] as const) {
    app.post(`/l/:token/${interaction}`, async (c) => {
      const found = await load(runtime, c.req.param('token'));
      if (!found || !(await record(runtime, c, found.link, interaction))) return notFound(c);
      return c.html(renderLeadListingDone(viewOf(runtime, found), interaction), 200, PAGE_HEADERS);
    });
  }

  return app;
}

interface Found {
  token: string;
  link: LeadListingLink;
  page: LeadListingPage;
}

async function load(runtime: Runtime, token: string): Promise<Found | undefined> {
  const keys = secretKeys(runtime.env);
  // Without a secret we never signed a link, so no token can be ours.
  const link = keys.length ? readLeadListingToken(keys, token, runtime.clock.now()) : null;
  const page = link && (await leadListingPage(runtime.db, link));
  return link && page ? { token, link, page } : undefined;
}

/** False when the lead was deleted between loading the page and recording (the page then says not found). */
async function record(runtime: Runtime, c: Context<AppEnv>, link: LeadListingLink, interaction: ListingInteraction) {
  const { db, queue, clock } = runtime;
  const result = await recordListingInteraction({ db, queue, clock }, { ...link, interaction });
  if (result.outcome === 'recorded')
    c.get('logger').info(
      { tenantId: link.tenantId, leadId: link.leadId, listingKey: link.listingKey, interaction, via: link.via },
      'lead listing page interaction',
    );
  return result.outcome !== 'no_lead';
}

function viewOf(runtime: Runtime, { token, link, page }: Found): LeadListingPageView {
  const { tenant, lead } = page;
  const address = link.via === 'sms' ? lead.phone : lead.email;
  return {
    listing: listingDisplay(page.listing),
    teamName: senderName(tenant),
    whyMatched: whyMatched(page.breakdown),
    path: `/l/${token}`,
    ...(address
      ? {
          unsubscribe: {
            url: unsubscribeUrl(runtime, { tenantId: tenant.id, channel: link.via, address }),
            label: link.via === 'sms' ? 'Stop texts' : 'Unsubscribe',
          },
        }
      : {}),
  };
}

const notFound = (c: Context<AppEnv>) => c.html(renderLeadListingNotFound(), 404, PAGE_HEADERS);
