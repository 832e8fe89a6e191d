import type { ListingDisplay } from '../../core/listings/listing-display.ts';
import { escapeHtml, formatPrice } from '../../core/messaging/render-email.ts';
import { htmlPage } from './html-page.ts';

export interface LeadListingPageView {
  listing: ListingDisplay;
  /** The team's name as its messages sign it. */
  teamName: string;
  /** The strongest reasons of the stored match, in the matcher's words. */
  whyMatched: string[];
  /** `/l/<token>`: the forms post to `<path>/save` and `<path>/showing`. */
  path: string;
  /** The signed unsubscribe link for the channel that carried this link, when we can make one. */
  unsubscribe?: { url: string; label: string };
}

const STYLE = `
.photo{display:block;width:calc(100% + 32px);margin:-24px -16px 16px;aspect-ratio:4/3;object-fit:cover;
background:#dfe3e8}
.placeholder{display:flex;align-items:center;justify-content:center}
.price{font-size:28px;font-weight:700;margin:0}
.was{color:#5b6673;font-size:16px;font-weight:400;text-decoration:line-through;margin-left:8px}
.facts{font-size:17px;margin:4px 0 12px}
.status{display:inline-block;padding:2px 8px;border-radius:4px;background:#fff3cd;color:#6b4e00;font-size:14px}
.actions{margin:20px 0 8px}
ul{margin:0;padding-left:20px}
.remarks{white-space:pre-line}
`;

const PLACEHOLDER = `<div class="photo placeholder" role="img" aria-label="No photo yet">
<svg width="96" height="96" viewBox="0 0 24 24" fill="none" stroke="#8a96a3" stroke-width="1.5" aria-hidden="true">
<path d="M3 11 12 4l9 7"/><path d="M5 10v10h14V10"/><path d="M10 20v-6h4v6"/></svg></div>`;

export function factsLine(l: ListingDisplay): string {
  return [
    l.beds !== undefined ? `${l.beds} bd` : undefined,
    l.baths !== undefined ? `${l.baths} ba` : undefined,
    l.livingArea !== undefined ? `${Math.round(l.livingArea).toLocaleString('en-US')} sq ft` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export const placeLine = (l: ListingDisplay) =>
  [l.city, [l.stateOrProvince, l.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/**
 * The page a lead opens from a text or email: photo, price, facts, address, why it matched, two plain
 * form buttons (no script needed) and the unsubscribe link. Every feed value is escaped.
 */
export function renderLeadListingPage(view: LeadListingPageView): string {
  const l = view.listing;
  const title = `${formatPrice(l.price)} · ${l.address}`;
  const photo = l.photoUrl
    ? `<img class="photo" src="${escapeHtml(l.photoUrl)}" alt="Photo of ${escapeHtml(l.address)}">`
    : PLACEHOLDER;
  const was = l.previousPrice ? `<span class="was">${escapeHtml(formatPrice(l.previousPrice))}</span>` : '';
  const status = l.status === 'Active' ? '' : `<p><span class="status">${escapeHtml(l.status)}</span></p>`;
  const why = view.whyMatched.length
    ? `<h2>Why it matched your search</h2><ul>${view.whyMatched.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  const remarks = l.remarks ? `<h2>About this home</h2><p class="remarks">${escapeHtml(l.remarks)}</p>` : '';
  const feed = l.feedUrl
    ? `<p><a href="${escapeHtml(l.feedUrl)}" rel="noopener noreferrer">Full listing details</a></p>`
    : '';
  const action = (suffix: string, label: string, style: string) =>
    `<form method="post" action="${escapeHtml(`${view.path}/${suffix}`)}">` +
    `<button type="submit" class="button${style}">${label}</button></form>`;
  const body = `${photo}
<p class="price">${escapeHtml(formatPrice(l.price))}${was}</p>
<p class="facts">${escapeHtml(factsLine(l))}</p>
<h1>${escapeHtml(l.address)}</h1>
<p class="muted">${escapeHtml(placeLine(l))}</p>${status}
<div class="actions">${action('showing', 'I&#39;d like to see it', '')}${action('save', 'Save', ' secondary')}</div>
${why}${remarks}${feed}
${footer(view)}`;
  const head =
    `<meta property="og:title" content="${escapeHtml(title)}">` +
    (l.photoUrl ? `<meta property="og:image" content="${escapeHtml(l.photoUrl)}">` : '');
  return htmlPage(title, body, { head, style: STYLE, heading: false });
}

/** After a button: what happened, in plain words, and the way back. */
export function renderLeadListingDone(view: LeadListingPageView, done: 'save' | 'showing'): string {
  const l = view.listing;
  const team = escapeHtml(view.teamName);
  const [title, message] =
    done === 'showing'
      ? ['Request sent', `Thanks! ${team} will be in touch soon to set up a showing of ${escapeHtml(l.address)}.`]
      : ['Saved', `${escapeHtml(l.address)} is saved. ${team} can see you like it and will keep you posted.`];
  return htmlPage(
    title,
    `<p>${message}</p><p><a class="button secondary" href="${escapeHtml(view.path)}">Back to the listing</a></p>
${footer(view)}`,
  );
}

/** A forged, damaged or stale link: no detail about why (the token is the only credential). */
export function renderLeadListingNotFound(): string {
  return htmlPage(
    'Listing not found',
    '<p>This link is not valid, or the home is no longer listed.</p>' +
      '<p class="muted">If you were expecting a home here, reply to the message that brought you and we will help.</p>',
  );
}

function footer(view: LeadListingPageView): string {
  const unsubscribe = view.unsubscribe
    ? ` · <a href="${escapeHtml(view.unsubscribe.url)}">${escapeHtml(view.unsubscribe.label)}</a>`
    : '';
  return `<footer class="muted">Sent to you by ${escapeHtml(view.teamName)}${unsubscribe}</footer>`;
}
