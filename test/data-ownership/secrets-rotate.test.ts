import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { slackInstallations } from '../../db/schema/index.ts';
import { loadEnv, secretKeys } from '../../core/config/load-env.ts';
import { open } from '../../core/crypto/secret-box.ts';
import { openTenantCredentials } from '../../core/tenants/tenant-credentials.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createDbTokenStore, saveInstalledTokens } from '../../db/queries/ghl-tokens.ts';
import { sealedTenantCredentials } from '../../db/queries/tenants/tenant-credentials.ts';
import { setTenantGhlToken } from '../../db/use-cases/ghl/set-tenant-ghl-token.ts';
import { installSlackWorkspace } from '../../db/use-cases/slack/install-slack-workspace.ts';
import { createSlackInstallationStore } from '../../db/use-cases/slack/slack-installation-store.ts';
import { rotateSecrets } from '../../db/use-cases/secrets/rotate-secrets.ts';
import { createTestRuntime, TEST_ENV } from '../helpers/runtime.ts';
import type { Runtime } from '../../jobs/runtime.ts';

const OLD = 'old-secret-old-secret-0123456789';
const NEW = 'new-secret-new-secret-0123456789';
const ROTATING = secretKeys(loadEnv({ ...TEST_ENV, APP_SECRET: '', APP_SECRETS: `${NEW},${OLD}` }));

/** A team with every kind of stored credential, each sealed with `secret`. */
async function teamWithCredentials(rt: Runtime, secret: string, n: number) {
  const { tenant } = await createTenant(rt.db, { name: `Team ${n}`, ghlLocations: [`loc-${n}`] });
  await setTenantGhlToken({ db: rt.db, clock: rt.clock, secrets: secret }, tenant.id, `pit-private-token-${n}`);
  await saveInstalledTokens(rt.db, secret, {
    locationId: `loc-${n}`,
    tenantId: tenant.id,
    tokens: {
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      expiresAt: '2030-01-01T00:00:00.000Z',
      userType: 'Location',
    },
    at: rt.clock.now(),
  });
  await installSlackWorkspace({ db: rt.db, clock: rt.clock }, secret, {
    tenantId: tenant.id,
    teamId: `T0TEAM${n}`,
    botToken: `xoxb-bot-${n}`,
    botScopes: ['chat:write'],
  });
  return tenant;
}

describe('porchlight secrets rotate', () => {
  it('re-seals every credential with the first secret: afterwards the new secret alone opens all of them', async () => {
    const rt = await createTestRuntime();
    expect(ROTATING).toEqual([NEW, OLD]);
    const a = await teamWithCredentials(rt, OLD, 1);
    const b = await teamWithCredentials(rt, NEW, 2);

    const result = await rotateSecrets(rt, { secrets: ROTATING });
    expect(result).toEqual({
      resealed: { tenantCredentials: 2, ghlOAuthTokens: 2, slackBotTokens: 2 },
      failed: 0,
      failures: [],
    });

    for (const [tenant, n] of [
      [a, 1],
      [b, 2],
    ] as const) {
      const sealed = (await sealedTenantCredentials(rt.db, tenant.id))!.credentials;
      expect(openTenantCredentials(sealed, NEW)).toEqual({ ghl: { token: `pit-private-token-${n}` } });
      expect(() => openTenantCredentials(sealed, OLD)).toThrow(/could not be decrypted/);
      expect(await createDbTokenStore(rt.db, { secret: NEW }).get(`loc-${n}`)).toMatchObject({
        accessToken: `access-${n}`,
        refreshToken: `refresh-${n}`,
        version: 1,
      });
      const slack = createSlackInstallationStore({ db: rt.db, clock: rt.clock }, NEW);
      expect(
        (await slack.fetchInstallation({ teamId: `T0TEAM${n}`, enterpriseId: undefined, isEnterpriseInstall: false }))
          .bot?.token,
      ).toBe(`xoxb-bot-${n}`);
    }
  }, 60_000);

  it('a value no secret opens is reported and left as it was; the rest are still re-sealed', async () => {
    const rt = await createTestRuntime();
    await teamWithCredentials(rt, OLD, 1);
    const lost = await teamWithCredentials(rt, 'a-secret-nobody-has-any-more-000', 2);
    const [before] = await rt.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, 'T0TEAM2'));

    const result = await rotateSecrets(rt, { secrets: ROTATING });
    expect(result.failed).toBe(3);
    expect(result.failures).toEqual(
      expect.arrayContaining([
        { kind: 'tenantCredentials', id: lost.id },
        { kind: 'ghlOAuthTokens', id: 'loc-2' },
        { kind: 'slackBotTokens', id: 'T0TEAM2' },
      ]),
    );
    expect(result.resealed).toEqual({ tenantCredentials: 1, ghlOAuthTokens: 1, slackBotTokens: 1 });
    const [after] = await rt.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, 'T0TEAM2'));
    expect(after.botTokenSealed).toBe(before.botTokenSealed);
    expect(open(after.botTokenSealed, 'a-secret-nobody-has-any-more-000')).toBe('xoxb-bot-2');
  }, 60_000);
});
