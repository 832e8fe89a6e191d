import { z } from 'zod';
import { signState, verifyState, type StateFailure, type StateSecret } from '../crypto/signed-state.ts';
import { GHL_INSTALL_SCOPE } from './install-scopes.ts';

/** Where GHL sends the installer back to; the marketplace app's redirect URL must be exactly this. */
export const GHL_CALLBACK_PATH = '/oauth/ghl/callback';

/** An install link is for the person the operator just sent it to: a quarter of an hour is plenty. */
export const GHL_INSTALL_STATE_MAX_AGE_SECONDS = 15 * 60;

const PURPOSE = 'ghl-install';

/** What the signed `state` carries: which team the install is for, and a nonce that makes it single use. */
const GhlInstallState = z.object({
  purpose: z.literal(PURPOSE),
  tenantId: z.string().min(1),
  nonce: z.string().min(16),
});

export type ReadGhlInstallState =
  | { ok: true; tenantId: string; nonce: string; issuedAt: Date; expiresAt: Date }
  | { ok: false; reason: StateFailure | 'wrong_purpose'; message: string };

export function ghlRedirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${GHL_CALLBACK_PATH}`;
}

/**
 * The URL a location owner opens to install the Porchlight app: GHL's location chooser with our client id,
 * redirect URL, scope list and a signed state naming the team. Spaces in `scope` are sent as %20, as GHL's docs
 * show them (a `+` is only a space to form decoders).
 * @example ghlInstallUrl({ oauthUrl: env.GHL_OAUTH_URL, clientId, publicBaseUrl: env.PUBLIC_BASE_URL, state })
 */
export function ghlInstallUrl(input: { oauthUrl: string; clientId: string; publicBaseUrl: string; state: string }) {
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['redirect_uri', ghlRedirectUri(input.publicBaseUrl)],
    ['client_id', input.clientId],
    ['scope', GHL_INSTALL_SCOPE],
    ['state', input.state],
  ];
  const url = new URL(input.oauthUrl);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  url.search = url.search ? `${url.search}&${query}` : query;
  return url.toString();
}

/** `nonce`: at least 16 random characters from the caller (core draws no randomness of its own). */
export function issueGhlInstallState(
  secret: StateSecret,
  input: { tenantId: string; nonce: string },
  now: Date,
): string {
  return signState(secret, { purpose: PURPOSE, tenantId: input.tenantId, nonce: input.nonce }, now);
}

/** Checks signature, age and shape; whether the nonce was already used is the database's to say. */
export function readGhlInstallState(secret: StateSecret, token: string, now: Date): ReadGhlInstallState {
  const verified = verifyState(secret, token, now, GHL_INSTALL_STATE_MAX_AGE_SECONDS);
  if (!verified.ok) return verified;
  const parsed = GhlInstallState.safeParse(verified.payload);
  if (!parsed.success)
    return { ok: false, reason: 'wrong_purpose', message: 'This link was not issued for a GHL install.' };
  const expiresAt = new Date(verified.issuedAt.getTime() + GHL_INSTALL_STATE_MAX_AGE_SECONDS * 1000);
  return { ok: true, tenantId: parsed.data.tenantId, nonce: parsed.data.nonce, issuedAt: verified.issuedAt, expiresAt };
}
