import { and, eq, isNull, sql } from 'drizzle-orm';
import { oauthTokens, oauthTokenState, tenantLocations } from '../schema/index.ts';
import type { Db, Executor, Tx } from '../client.ts';
import { open, seal, type BoxSecret } from '../../core/crypto/secret-box.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { GhlTokens, StoredGhlTokens, TokenStore } from '../../core/ghl/token-store.ts';

export interface DbTokenStoreOptions {
  /** APP_SECRET: tokens are sealed at rest, so a database dump alone cannot call GHL. */
  secret: BoxSecret;
}

/**
 * TokenStore on `oauth_tokens` (+ `oauth_token_state`). `save` is a compare-and-set on `version`:
 * `UPDATE … WHERE version = expected`, or for expected 0 an insert that does nothing when a row
 * exists. PostgreSQL re-checks the WHERE after waiting on a concurrent writer's row lock, so of two
 * workers saving against the same version exactly one wins, and the loser learns it (false) before
 * it could spend the single-use refresh token.
 * @example const store = createDbTokenStore(runtime.db, { secret: env.APP_SECRETS ?? env.APP_SECRET })
 */
export function createDbTokenStore(db: Db, options: DbTokenStoreOptions): TokenStore {
  const { secret } = options;
  return {
    async get(locationId) {
      const [row] = await db
        .select({ t: oauthTokens, s: oauthTokenState })
        .from(oauthTokens)
        .leftJoin(oauthTokenState, eq(oauthTokenState.locationId, oauthTokens.locationId))
        .where(eq(oauthTokens.locationId, locationId));
      if (!row) return null;
      const stored: StoredGhlTokens = {
        accessToken: open(row.t.accessToken, secret),
        refreshToken: open(row.t.refreshToken, secret),
        expiresAt: row.t.expiresAt.toISOString(),
        userType: row.s?.userType === 'Company' ? 'Company' : 'Location',
        scope: row.s?.scope ?? null,
        refreshLeaseUntil: row.s?.refreshLeaseUntil?.toISOString() ?? null,
        version: row.t.version,
      };
      return stored;
    },

    async save(locationId, tokens, expectedVersion) {
      return db.transaction(async (tx) => {
        const sealed = {
          accessToken: seal(tokens.accessToken, secret),
          refreshToken: seal(tokens.refreshToken, secret),
          expiresAt: new Date(tokens.expiresAt),
          updatedAt: new Date(),
        };
        let won: boolean;
        if (expectedVersion === 0) {
          const tenantId = await owningTenant(tx, locationId);
          const inserted = await tx
            .insert(oauthTokens)
            .values({ locationId, tenantId, ...sealed, version: 1 })
            .onConflictDoNothing({ target: oauthTokens.locationId })
            .returning({ v: oauthTokens.version });
          won = inserted.length === 1;
        } else {
          const updated = await tx
            .update(oauthTokens)
            .set({ ...sealed, version: expectedVersion + 1 })
            .where(and(eq(oauthTokens.locationId, locationId), eq(oauthTokens.version, expectedVersion)))
            .returning({ v: oauthTokens.version });
          won = updated.length === 1;
        }
        if (!won) return false;
        const state = {
          userType: tokens.userType,
          scope: tokens.scope ?? null,
          refreshLeaseUntil: tokens.refreshLeaseUntil ? new Date(tokens.refreshLeaseUntil) : null,
          updatedAt: new Date(),
        };
        await tx
          .insert(oauthTokenState)
          .values({ locationId, ...state })
          .onConflictDoUpdate({ target: oauthTokenState.locationId, set: state });
        return true;
      });
    },
  };
}

/** Stores the first tokens of an install (the OAuth callback or `porchlight` tooling): insert-if-absent. */
export async function storeInstallTokens(
  db: Db,
  secret: BoxSecret,
  locationId: string,
  tokens: GhlTokens,
): Promise<boolean> {
  return createDbTokenStore(db, { secret }).save(locationId, tokens, 0);
}

/** Whether OAuth tokens exist for a location (cheap: no decryption). */
export async function hasOAuthTokens(db: Db, locationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: oauthTokens.locationId })
    .from(oauthTokens)
    .where(eq(oauthTokens.locationId, locationId));
  return Boolean(row);
}

async function owningTenant(tx: Tx, locationId: string): Promise<string> {
  const [row] = await tx
    .select({ tenantId: tenantLocations.tenantId })
    .from(tenantLocations)
    .where(and(eq(tenantLocations.locationId, locationId), isNull(tenantLocations.uninstalledAt)));
  if (!row)
    throw new AppError(
      'not_found',
      `GHL location ${locationId} belongs to no tenant; add it with porchlight tenant add --ghl-location`,
    );
  return row.tenantId;
}

/**
 * Stores the tokens of a fresh install (the OAuth callback), sealed, over whatever a previous install of the
 * location left: a reinstall is a new grant, and the old refresh token is dead at GHL once the new one exists.
 * Bumps `version`, so a worker still refreshing the old grant loses its compare-and-set instead of writing over
 * the new tokens. Runs in the caller's transaction.
 */
export async function saveInstalledTokens(
  db: Executor,
  secret: BoxSecret,
  input: { locationId: string; tenantId: string; tokens: GhlTokens; at: Date },
): Promise<void> {
  const { locationId, tenantId, tokens, at } = input;
  const sealed = {
    tenantId,
    accessToken: seal(tokens.accessToken, secret),
    refreshToken: seal(tokens.refreshToken, secret),
    expiresAt: new Date(tokens.expiresAt),
    updatedAt: at,
  };
  await db
    .insert(oauthTokens)
    .values({ locationId, ...sealed, version: 1 })
    .onConflictDoUpdate({
      target: oauthTokens.locationId,
      set: { ...sealed, version: sql`${oauthTokens.version} + 1` },
    });
  const state = { userType: tokens.userType, scope: tokens.scope ?? null, refreshLeaseUntil: null, updatedAt: at };
  await db
    .insert(oauthTokenState)
    .values({ locationId, ...state })
    .onConflictDoUpdate({ target: oauthTokenState.locationId, set: state });
}
