/**
 * The Slack app manifest (https://docs.slack.dev/reference/app-manifest) for a Porchlight server at one public URL:
 * every slash command of design.md §6 and §8 pointed at `/slack/events`, interactivity and events at the same URL,
 * the OAuth redirect, and the bot scopes the code in bots/slack actually calls for. Pure: `porchlight slack manifest`
 * prints it as YAML or JSON, and `GET /slack/install` asks for the same scopes.
 * @example buildSlackManifest({ publicBaseUrl: 'https://porchlight.example.com' }).oauth_config.scopes.bot
 */

/**
 * Each scope names the calls that need it, so removing a call shows which scope can go.
 * Listed in the order Slack's install screen explains them.
 */
export const SLACK_BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // chat.postMessage (alert DMs, team channel), chat.update (every copy after a claim), chat.postEphemeral
  'chat:write.public', // post alerts in the team channel (`slackChannel` setting) without inviting the bot first
  'im:write', // conversations.open: find the DM of an alert sent to a user id
  'im:history', // conversations.history in DMs: find an alert a crashed worker may have sent (idempotency metadata)
  'channels:history', // the same in the team channel (`slackChannel` setting)
  'users:read', // users.info: who pressed a button
  'users:read.email', // their profile email, to link them to their agent without `/porchlight link`
  'files:write', // files.uploadV2: the pipeline and leaderboard charts
  'files:read', // url_private_download: the rules file a manager attaches to `/rules simulate`
] as const;

/** Workspace events we handle: an uninstall or revoked token forgets the stored bot token. No scope needed. */
export const SLACK_BOT_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

export interface SlackCommandSpec {
  command: string;
  description: string;
  usage_hint?: string;
}

/** design.md §6 (first seven) and §8. Descriptions show in Slack's command picker. */
export const SLACK_COMMANDS: readonly SlackCommandSpec[] = [
  { command: '/top-deals', description: 'Best-scored deals, optionally in an area', usage_hint: '[area] [n]' },
  { command: '/lead', description: "A lead's score, reasons, searches and owner", usage_hint: '<name|phone|email>' },
  { command: '/property', description: 'A listing with its deal score and matched leads', usage_hint: '<id|address>' },
  { command: '/pipeline', description: 'Leads per stage, with a chart' },
  {
    command: '/alert',
    description: 'Save a search for a lead in plain words',
    usage_hint: '<criteria in plain words> [for <lead>]',
  },
  { command: '/leaderboard', description: 'Deals and contacts per agent, with a chart', usage_hint: '[7d|30d]' },
  { command: '/porchlight', description: 'Help, account link and team settings', usage_hint: 'help | link | settings' },
  { command: '/away', description: 'Pause your alerts (vacation, day off)', usage_hint: '[until <date>]' },
  { command: '/back', description: 'Resume your alerts' },
  { command: '/hours', description: 'Set the hours you take alerts', usage_hint: '<from>-<to>' },
  {
    command: '/alerts',
    description: 'Open alerts: yours, the team’s or unclaimed',
    usage_hint: '[mine|team|unclaimed] [kind] [priority] [page N]',
  },
  {
    command: '/team',
    description: 'Who is on shift, their load, who is next; managers pause',
    usage_hint: '[pause|resume <agent>]',
  },
  {
    command: '/report',
    description: 'Speed-to-lead and outcomes over a period',
    usage_hint: '[7d|30d|90d] [by agent|source|kind|area]',
  },
  {
    command: '/export',
    description: 'Export leads, alerts, deals or a report as CSV',
    usage_hint: '<leads|alerts|deals|report> [7d|30d|90d|since <date>]',
  },
  {
    command: '/automations',
    description: 'Lead automations and their status',
    usage_hint: '[on|off <rule> | test [days]]',
  },
  { command: '/rules', description: 'Try a routing rules file on past alerts', usage_hint: 'simulate [days]' },
];

export interface SlackManifestOptions {
  /** How Slack reaches this server (PUBLIC_BASE_URL); https in production. */
  publicBaseUrl: string;
  appName?: string;
  /** Local development over Socket Mode: no request URLs, no OAuth redirect. */
  socketMode?: boolean;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<SlackCommandSpec & { url?: string; should_escape: boolean }>;
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** `base` + `path` without doubling the slash when PUBLIC_BASE_URL ends in one (or carries a path prefix). */
export function publicUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function buildSlackManifest(options: SlackManifestOptions): SlackManifest {
  const name = options.appName ?? 'Porchlight';
  const socket = options.socketMode ?? false;
  const events = socket ? undefined : publicUrl(options.publicBaseUrl, SLACK_EVENTS_PATH);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Hot leads and property alerts for your team, claimed in one click.',
      background_color: '#1f2937',
    },
    features: {
      // Alerts arrive as DMs from the bot; the Messages tab must stay open for them.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: SLACK_COMMANDS.map((c) => ({ ...c, ...(events ? { url: events } : {}), should_escape: false })),
    },
    oauth_config: {
      ...(socket ? {} : { redirect_urls: [publicUrl(options.publicBaseUrl, SLACK_REDIRECT_PATH)] }),
      scopes: { bot: [...SLACK_BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { ...(events ? { request_url: events } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
