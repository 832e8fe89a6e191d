import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { buildSlackManifest, type SlackManifest } from '../../core/slack/manifest.ts';
import { withRuntime } from '../with-runtime.ts';
import { id } from '../parse-option.ts';

const require = createRequire(import.meta.url);

/** `porchlight slack manifest|install-link`: what to paste into api.slack.com and what to send a workspace admin. */
export function registerSlackCommands(program: Command): void {
  const slack = program.command('slack').description('Slack app setup');
  slack
    .command('manifest')
    .description('print the Slack app manifest for PUBLIC_BASE_URL (YAML; paste it at api.slack.com/apps → Create app)')
    .option('--json', 'print the manifest as JSON')
    .option('--socket-mode', 'for local development: Socket Mode, no request URLs')
    .action(async (opts: { json?: boolean; socketMode?: boolean }) => {
      const { cliContext } = await import('../env.ts');
      const { env } = cliContext();
      const manifest = slackManifestFor(env.PUBLIC_BASE_URL, opts.socketMode ?? false);
      process.stdout.write(opts.json ? `${JSON.stringify(manifest, null, 2)}\n` : slackManifestYaml(manifest));
    });
  slack
    .command('install-link')
    .description('print the link that installs the Slack app into a workspace for one team')
    .requiredOption('--tenant <id>', 'the team the workspace will belong to', id)
    .option('--json', 'print {"url","tenantId","expiresAt"}')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const [{ getTenant }, { slackInstallLink, INSTALL_LINK_MAX_AGE_SECONDS }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../bots/slack/slack-install-link.ts'),
      ]);
      const link = await withRuntime(async (rt) => {
        if (!rt.env.SLACK_CLIENT_ID || !rt.env.SLACK_CLIENT_SECRET)
          throw new AppError(
            'invalid_config',
            'Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET first (docs/setup-slack.md).',
          );
        const tenant = await getTenant(rt.db, opts.tenant);
        if (!tenant) throw new AppError('not_found', `No tenant ${opts.tenant} (see porchlight tenant list)`);
        const now = rt.clock.now();
        return {
          url: slackInstallLink(rt.env, tenant.id, now),
          tenantId: tenant.id,
          tenantName: tenant.name,
          expiresAt: new Date(now.getTime() + INSTALL_LINK_MAX_AGE_SECONDS * 1000).toISOString(),
        };
      });
      if (opts.json) {
        const { tenantName: _name, ...json } = link;
        process.stdout.write(`${JSON.stringify(json)}\n`);
        return;
      }
      process.stdout.write(
        `Slack install link for ${link.tenantName} (valid until ${link.expiresAt}).\n` +
          `Open it as an admin of the Slack workspace:\n\n  ${link.url}\n`,
      );
    });
}

/** Slack refuses http request URLs; say so here rather than at paste time. */
export function slackManifestFor(publicBaseUrl: string, socketMode: boolean): SlackManifest {
  if (!socketMode && new URL(publicBaseUrl).protocol !== 'https:')
    throw new AppError(
      'invalid_config',
      `PUBLIC_BASE_URL is ${publicBaseUrl}; Slack needs an https URL it can reach (or use --socket-mode locally).`,
    );
  return buildSlackManifest({ publicBaseUrl, socketMode });
}

export function slackManifestYaml(manifest: SlackManifest): string {
  // Required here, for this one command, instead of loading with every `porchlight` run.
  const { stringify } = require('yaml') as typeof import('yaml');
  return stringify(manifest, { lineWidth: 0 });
}
