import { eq, isNotNull } from 'drizzle-orm';
import { oauthTokens, slackInstallations, tenants } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Every kind of value stored sealed with APP_SECRET (core/crypto/secret-box), by where it lives. */
export const SEALED_KINDS = ['tenantCredentials', 'ghlOAuthTokens', 'slackBotTokens'] as const;
export type SealedKind = (typeof SEALED_KINDS)[number];

/** One row's sealed columns: `id` names the row (tenant, GHL location, Slack team), never the secret. */
export interface SealedRow {
  kind: SealedKind;
  id: string;
  sealed: Record<string, string>;
}

/**
 * Every sealed value in the database, rows locked until the caller's transaction ends, so a token refresh
 * racing a rotation waits for it instead of being overwritten with the token it replaced.
 */
export async function lockSealedRows(tx: Executor): Promise<SealedRow[]> {
  const credentials = await tx
    .select({ id: tenants.id, credentials: tenants.credentials })
    .from(tenants)
    .where(isNotNull(tenants.credentials))
    .for('update');
  const tokens = await tx
    .select({
      id: oauthTokens.locationId,
      accessToken: oauthTokens.accessToken,
      refreshToken: oauthTokens.refreshToken,
    })
    .from(oauthTokens)
    .for('update');
  const slack = await tx
    .select({ id: slackInstallations.teamId, botToken: slackInstallations.botTokenSealed })
    .from(slackInstallations)
    .for('update');
  return [
    ...credentials.map((r) => ({
      kind: 'tenantCredentials' as const,
      id: r.id,
      sealed: { credentials: r.credentials! },
    })),
    ...tokens.map((r) => ({
      kind: 'ghlOAuthTokens' as const,
      id: r.id,
      sealed: { accessToken: r.accessToken, refreshToken: r.refreshToken },
    })),
    ...slack.map((r) => ({ kind: 'slackBotTokens' as const, id: r.id, sealed: { botToken: r.botToken } })),
  ];
}

/** Writes a row's values sealed anew. The OAuth `version` stays: the tokens themselves did not change. */
export async function storeResealedRow(tx: Executor, row: SealedRow, resealed: Record<string, string>, now: Date) {
  if (row.kind === 'tenantCredentials')
    await tx.update(tenants).set({ credentials: resealed.credentials, updatedAt: now }).where(eq(tenants.id, row.id));
  else if (row.kind === 'ghlOAuthTokens')
    await tx
      .update(oauthTokens)
      .set({ accessToken: resealed.accessToken, refreshToken: resealed.refreshToken })
      .where(eq(oauthTokens.locationId, row.id));
  else
    await tx
      .update(slackInstallations)
      .set({ botTokenSealed: resealed.botToken, updatedAt: now })
      .where(eq(slackInstallations.teamId, row.id));
}
