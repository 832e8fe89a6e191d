import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import { GHL_CALLBACK_PATH, readGhlInstallState } from '../../core/ghl/install-link.ts';
import { isStateNonceUsed } from '../../db/queries/used-state-nonces.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { installGhlLocation } from '../../db/use-cases/ghl/install-ghl-location.ts';
import { PAGE_HEADERS } from '../pages/html-page.ts';
import { ghlInstalledPage, ghlInstallFailedPage } from '../pages/ghl-install-page.ts';

/** A refusal: shown to the installer as a page, never as JSON (a person in a browser reads it). */
class Refused extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const STATE_PROBLEM = {
  malformed: 'This install link is incomplete or was altered. Open the whole link you were sent.',
  bad_signature: 'This install link was not issued by this Porchlight.',
  wrong_purpose: 'This link was not issued for a GHL install.',
  expired: 'This install link has expired (links work for 15 minutes).',
} as const;

/**
 * `GET /oauth/ghl/callback?code=&state=`: where GHL sends the installer after they pick a sub-account on the
 * install URL `porchlight connect ghl` printed. Verifies the signed state (which team, issued < 15 min ago, not
 * used before), exchanges the code for the location's tokens, then one use case spends the state, links the
 * location and stores the tokens sealed. Every refusal is a page with a 4xx and nothing stored.
 */
export function oauthGhlRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.get(GHL_CALLBACK_PATH, async (c) => {
    try {
      return await install(runtime, c);
    } catch (error) {
      const refused =
        error instanceof Refused ? error : isAppError(error) ? new Refused(error.status, error.message) : null;
      if (!refused) throw error;
      c.get('logger').warn({ status: refused.status, reason: refused.message }, 'GHL install refused');
      const headers = { 'Content-Type': 'text/html; charset=UTF-8', ...PAGE_HEADERS };
      return new Response(ghlInstallFailedPage(refused.message), { status: refused.status, headers });
    }
  });
  return app;
}

async function install(runtime: Runtime, c: Context<AppEnv>): Promise<Response> {
  const { db, clock } = runtime;
  const secrets = secretKeys(runtime.env);
  if (!secrets.length) throw new Refused(503, 'Porchlight is not set up for GHL installs yet (APP_SECRET is not set).');
  const stateToken = c.req.query('state');
  if (!stateToken)
    throw new Refused(400, 'This address is opened from a Porchlight install link, and this request carried none.');
  const state = readGhlInstallState(secrets, stateToken, clock.now());
  if (!state.ok) throw new Refused(400, STATE_PROBLEM[state.reason]);
  const code = c.req.query('code');
  if (!code) throw new Refused(400, 'GHL sent no authorization code: the install was cancelled or did not finish.');
  // Checked before the exchange as well as inside the use case: a replayed link never reaches GHL.
  if (await isStateNonceUsed(db, state.nonce))
    throw new Refused(409, 'This install link was already used. Ask your Porchlight admin for a new one.');
  if (!(await getTenant(db, state.tenantId)))
    throw new Refused(404, 'The Porchlight team this install link was made for no longer exists.');

  const ghl = runtime.providers.ghlInstall();
  const grant = await ghl.exchangeCode(code);
  const installed = await installGhlLocation({ db, clock }, secrets, {
    tenantId: state.tenantId,
    stateNonce: state.nonce,
    stateExpiresAt: state.expiresAt,
    locationId: grant.locationId,
    companyId: grant.companyId,
    tokens: grant.tokens,
    installerUserId: grant.userId,
  });
  c.get('logger').info(
    { tenantId: installed.tenantId, locationId: installed.locationId, reinstall: installed.reinstall },
    'GHL location installed',
  );
  const locationName = await ghl.locationName(grant.locationId, grant.tokens.accessToken);
  return c.html(ghlInstalledPage({ ...installed, locationName }), 200, PAGE_HEADERS);
}
