import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { GhlAuth } from './ghl-auth.ts';
import type { GhlTokens, StoredGhlTokens, TokenStore } from '../../core/ghl/token-store.ts';

export interface OAuthAuthOptions {
  store: TokenStore;
  clientId: string;
  clientSecret: string;
  baseUrl: string;
  clock: Clock;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Refresh this long before expiry, so a token does not die mid-request. */
  skewMs?: number;
  /** How long a worker may hold the refresh lease before others assume it crashed. */
  leaseMs?: number;
}

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().nullish(),
  userType: z.enum(['Location', 'Company']).nullish(),
});

/**
 * OAuth for GHL. GHL refresh tokens are single-use, so two workers refreshing with the same one
 * leaves one of them (and possibly the stored row) holding a dead token. Hence:
 * - in-process, concurrent callers share one refresh per location (single-flight);
 * - across processes, a worker first claims a lease on the stored row by compare-and-set; the
 *   loser never spends the old refresh token, it re-reads the store until the winner's tokens land;
 * - the rotated refresh token is persisted before the new access token is handed to any caller,
 *   so a crash right after the refresh cannot lose it.
 */
export function oauthAuth(options: OAuthAuthOptions): GhlAuth {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const skewMs = options.skewMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const inFlight = new Map<string, Promise<string>>();
  const now = () => options.clock.now().getTime();
  const fresh = (t: StoredGhlTokens) => Date.parse(t.expiresAt) - skewMs > now();

  async function load(locationId: string): Promise<StoredGhlTokens> {
    const row = await options.store.get(locationId);
    if (!row)
      throw new AppError(
        'unauthorized',
        `no GHL OAuth tokens stored for location ${locationId}; install the app again`,
      );
    return row;
  }

  function singleFlight(locationId: string, stale: string | null): Promise<string> {
    const running = inFlight.get(locationId);
    if (running) return running;
    const p = refresh(locationId, stale).finally(() => inFlight.delete(locationId));
    inFlight.set(locationId, p);
    return p;
  }

  async function refresh(locationId: string, stale: string | null): Promise<string> {
    let waited = 0;
    let poll = 50;
    for (;;) {
      const row = await load(locationId);
      if (row.accessToken !== stale && fresh(row)) return row.accessToken;
      const leased = row.refreshLeaseUntil && Date.parse(row.refreshLeaseUntil) > now() && waited < leaseMs;
      if (leased) {
        await sleep(poll);
        waited += poll;
        poll = Math.min(poll * 2, 1_000);
        continue;
      }
      const lease = { ...tokensOf(row), refreshLeaseUntil: new Date(now() + leaseMs).toISOString() };
      if (!(await options.store.save(locationId, lease, row.version))) continue;
      return spend(locationId, row, row.version + 1);
    }
  }

  /** Holds the lease (stored version `leased`): exchange the refresh token and persist the result. */
  async function spend(locationId: string, row: StoredGhlTokens, leased: number): Promise<string> {
    let next: GhlTokens;
    try {
      next = await exchange(row);
    } catch (e) {
      await options.store.save(locationId, { ...tokensOf(row), refreshLeaseUntil: null }, leased);
      throw e;
    }
    let expected = leased;
    for (let i = 0; i < 3; i++) {
      if (await options.store.save(locationId, next, expected)) return next.accessToken;
      // Our lease was taken over (we were slower than leaseMs). GHL has already rotated to the
      // tokens we hold, so they must still be written, over whatever is there now.
      expected = (await load(locationId)).version;
    }
    throw new AppError('conflict', `could not persist refreshed GHL tokens for location ${locationId}`);
  }

  async function exchange(row: StoredGhlTokens): Promise<GhlTokens> {
    const res = await doFetch(`${options.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: row.refreshToken,
        user_type: row.userType,
      }).toString(),
    });
    const text = await res.text();
    if (!res.ok) {
      const code = res.status >= 500 ? 'unavailable' : 'unauthorized';
      throw new AppError(code, `GHL token refresh failed with HTTP ${res.status}`, {
        provider: 'ghl',
        status: res.status,
      });
    }
    const parsed = TokenResponse.safeParse(safeJson(text));
    if (!parsed.success)
      throw new AppError('unavailable', 'GHL token refresh answered without access_token/refresh_token/expires_in');
    const t = parsed.data;
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: new Date(now() + t.expires_in * 1000).toISOString(),
      userType: t.userType ?? row.userType,
      scope: t.scope ?? row.scope ?? null,
      refreshLeaseUntil: null,
    };
  }

  return {
    async accessToken(locationId) {
      const row = await load(locationId);
      return fresh(row) && !row.refreshLeaseUntil ? row.accessToken : singleFlight(locationId, null);
    },
    async renew(locationId, rejected) {
      return singleFlight(locationId, rejected);
    },
  };
}

function tokensOf(row: StoredGhlTokens): GhlTokens {
  const { version: _version, ...tokens } = row;
  return tokens;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
