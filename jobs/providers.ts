import type { REST } from '@discordjs/rest';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Env } from '../core/config/env-schema.ts';
import { AppError } from '../core/errors/app-error.ts';
import { createDbTokenStore } from '../db/queries/ghl-tokens.ts';
import type { GhlAuth } from '../integrations/ghl/ghl-auth.ts';
import { oauthAuth } from '../integrations/ghl/ghl-oauth.ts';
import { createGhlInstallClient, type GhlInstallClient } from '../integrations/ghl/ghl-install.ts';
import { ghlRedirectUri } from '../core/ghl/install-link.ts';
import { createTokenBucket, type TokenBucket } from '../integrations/ghl/token-bucket.ts';
import { OpenAiClient } from '../integrations/openai/openai-client.ts';
import { createResoClient, type ResoClient } from '../integrations/reso/reso-client.ts';
import type { SendgridClient } from '../integrations/sendgrid/sendgrid-client.ts';
import type { TwilioClient } from '../integrations/twilio/twilio-client.ts';
import { createSendgridService } from '../bots/email/sendgrid-service.ts';
import type { HonoReceiver } from '../bots/slack/hono-receiver.ts';
import { createTwilioService } from '../bots/sms/twilio-service.ts';
import type { Runtime } from './runtime.ts';

/** The outbound clients of one runtime, each built from config on first use and then kept. */
export interface Providers {
  /** null when Twilio is not configured (SMS is then off) */
  twilio(): TwilioClient | null;
  /** null when SendGrid is not configured (email is then off) */
  sendgrid(): SendgridClient | null;
  slackWeb(): WebClient;
  /** The Bolt app behind `POST /slack/events`. */
  slackApp(): { app: App; receiver: HonoReceiver };
  discordRest(): REST;
  /** Disabled for a tenant that did not opt in: it answers with the deterministic brief, no request. */
  openai(enabled: boolean): OpenAiClient;
  /** One client per feed URL (a tenant may bring its own feed). */
  resoFor(baseUrl: string): ResoClient;
  /** GHL's rate limit is per location and shared by all our calls, so one bucket per process. */
  ghlBucket(): TokenBucket;
  /** OAuth tokens from the database; one refresh per location at a time within the process. */
  ghlOAuth(): GhlAuth;
  /** The Marketplace install's code exchange (GHL_CLIENT_ID + GHL_CLIENT_SECRET). */
  ghlInstall(): GhlInstallClient;
}

/**
 * The chat SDKs (Slack's Bolt and Web API, discord.js's REST) cost a few hundred milliseconds and 10–20 MB
 * each to load. They are imported before the runtime starts, only for a process whose env configures that
 * chat, so the providers above stay synchronous and a CLI command never loads them. Twilio, SendGrid and
 * OpenAI load their SDKs themselves on their first call.
 */
export interface ChatProviderModules {
  slackWeb?: typeof import('../bots/slack/slack-web.ts');
  slackApp?: typeof import('../bots/slack/slack-app.ts');
  discordRest?: typeof import('../bots/discord/discord-rest.ts');
}

/** Any Slack credential (the bot token, OAuth, request signing, Socket Mode) means Slack is in use. */
export const slackConfigured = (env: Env): boolean =>
  Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN);
export const discordConfigured = (env: Env): boolean =>
  Boolean(env.DISCORD_BOT_TOKEN || env.DISCORD_APPLICATION_ID || env.DISCORD_PUBLIC_KEY);

/** The chat SDK modules env configures, for `createProviders`. */
export async function loadChatProviderModules(env: Env): Promise<ChatProviderModules> {
  const slack = slackConfigured(env);
  const [slackWeb, slackApp, discordRest] = await Promise.all([
    slack ? import('../bots/slack/slack-web.ts') : undefined,
    slack ? import('../bots/slack/slack-app.ts') : undefined,
    discordConfigured(env) ? import('../bots/discord/discord-rest.ts') : undefined,
  ]);
  return { slackWeb, slackApp, discordRest };
}

/**
 * Providers for the runtime `runtime()` returns. A thunk because the runtime holds these providers:
 * they are built after it, on first use, with the parts of it each one needs. `chat` holds the chat SDK
 * modules (`loadChatProviderModules`); asking for a chat client without its module is a configuration error.
 * @example const runtime: Runtime = { ...parts, providers: createProviders(() => runtime, await loadChatProviderModules(env)) }
 */
export function createProviders(runtime: () => Runtime, chat: ChatProviderModules = {}): Providers {
  return {
    twilio: once(() => createTwilioService(runtime().env)),
    sendgrid: once(() => createSendgridService(runtime().env)),
    slackWeb: once(() => loaded(chat.slackWeb, 'Slack').createSlackWeb(runtime())),
    slackApp: once(() => loaded(chat.slackApp, 'Slack').createSlackHttpApp(runtime())),
    discordRest: once(() => loaded(chat.discordRest, 'Discord').createDiscordRest(runtime())),
    openai: memoBy((enabled: boolean) => {
      const { env, logger } = runtime();
      return new OpenAiClient({
        enabled,
        apiKey: env.OPENAI_API_KEY,
        baseURL: env.OPENAI_BASE_URL,
        model: env.OPENAI_MODEL,
        logger,
      });
    }),
    resoFor: memoBy((baseUrl: string) => {
      const { env, fetch } = runtime();
      return createResoClient({ baseUrl, token: env.RESO_TOKEN, fetch });
    }),
    ghlBucket: once(() => createTokenBucket({ clock: runtime().clock })),
    ghlOAuth: once(() => {
      const { env, db, clock, fetch } = runtime();
      const { GHL_CLIENT_ID: clientId, GHL_CLIENT_SECRET: clientSecret, APP_SECRET: secret } = env;
      if (!clientId || !clientSecret || !secret)
        throw new AppError('invalid_config', 'GHL OAuth needs GHL_CLIENT_ID, GHL_CLIENT_SECRET and APP_SECRET');
      const store = createDbTokenStore(db, { secret: env.APP_SECRETS ?? secret });
      return oauthAuth({ store, clientId, clientSecret, baseUrl: env.GHL_API_URL, clock, fetch });
    }),
    ghlInstall: once(() => {
      const { env, clock, fetch } = runtime();
      const { GHL_CLIENT_ID: clientId, GHL_CLIENT_SECRET: clientSecret } = env;
      if (!clientId || !clientSecret)
        throw new AppError('invalid_config', 'GHL installs need GHL_CLIENT_ID and GHL_CLIENT_SECRET');
      const redirectUri = ghlRedirectUri(env.PUBLIC_BASE_URL);
      const bucket = runtime().providers.ghlBucket();
      return createGhlInstallClient({
        clientId,
        clientSecret,
        baseUrl: env.GHL_API_URL,
        redirectUri,
        clock,
        bucket,
        fetch,
      });
    }),
  };
}

function loaded<T>(module: T | undefined, provider: 'Slack' | 'Discord'): T {
  if (!module)
    throw new AppError(
      'invalid_config',
      `${provider} is not configured: set its credentials (see .env.example) and restart`,
    );
  return module;
}

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

function memoBy<K, T>(build: (key: K) => T): (key: K) => T {
  const built = new Map<K, T>();
  return (key) => {
    const kept = built.get(key);
    if (kept !== undefined) return kept;
    const value = build(key);
    built.set(key, value);
    return value;
  };
}
