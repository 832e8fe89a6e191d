import type { StateSecret } from '../crypto/signed-state.ts';
import { readLeadListingToken } from './lead-listing-url.ts';

export interface ListingUrlReading {
  tenantId: string;
  /** The tenant's MLS/IDX link pattern with `{listingKey}` (the `listingUrlTemplate` setting). */
  template?: string | undefined;
  /** Keys that may have signed our own `/l/:token` links; none means no link of ours can be read. */
  secret: StateSecret;
  now: Date;
}

// Where a key ends inside a URL when the template says nothing after it.
const KEY_CHARS = '([^/?#&]+)';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The listing a link the lead opened points at: our own lead page (`/l/<token>`, signed for this tenant) or
 * the tenant's listing link template. Null for any other page. Query strings a CRM appends (utm tags, its
 * own click ids) do not stop a match.
 * @example
 * listingKeyFromUrl('https://idx.test/homes/ATX-1?utm_source=ghl', { tenantId, template, secret, now }) // 'ATX-1'
 */
export function listingKeyFromUrl(url: string, reading: ListingUrlReading): string | null {
  return fromLeadPage(url, reading) ?? fromTemplate(url, reading.template?.trim());
}

function fromLeadPage(url: string, reading: ListingUrlReading): string | null {
  const keys = typeof reading.secret === 'string' ? [reading.secret] : reading.secret;
  const token = url.match(/\/l\/([\w-]+\.[\w-]+)(?:[/?#]|$)/)?.[1];
  if (!token || !keys.length) return null;
  const link = readLeadListingToken(keys, token, reading.now);
  // A link we signed for another team says nothing about this one's lead.
  return link && link.tenantId === reading.tenantId ? link.listingKey : null;
}

function fromTemplate(url: string, template: string | undefined): string | null {
  if (!template?.includes('{listingKey}')) return null;
  const [before, ...rest] = template.split('{listingKey}');
  // Only the template's path after the key must follow; its query may come in any order or not at all.
  const after = rest.join('{listingKey}').split(/[?#]/)[0];
  const found = url.trim().match(new RegExp(`^${escape(before)}${KEY_CHARS}${escape(after)}(?:[/?#]|$)`, 'i'));
  if (!found) return null;
  try {
    return decodeURIComponent(found[1]);
  } catch {
    return null;
  }
}
