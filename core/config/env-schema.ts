import { z } from 'zod';

const optionalUrl = z.url().optional();
const optional = z.string().min(1).optional();
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +15125550100');

/**
 * design.md §2. Every variable optional except where a feature needs a pair; providers without
 * credentials are simply off (the terminal channel and deterministic AI fallbacks take over).
 */
export const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PGLITE_DIR: z.string().default('./data/pglite'),
  /** PostgreSQL: ms a query waits for a connection before the request is shed with 503. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  /** PostgreSQL `statement_timeout` in ms (0 = none). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** PostgreSQL `idle_in_transaction_session_timeout` in ms (0 = none). */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often pg-boss fails jobs of dead workers (missed heartbeats, expiry), in seconds. */
  JOB_MONITOR_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Replaces every queue's retry delay with this fixed one (no backoff): drills and tests. */
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  APP_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Rotation list: the first seals and signs, every one opens and verifies (loadEnv appends APP_SECRET). */
  APP_SECRETS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(16, 'each secret must be at least 16 characters')).min(1))
    .optional(),
  /** When set, /metrics is served on this port (bound to METRICS_HOST) and not on PORT. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),

  GHL_WEBHOOK_PUBLIC_KEY: optional,
  GHL_WEBHOOK_LEGACY_PUBLIC_KEY: optional,
  GHL_API_URL: z.url().default('https://services.leadconnectorhq.com'),
  GHL_TOKEN: optional,
  GHL_LOCATION_ID: optional,
  GHL_CLIENT_ID: optional,
  GHL_CLIENT_SECRET: optional,
  /** Where `porchlight connect ghl` sends the installer: GHL's location chooser (white-label agencies use theirs). */
  GHL_OAUTH_URL: z.url().default('https://marketplace.gohighlevel.com/v2/oauth/chooselocation'),

  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  /** Multi-workspace OAuth (`GET /slack/install`); each workspace's bot token is then stored sealed, per team. */
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_API_URL: optionalUrl,

  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
    .optional(),
  DISCORD_BOT_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_API_URL: optionalUrl,

  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex characters')
    .optional(),
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM_NUMBER: e164.optional(),
  TWILIO_MESSAGING_SERVICE_SID: optional,
  TWILIO_API_URL: optionalUrl,

  SENDGRID_API_KEY: optional,
  SENDGRID_FROM: z.email().optional(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: optional,
  SENDGRID_API_URL: optionalUrl,

  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),

  RESO_API_URL: optionalUrl,
  RESO_TOKEN: optional,

  WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
  /** A webhook the database cannot store within this many ms is answered 503 + Retry-After. */
  WEBHOOK_DEADLINE_MS: z.coerce.number().int().positive().default(5000),
  /** Requests per minute per API key on `/api/v1` (429 with Retry-After past it). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per minute per address on the open pages (`/l/…`, `/unsubscribe/…`, install callbacks). */
  PAGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Events per GHL location per minute before the rest are quarantined (a runaway workflow, not a team). */
  GHL_LOCATION_EVENTS_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Behind a proxy that sets CF-Connecting-IP / X-Forwarded-For: read the caller's address from it. */
  TRUST_PROXY: z.stringbool().default(false),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * Rules across variables, checked on the raw strings so they are reported together with
 * per-variable problems (zod skips refinements when the object itself is invalid).
 */
export function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const pairs: Array<[string, string]> = [
    ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET'],
    ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
    ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'],
    ['DISCORD_BOT_TOKEN', 'DISCORD_APPLICATION_ID'],
  ];
  for (const [a, b] of pairs) {
    if (Boolean(env[a]) !== Boolean(env[b]))
      problems.push(env[a] ? `${b} is required when ${a} is set` : `${a} is required when ${b} is set`);
  }
  // Slack signs every request either way; a bot token (one workspace) or OAuth (many) says who we post as.
  const slackAuth = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID);
  if (slackAuth && !env.SLACK_SIGNING_SECRET)
    problems.push(
      `SLACK_SIGNING_SECRET is required when ${env.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : 'SLACK_CLIENT_ID'} is set`,
    );
  if (env.SLACK_SIGNING_SECRET && !slackAuth)
    problems.push(
      'SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET (OAuth) is required when SLACK_SIGNING_SECRET is set',
    );
  if (env.SLACK_CLIENT_ID && !env.APP_SECRET && !env.APP_SECRETS)
    problems.push('APP_SECRET is required when SLACK_CLIENT_ID is set (installed bot tokens are stored sealed)');
  if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_FROM_NUMBER && !env.TWILIO_MESSAGING_SERVICE_SID) {
    problems.push('TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set');
  }
  if (env.SENDGRID_API_KEY && !env.SENDGRID_FROM)
    problems.push('SENDGRID_FROM is required when SENDGRID_API_KEY is set');
  return problems;
}
