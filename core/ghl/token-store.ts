/** OAuth tokens for one location (sub-account), as GHL issued them. */
export interface GhlTokens {
  accessToken: string;
  /** Single-use: GHL rotates it on every refresh, so losing the new one locks us out. */
  refreshToken: string;
  expiresAt: string;
  userType: 'Location' | 'Company';
  scope?: string | null;
  /** Set while one worker refreshes, so others wait for its result instead of spending the same refresh token. */
  refreshLeaseUntil?: string | null;
}

export interface StoredGhlTokens extends GhlTokens {
  /** Bumped by every successful save; the compare-and-set guard against lost updates. */
  version: number;
}

/**
 * Where OAuth tokens live; the database implements it (encrypted with APP_SECRET). `save` is a
 * compare-and-set: it writes only when the stored version still equals `expectedVersion` (0 means
 * "nothing stored yet"), bumps the version by one and returns true; otherwise it changes nothing
 * and returns false.
 */
export interface TokenStore {
  get(locationId: string): Promise<StoredGhlTokens | null>;
  save(locationId: string, tokens: GhlTokens, expectedVersion: number): Promise<boolean>;
}

/** In-memory TokenStore: for one process, the CLI and tests. Shared by reference between clients. */
export function createMemoryTokenStore(initial: Record<string, GhlTokens> = {}): TokenStore {
  const rows = new Map<string, StoredGhlTokens>(Object.entries(initial).map(([k, v]) => [k, { ...v, version: 1 }]));
  return {
    async get(locationId) {
      const row = rows.get(locationId);
      return row ? { ...row } : null;
    },
    async save(locationId, tokens, expectedVersion) {
      const current = rows.get(locationId)?.version ?? 0;
      if (current !== expectedVersion) return false;
      rows.set(locationId, { ...tokens, version: current + 1 });
      return true;
    },
  };
}
