import { secretKeys } from '../../core/config/load-env.ts';
import type { Env } from '../../core/config/env-schema.ts';
import { signState, verifyState } from '../../core/crypto/signed-state.ts';
import { publicUrl, SLACK_INSTALL_PATH } from '../../core/slack/manifest.ts';

const LINK_PURPOSE = 'slack-install-link';
/** An admin may send the link to whoever administers the workspace; a week is long enough and not forever. */
export const INSTALL_LINK_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * `PUBLIC_BASE_URL/slack/install?tenant=<id>&sig=<signed>`: the link `porchlight slack install-link` prints. The
 * signature binds the tenant id, so nobody can install their workspace into someone else's team by editing it.
 */
export function slackInstallLink(env: Env, tenantId: string, now: Date): string {
  const sig = signState(secretKeys(env), { purpose: LINK_PURPOSE, tenantId }, now);
  const url = new URL(publicUrl(env.PUBLIC_BASE_URL, SLACK_INSTALL_PATH));
  url.searchParams.set('tenant', tenantId);
  url.searchParams.set('sig', sig);
  return url.toString();
}

/** The tenant a link names, or a reason to refuse it. */
export function verifySlackInstallLink(
  env: Env,
  query: { tenant?: string; sig?: string },
  now: Date,
): { ok: true; tenantId: string } | { ok: false; message: string } {
  if (!query.tenant || !query.sig) return { ok: false, message: 'This install link is incomplete.' };
  const verified = verifyState(secretKeys(env), query.sig, now, INSTALL_LINK_MAX_AGE_SECONDS);
  if (!verified.ok) return { ok: false, message: verified.message };
  const { purpose, tenantId } = verified.payload;
  if (purpose !== LINK_PURPOSE || tenantId !== query.tenant)
    return { ok: false, message: 'This install link was not issued for this team.' };
  return { ok: true, tenantId };
}
