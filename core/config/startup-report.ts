import type { Env } from './env-schema.ts';

/** What the start log tells an operator: which channels are on, and the URLs each provider must call. */
export interface StartupReport {
  channels: Record<'slack' | 'discord' | 'sms' | 'email' | 'terminal', boolean>;
  urls: Record<string, string>;
}

/** Paths providers call, relative to PUBLIC_BASE_URL (the guides in docs/setup-*.md quote the same list). */
export const PROVIDER_PATHS = {
  ghlWebhook: '/webhooks/ghl',
  ghlOauthCallback: '/oauth/ghl/callback',
  twilioSms: '/webhooks/twilio/sms',
  twilioStatus: '/webhooks/twilio/status',
  sendgridEvents: '/webhooks/sendgrid/events',
  slackEvents: '/slack/events',
  slackOauthRedirect: '/slack/oauth_redirect',
  discordInteractions: '/discord/interactions',
} as const;

/**
 * Env-level view (tenants added with `porchlight tenant add` may bring their own credentials). The terminal
 * channel prints alerts whenever no chat workspace is configured, as `npm start` promises.
 * @example logger.info(startupReport(env), 'channels and provider URLs')
 */
export function startupReport(env: Env): StartupReport {
  const slack = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID);
  const discord = Boolean(env.DISCORD_BOT_TOKEN);
  const base = env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return {
    channels: {
      slack,
      discord,
      sms: Boolean(env.TWILIO_ACCOUNT_SID),
      email: Boolean(env.SENDGRID_API_KEY),
      terminal: !slack && !discord,
    },
    urls: Object.fromEntries(Object.entries(PROVIDER_PATHS).map(([name, path]) => [name, `${base}${path}`])),
  };
}

/** One line per fact, for people reading the log on a terminal. */
export function describeStartup(report: StartupReport): string {
  const on = Object.entries(report.channels)
    .map(([name, isOn]) => `${name} ${isOn ? 'on' : 'off'}`)
    .join(', ');
  return `channels: ${on}; providers call: ${Object.values(report.urls).join(' ')}`;
}
