import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import type { GhlTokens } from '../../core/ghl/token-store.ts';
import { maskText } from '../../core/observability/mask.ts';
import type { Clock } from '../../core/time/clock.ts';
import { privateTokenAuth } from './ghl-auth.ts';
import { createGhlTransport } from './ghl-transport.ts';
import type { TokenBucket } from './token-bucket.ts';

export interface GhlInstallClientOptions {
  clientId: string;
  clientSecret: string;
  /** GHL_API_URL. */
  baseUrl: string;
  /** Must equal the redirect URL the install URL named (GHL compares them). */
  redirectUri: string;
  clock: Clock;
  bucket: TokenBucket;
  fetch?: typeof fetch;
}

/** What an authorization code is worth: the location's tokens and who installed it where. */
export interface GhlInstallGrant {
  locationId: string;
  companyId: string | null;
  /** The GHL user who clicked install. */
  userId: string | null;
  tokens: GhlTokens;
}

export interface GhlInstallClient {
  /** POST /oauth/token with `grant_type=authorization_code`; a refusal is a `bad_request` naming GHL's reason. */
  exchangeCode(code: string): Promise<GhlInstallGrant>;
  /** The sub-account's name for the result page, or null when GHL does not say (never fails the install). */
  locationName(locationId: string, accessToken: string): Promise<string | null>;
}

// test/fixtures/oauth/ghl-token-response.json
const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().nullish(),
  userType: z.enum(['Location', 'Company']).nullish(),
  locationId: z.string().min(1).nullish(),
  companyId: z.string().nullish(),
  userId: z.string().nullish(),
});

const LocationResponse = z.looseObject({ location: z.looseObject({ name: z.string().nullish() }) });

/**
 * The Marketplace install's side of GHL OAuth (refreshing stored tokens is ghl-oauth.ts). We ask for a
 * Location token (`user_type=Location`): Porchlight works per sub-account, and an agency-wide Company token
 * would reach every sub-account of the agency.
 * @example const grant = await createGhlInstallClient(options).exchangeCode(code)
 */
export function createGhlInstallClient(options: GhlInstallClientOptions): GhlInstallClient {
  const doFetch = options.fetch ?? fetch;
  const tokenUrl = `${options.baseUrl.replace(/\/+$/, '')}/oauth/token`;
  return {
    async exchangeCode(code) {
      let res: Response;
      try {
        res = await doFetch(tokenUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({
            client_id: options.clientId,
            client_secret: options.clientSecret,
            grant_type: 'authorization_code',
            code,
            user_type: 'Location',
            redirect_uri: options.redirectUri,
          }).toString(),
        });
      } catch (e) {
        throw new AppError('unavailable', `GHL could not be reached to finish the install: ${(e as Error).message}`);
      }
      const text = await res.text();
      if (!res.ok) throw refusal(res.status, text);
      const parsed = TokenResponse.safeParse(safeJson(text));
      if (!parsed.success)
        throw new AppError('unavailable', 'GHL answered the install without access_token/refresh_token/expires_in');
      const t = parsed.data;
      if (t.userType === 'Company' || !t.locationId)
        throw new AppError(
          'bad_request',
          'GHL granted agency-wide access instead of one sub-account; install the app on a sub-account (location)',
        );
      return {
        locationId: t.locationId,
        companyId: t.companyId ?? null,
        userId: t.userId ?? null,
        tokens: {
          accessToken: t.access_token,
          refreshToken: t.refresh_token,
          expiresAt: new Date(options.clock.now().getTime() + t.expires_in * 1000).toISOString(),
          userType: 'Location',
          scope: t.scope ?? null,
          refreshLeaseUntil: null,
        },
      };
    },

    async locationName(locationId, accessToken) {
      const send = createGhlTransport({
        baseUrl: options.baseUrl,
        auth: privateTokenAuth(accessToken),
        bucket: options.bucket,
        clock: options.clock,
        fetch: doFetch,
        maxRetries: 0,
      });
      const path = `/locations/${encodeURIComponent(locationId)}`;
      try {
        const body = await send(
          { method: 'GET', path, family: 'locations', locationId, idempotent: true },
          LocationResponse,
        );
        return body.location.name || null;
      } catch {
        return null;
      }
    },
  };
}

/** GHL's reason (`{statusCode, message}`, or OAuth's `{error, error_description}`), for the installer to read. */
function refusal(status: number, text: string): AppError {
  const body = safeJson(text) as Record<string, unknown> | undefined;
  const raw = body?.error_description ?? body?.message ?? body?.error ?? '';
  const reason = maskText((Array.isArray(raw) ? raw.join('; ') : String(raw)).slice(0, 300)).trim();
  const said = reason ? `: ${reason}` : '';
  if (status >= 500 || status === 429)
    return new AppError('unavailable', `GHL could not finish the install right now (HTTP ${status}${said})`, {
      provider: 'ghl',
      status,
    });
  return new AppError('bad_request', `GHL refused the install code (HTTP ${status}${said})`, {
    provider: 'ghl',
    status,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
