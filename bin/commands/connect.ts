import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Env } from '../../core/config/env-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import {
  GHL_INSTALL_STATE_MAX_AGE_SECONDS,
  ghlInstallUrl,
  ghlRedirectUri,
  issueGhlInstallState,
} from '../../core/ghl/install-link.ts';
import { GHL_INSTALL_SCOPES } from '../../core/ghl/install-scopes.ts';
import type { GhlLocationConnection } from '../../db/queries/ghl-locations.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { withRuntime } from '../with-runtime.ts';
import { id } from '../parse-option.ts';

/** Injected so tests drive the real command against a test runtime and read what it prints. */
export interface ConnectCommandDeps {
  /** Read before the database opens, so a missing client id is reported without touching it. */
  env: () => Env | Promise<Env>;
  withRuntime: <T>(fn: (rt: Runtime) => Promise<T>) => Promise<T>;
  write: (text: string) => void;
  /** The install state's nonce; random, at least 16 characters. */
  nonce: () => string;
}

const defaults: ConnectCommandDeps = {
  env: async () => (await import('../env.ts')).cliContext().env,
  withRuntime,
  write: (t) => process.stdout.write(t),
  nonce: () => randomBytes(18).toString('base64url'),
};

export interface GhlInstallLink {
  tenantId: string;
  tenantName: string;
  url: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: string;
}

/** `porchlight connect ghl --tenant <id>`: the Marketplace install URL for one team (docs/setup-ghl.md). */
export function registerConnectCommands(program: Command, deps: ConnectCommandDeps = defaults): void {
  const connect = program.command('connect').description('Connect a team to its providers');
  connect
    .command('ghl')
    .description('print the GHL Marketplace install link for a team (works once, for 15 minutes)')
    .requiredOption('--tenant <id>', 'the team the installed sub-account will belong to', id)
    .option('--json', 'print {"url","tenantId","redirectUri","scopes","expiresAt"}')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const env = await deps.env();
      const config = await ghlInstallConfig(env);
      const link = await deps.withRuntime((rt) => ghlInstallLink(rt, env, config, opts.tenant, deps.nonce()));
      if (opts.json) {
        const { tenantName: _name, ...json } = link;
        deps.write(`${JSON.stringify(json)}\n`);
        return;
      }
      deps.write(
        `Install link for ${link.tenantName} (works once, until ${link.expiresAt}).\n` +
          'Open it as the owner or an admin of the GHL sub-account and pick that sub-account:\n\n' +
          `  ${link.url}\n\n` +
          `GHL sends the installer back to ${link.redirectUri}\n` +
          '(it must be a redirect URL of your Marketplace app, and reachable from their browser).\n',
      );
    });
}

/** What an install link needs from the environment; each missing piece is one readable line (exit 1). */
async function ghlInstallConfig(env: Env): Promise<{ clientId: string; secrets: string[] }> {
  if (!env.GHL_CLIENT_ID || !env.GHL_CLIENT_SECRET)
    throw new AppError(
      'invalid_config',
      'Set GHL_CLIENT_ID and GHL_CLIENT_SECRET first (your GHL Marketplace app → Advanced Settings → Auth); ' +
        'see docs/setup-ghl.md',
    );
  const { secretKeys } = await import('../../core/config/load-env.ts');
  const secrets = secretKeys(env);
  if (!secrets.length)
    throw new AppError('invalid_config', 'Set APP_SECRET first: it signs the install link and seals the tokens');
  return { clientId: env.GHL_CLIENT_ID, secrets };
}

async function ghlInstallLink(
  rt: Runtime,
  env: Env,
  config: { clientId: string; secrets: string[] },
  tenantId: string,
  nonce: string,
): Promise<GhlInstallLink> {
  const { getTenant } = await import('../../db/queries/tenants.ts');
  const tenant = await getTenant(rt.db, tenantId);
  if (!tenant) throw new AppError('not_found', `No tenant ${tenantId} (see porchlight tenant list)`);
  const now = rt.clock.now();
  const state = issueGhlInstallState(config.secrets, { tenantId: tenant.id, nonce }, now);
  return {
    tenantId: tenant.id,
    tenantName: tenant.name,
    url: ghlInstallUrl({
      oauthUrl: env.GHL_OAUTH_URL,
      clientId: config.clientId,
      publicBaseUrl: env.PUBLIC_BASE_URL,
      state,
    }),
    redirectUri: ghlRedirectUri(env.PUBLIC_BASE_URL),
    scopes: GHL_INSTALL_SCOPES.map((s) => s.scope),
    expiresAt: new Date(now.getTime() + GHL_INSTALL_STATE_MAX_AGE_SECONDS * 1000).toISOString(),
  };
}

/** How `tenant list` shows a team's GHL location: which, how it authenticates, and whether it is installed. */
export interface GhlLocationView {
  locationId: string;
  companyId: string | null;
  /** `uninstalled` after GHL's UNINSTALL event; its events are then kept but not processed. */
  status: 'active' | 'uninstalled';
  /** `oauth`: the Marketplace app (connect ghl); `token`: the team's private token or GHL_TOKEN. */
  auth: 'oauth' | 'token';
  installedAt: string | null;
}

export function ghlLocationView(row: GhlLocationConnection): GhlLocationView {
  return {
    locationId: row.locationId,
    companyId: row.companyId,
    status: row.uninstalledAt ? 'uninstalled' : 'active',
    auth: row.oauth ? 'oauth' : 'token',
    installedAt: row.installedAt?.toISOString() ?? null,
  };
}

/** `loc123 (oauth)`, `loc456 (token, uninstalled)`: one location in `tenant list`'s line. */
export const describeLocation = (l: GhlLocationView): string =>
  `${l.locationId} (${[l.auth, l.status === 'uninstalled' ? 'uninstalled' : ''].filter(Boolean).join(', ')})`;
