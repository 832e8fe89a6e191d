import type { BoxSecret } from '../../../core/crypto/secret-box.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import { openTenantCredentials, sealTenantCredentials, tokenHint } from '../../../core/tenants/tenant-credentials.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { sealedTenantCredentials, storeSealedTenantCredentials } from '../../queries/tenants/tenant-credentials.ts';

export interface SetTenantGhlTokenResult {
  tenantId: string;
  /** What may be shown of the stored token (`pit-…1a2b`), or null when it was removed. */
  ghlToken: string | null;
}

/**
 * Stores (or with `null` removes) a team's GHL private integration token, sealed with APP_SECRET, so a
 * single-location team needs no Marketplace app. Used for the team's locations that have no OAuth install
 * (jobs/shared/ghl-client-for-tenant.ts). The audit trail records that it changed and its hint, never the token.
 * @example await setTenantGhlToken({ db: rt.db, clock: rt.clock, secrets: secretKeys(rt.env) }, tenantId, token)
 */
export async function setTenantGhlToken(
  deps: { db: Db; clock: Clock; secrets: BoxSecret },
  tenantId: string,
  token: string | null,
  /** `actor`: who made the change, as the audit trail names people (settings' `actorName`). */
  options: { actor?: string } = {},
): Promise<SetTenantGhlTokenResult> {
  const value = token?.trim() ?? null;
  if (value !== null && (!value || /\s/.test(value)))
    throw new AppError('bad_usage', 'ghl.token must be a GHL private integration token (one word, like pit-…)');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await sealedTenantCredentials(tx, tenantId, { forUpdate: true });
    if (!row) throw new AppError('not_found', `No tenant ${tenantId} (see porchlight tenant list)`);
    const credentials = openTenantCredentials(row.credentials, deps.secrets);
    const before = credentials.ghl?.token ? tokenHint(credentials.ghl.token) : null;
    const { ghl: _old, ...rest } = credentials;
    const next = value ? { ...rest, ghl: { token: value } } : rest;
    const sealed = Object.keys(next).length ? sealTenantCredentials(next, deps.secrets) : null;
    await storeSealedTenantCredentials(tx, { tenantId, sealed, at: now });
    const after = value ? tokenHint(value) : null;
    await recordAudit(tx, {
      tenantId,
      entity: 'tenant',
      entityId: tenantId,
      action: 'settings_changed',
      actor: options.actor ?? 'cli',
      data: { keys: ['ghl.token'], before: { 'ghl.token': before }, after: { 'ghl.token': after } },
    });
    return { tenantId, ghlToken: after };
  });
}
