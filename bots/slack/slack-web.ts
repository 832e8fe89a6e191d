import { WebClient, LogLevel } from '@slack/web-api';
import { secretKeys } from '../../core/config/load-env.ts';
import { open } from '../../core/crypto/secret-box.ts';
import { slackInstallationByTeam } from '../../db/queries/slack-installations.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** The Slack Web API client on env `SLACK_BOT_TOKEN` (the single-workspace shortcut), built once. */
export function slackWeb(runtime: Runtime): WebClient {
  return runtime.providers.slackWeb();
}

/**
 * The bot token that acts in workspace `teamId`: its OAuth install (`GET /slack/oauth_redirect`) when there is one,
 * else env `SLACK_BOT_TOKEN`. Looked up per call (one indexed read) so a reinstall or an uninstall takes effect at
 * once in every process.
 */
export async function slackBotToken(runtime: Runtime, teamId: string | null | undefined): Promise<string | undefined> {
  const installed = teamId ? await slackInstallationByTeam(runtime.db, teamId) : undefined;
  if (installed) return open(installed.botTokenSealed, secretKeys(runtime.env));
  return runtime.env.SLACK_BOT_TOKEN;
}

const installedClients = new WeakMap<Runtime, Map<string, WebClient>>();

/**
 * The Web API client for one workspace (see `slackBotToken`). Every call made on a tenant's behalf (alert DMs,
 * `chat.update`, replies, profile lookups) goes through here, so two workspaces on one server never share a token.
 */
export async function slackWebFor(runtime: Runtime, teamId: string | null | undefined): Promise<WebClient> {
  const token = await slackBotToken(runtime, teamId);
  if (!token || token === runtime.env.SLACK_BOT_TOKEN) return slackWeb(runtime);
  let clients = installedClients.get(runtime);
  if (!clients) installedClients.set(runtime, (clients = new Map()));
  let client = clients.get(token);
  if (!client) clients.set(token, (client = createSlackWeb(runtime, token)));
  return client;
}

/**
 * `SLACK_API_URL` replaces slack.com (a fake Slack on loopback, msw in tests). On 429 the client
 * waits out `Retry-After` before failing the call (`rejectRateLimitedCalls: false`), so a burst of
 * alert updates slows down. It never retries by itself (`retries: 0`): sends run in jobs, and the
 * job's policy owns retries and the dead-letter queue; SDK retries inside job retries multiplied
 * every failed delivery into dozens of calls.
 */
export function createSlackWeb(
  { env, fetch }: Pick<Runtime, 'env' | 'fetch'>,
  token: string | undefined = env.SLACK_BOT_TOKEN,
): WebClient {
  return new WebClient(token, {
    slackApiUrl: slackApiUrl(env),
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    fetch,
  });
}

/** Slack's Web API base with the trailing slash the SDK expects. */
export function slackApiUrl(env: Pick<Runtime['env'], 'SLACK_API_URL'>): string {
  const base = env.SLACK_API_URL ?? 'https://slack.com/api/';
  return base.endsWith('/') ? base : `${base}/`;
}
