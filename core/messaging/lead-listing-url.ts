import { z } from 'zod';
import type { Env } from '../config/env-schema.ts';
import { secretKeys } from '../config/load-env.ts';
import { signState, verifyState, type StateSecret } from '../crypto/signed-state.ts';
import { AppError } from '../errors/app-error.ts';

/** Who a listing link was sent to, which listing, and on which channel (the page's unsubscribe stops that one). */
export const LeadListingLink = z.object({
  tenantId: z.string().min(1),
  leadId: z.string().min(1),
  listingKey: z.string().min(1),
  via: z.enum(['sms', 'email']),
});
export type LeadListingLink = z.infer<typeof LeadListingLink>;

// The discriminator keeps an OAuth `state` signed with the same secret from ever reading as a listing link.
const PURPOSE = 'll';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/*
 * The token rides in texts, where every character costs: ids that are UUIDs travel as their 16 bytes in
 * base64url (22 characters instead of 36) under an upper-case key; any other id travels as it is.
 */
function packId(key: 't' | 'l', id: string): Record<string, string> {
  return UUID.test(id)
    ? { [key.toUpperCase()]: Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url') }
    : { [key]: id };
}

function unpackId(payload: Record<string, unknown>, key: 't' | 'l'): unknown {
  const packed = payload[key.toUpperCase()];
  if (typeof packed !== 'string') return payload[key];
  const hex = Buffer.from(packed, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The signed token of `/l/:token`. Not secret (it names ids, never a credential) and never expiring (a
 * lead may open a text from last month), but unforgeable and bound to its tenant.
 * @example signLeadListingToken(secretKeys(env), { tenantId, leadId, listingKey: 'ATX-1', via: 'sms' }, clock.now())
 */
export function signLeadListingToken(secret: StateSecret, link: LeadListingLink, now: Date): string {
  const { tenantId, leadId, listingKey, via } = LeadListingLink.parse(link);
  const payload = { p: PURPOSE, ...packId('t', tenantId), ...packId('l', leadId), k: listingKey, v: via[0] };
  return signState(secret, payload, now);
}

/** The link a token names, or null for anything we did not sign as a listing link (forged, altered, other purpose). */
export function readLeadListingToken(secret: StateSecret, token: string, now: Date): LeadListingLink | null {
  const verified = verifyState(secret, token, now, Number.POSITIVE_INFINITY);
  if (!verified.ok || verified.payload.p !== PURPOSE) return null;
  const { payload } = verified;
  const parsed = LeadListingLink.safeParse({
    tenantId: unpackId(payload, 't'),
    leadId: unpackId(payload, 'l'),
    listingKey: payload.k,
    via: payload.v === 's' ? 'sms' : payload.v === 'e' ? 'email' : undefined,
  });
  return parsed.success ? parsed.data : null;
}

export interface LeadListingUrlContext {
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'APP_SECRET' | 'APP_SECRETS'>;
  /** The tenant's parsed settings (core/settings/tenant-settings.ts). */
  tenant: { settings: { listingUrlTemplate?: string | undefined } };
  now: Date;
}

/**
 * Where a listing we text or email to a lead points. A tenant's MLS/IDX template (`listingUrlTemplate`, with
 * `{listingKey}`) wins when set; otherwise our own page, `PUBLIC_BASE_URL/l/<token>`, which records the
 * lead's views, saves and showing requests.
 * @example leadListingUrl({ env, tenant, now: clock.now() }, { tenantId, leadId, listingKey: 'ATX-1', via: 'sms' })
 */
export function leadListingUrl(context: LeadListingUrlContext, link: LeadListingLink): string {
  const template = context.tenant.settings.listingUrlTemplate?.trim();
  if (template) return template.replaceAll('{listingKey}', encodeURIComponent(link.listingKey));
  const keys = secretKeys(context.env);
  if (!keys.length)
    throw new AppError(
      'invalid_config',
      'APP_SECRET is required to sign listing links for leads (or set the team setting listingUrlTemplate)',
    );
  return `${context.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/l/${signLeadListingToken(keys, link, context.now)}`;
}
