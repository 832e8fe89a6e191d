import { z } from 'zod';

/** One listing as an email shows it: already resolved to display data (no lookups here). */
export const ListingEmailView = z.object({
  listingKey: z.string(),
  url: z.url(),
  address: z.string(),
  city: z.string().optional(),
  photoUrl: z.url().optional(),
  price: z.number(),
  previousPrice: z.number().optional(),
  beds: z.number().optional(),
  baths: z.number().optional(),
  livingArea: z.number().optional(),
  /** Human reasons from the match breakdown: "Under your $600k budget", "In 78704". */
  whyMatched: z.array(z.string()).default([]),
});
export type ListingEmailView = z.infer<typeof ListingEmailView>;

/** What every marketing email needs: who sends it, where they are (CAN-SPAM), how to stop it. */
export const EmailFrame = z.object({
  leadFirstName: z.string().optional(),
  teamName: z.string(),
  postalAddress: z.string(),
  unsubscribeUrl: z.url(),
  preferencesUrl: z.url().optional(),
});
export type EmailFrame = z.infer<typeof EmailFrame>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Listing remarks and names come from feeds and leads: never trusted as HTML. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
export const formatPrice = (n: number) => usd.format(n);

function facts(l: ListingEmailView): string {
  return [
    l.beds !== undefined ? `${l.beds} bd` : undefined,
    l.baths !== undefined ? `${l.baths} ba` : undefined,
    l.livingArea !== undefined ? `${l.livingArea.toLocaleString('en-US')} sq ft` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

const place = (l: ListingEmailView) => (l.city ? `${l.address}, ${l.city}` : l.address);
const priceLine = (l: ListingEmailView) =>
  l.previousPrice && l.previousPrice > l.price
    ? `${formatPrice(l.price)} (was ${formatPrice(l.previousPrice)})`
    : formatPrice(l.price);

function listingHtml(l: ListingEmailView): string {
  const photo = l.photoUrl
    ? `<a href="${escapeHtml(l.url)}"><img src="${escapeHtml(l.photoUrl)}" alt="${escapeHtml(place(l))}" width="560" style="max-width:100%;border-radius:6px"></a>`
    : '';
  const why = l.whyMatched.length
    ? `<p style="margin:4px 0;color:#555">Why it matched:</p><ul style="margin:0 0 8px 18px;padding:0;color:#555">${l.whyMatched.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  return `<tr><td style="padding:16px 0;border-bottom:1px solid #eee">${photo}
<p style="margin:8px 0 0;font-size:20px;font-weight:bold">${escapeHtml(priceLine(l))}</p>
<p style="margin:2px 0">${escapeHtml(facts(l))}</p>
<p style="margin:2px 0">${escapeHtml(place(l))}</p>${why}
<p style="margin:8px 0"><a href="${escapeHtml(l.url)}">View this home</a></p></td></tr>`;
}

function listingText(l: ListingEmailView): string {
  return [
    `${priceLine(l)} · ${facts(l)}`.replace(/ · $/, ''),
    place(l),
    ...(l.whyMatched.length ? [`Why it matched: ${l.whyMatched.join('; ')}`] : []),
    `View: ${l.url}`,
  ].join('\n');
}

function page(frame: EmailFrame, intro: string, body: string): string {
  const prefs = frame.preferencesUrl ? ` · <a href="${escapeHtml(frame.preferencesUrl)}">Email preferences</a>` : '';
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#222;margin:0;padding:16px">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto"><tr><td><p>${intro}</p></td></tr>
${body}
<tr><td style="padding-top:16px;font-size:12px;color:#777"><p>${escapeHtml(frame.teamName)} · ${escapeHtml(frame.postalAddress)}</p>
<p><a href="${escapeHtml(frame.unsubscribeUrl)}">Unsubscribe</a>${prefs}</p></td></tr></table></body></html>`;
}

function footerText(frame: EmailFrame): string {
  return `--\n${frame.teamName} · ${frame.postalAddress}\nUnsubscribe: ${frame.unsubscribeUrl}${frame.preferencesUrl ? `\nEmail preferences: ${frame.preferencesUrl}` : ''}`;
}

const hello = (frame: EmailFrame) => (frame.leadFirstName ? `Hi ${frame.leadFirstName},` : 'Hi,');

/** One new match, sent as it happens. */
export function renderListingMatchEmail(frame: EmailFrame, listing: ListingEmailView): RenderedEmail {
  const l = ListingEmailView.parse(listing);
  const intro = `${escapeHtml(hello(frame))} a home just came up that matches your search.`;
  return {
    subject: `New match: ${facts(l) ? `${facts(l)}, ` : ''}${formatPrice(l.price)} in ${l.city ?? l.address}`,
    html: page(frame, intro, listingHtml(l)),
    text: `${hello(frame)} a home just came up that matches your search.\n\n${listingText(l)}\n\n${footerText(frame)}`,
  };
}

/** Daily or weekly roundup of matches, best first as given. */
export function renderDigestEmail(
  frame: EmailFrame,
  period: 'daily' | 'weekly',
  listings: ListingEmailView[],
): RenderedEmail {
  const ls = listings.map((l) => ListingEmailView.parse(l));
  const count = `${ls.length} new ${ls.length === 1 ? 'home' : 'homes'}`;
  const when = period === 'daily' ? 'today' : 'this week';
  return {
    subject: `${count} matching your search ${when}`,
    html: page(
      frame,
      `${escapeHtml(hello(frame))} here ${ls.length === 1 ? 'is' : 'are'} ${count} that matched your search ${when}.`,
      ls.map(listingHtml).join('\n'),
    ),
    text: `${hello(frame)} here ${ls.length === 1 ? 'is' : 'are'} ${count} that matched your search ${when}.\n\n${ls.map(listingText).join('\n\n')}\n\n${footerText(frame)}`,
  };
}

/** Sent before stepping a quiet lead's frequency down: one click keeps the alerts coming. */
export function renderStillInterestedEmail(frame: EmailFrame, keepUrl: string): RenderedEmail {
  const ask = "We haven't seen you open our listing emails in a while. Still looking for a home?";
  const after = "If we don't hear from you, we'll send fewer emails.";
  return {
    subject: 'Still interested in new listings?',
    html: page(
      frame,
      `${escapeHtml(hello(frame))} ${ask}`,
      `<tr><td><p><a href="${escapeHtml(keepUrl)}" style="display:inline-block;padding:10px 16px;background:#1a73e8;color:#fff;text-decoration:none;border-radius:4px">Yes, keep sending</a></p><p>${after}</p></td></tr>`,
    ),
    text: `${hello(frame)} ${ask}\n\nYes, keep sending: ${keepUrl}\n\n${after}\n\n${footerText(frame)}`,
  };
}

/** A team-written message (an automation's email): its paragraphs, then the same footer as every lead email. */
export function renderPlainEmail(frame: EmailFrame, subject: string, body: string): RenderedEmail {
  const [intro = '', ...rest] = body.split(/\n{2,}/).map((p) => escapeHtml(p).replace(/\n/g, '<br>'));
  const rows = rest.map((p) => `<tr><td><p>${p}</p></td></tr>`).join('\n');
  return { subject, html: page(frame, intro, rows), text: `${body}\n\n${footerText(frame)}` };
}
