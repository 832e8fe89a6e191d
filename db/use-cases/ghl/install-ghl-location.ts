import type { BoxSecret } from '../../../core/crypto/secret-box.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { GhlTokens } from '../../../core/ghl/token-store.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { locationRecord } from '../../queries/crm-apply/locations.ts';
import { linkInstalledLocation } from '../../queries/ghl-locations.ts';
import { saveInstalledTokens } from '../../queries/ghl-tokens.ts';
import { getTenant } from '../../queries/tenants.ts';
import { useStateNonce } from '../../queries/used-state-nonces.ts';

export interface GhlLocationInstall {
  /** From the verified install state (core/ghl/install-link.ts). */
  tenantId: string;
  stateNonce: string;
  stateExpiresAt: Date;
  /** From GHL's token response. */
  locationId: string;
  companyId: string | null;
  tokens: GhlTokens;
  installerUserId: string | null;
}

export interface InstalledGhlLocation {
  tenantId: string;
  tenantName: string;
  locationId: string;
  /** The app was installed on this location before (a registration by `tenant add --ghl-location` is not). */
  reinstall: boolean;
}

/**
 * A Marketplace install, after GHL exchanged the code: in one transaction, spends the state's nonce, links the
 * location to the team the state names and stores the location's tokens sealed. Refused with nothing stored
 * (the transaction rolls back) when the state was used already, the team is gone, or the location belongs to
 * another team.
 * @example await installGhlLocation({ db, clock }, secretKeys(env), { tenantId, stateNonce, ... })
 */
export async function installGhlLocation(
  deps: { db: Db; clock: Clock },
  secrets: BoxSecret,
  install: GhlLocationInstall,
): Promise<InstalledGhlLocation> {
  const now = deps.clock.now();
  const { tenantId, locationId } = install;
  return deps.db.transaction(async (tx) => {
    const tenant = await getTenant(tx, tenantId);
    if (!tenant)
      throw new AppError('not_found', 'The Porchlight team this install link was made for no longer exists.');
    const fresh = await useStateNonce(tx, {
      nonce: install.stateNonce,
      purpose: 'ghl-install',
      usedAt: now,
      expiresAt: install.stateExpiresAt,
    });
    if (!fresh)
      throw new AppError(
        'conflict',
        'This install link was already used. Ask your Porchlight admin for a new one (porchlight connect ghl).',
      );
    const before = await locationRecord(tx, locationId);
    const linked = await linkInstalledLocation(tx, { locationId, tenantId, companyId: install.companyId, at: now });
    if (!linked)
      throw new AppError(
        'conflict',
        `GHL location ${locationId} is already connected to another Porchlight team, so it was not connected to ` +
          `${tenant.name}. Uninstall the app from that sub-account, or ask your Porchlight admin.`,
      );
    await saveInstalledTokens(tx, secrets, { locationId, tenantId, tokens: install.tokens, at: now });
    const reinstall = Boolean(before?.installedAt);
    await recordAudit(tx, {
      tenantId,
      entity: 'ghl_location',
      entityId: locationId,
      action: reinstall ? 'reinstall' : 'install',
      actor: install.installerUserId ? `ghl:${install.installerUserId}` : 'ghl',
      data: { companyId: install.companyId, scope: install.tokens.scope ?? null },
    });
    return { tenantId, tenantName: tenant.name, locationId, reinstall };
  });
}
