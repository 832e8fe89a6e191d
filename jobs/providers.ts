import type { REST } from '@discordjs/rest';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
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
import { createDiscordRest } from '../bots/discord/discord-rest.ts';
import { createSendgridService } from '../bots/email/sendgrid-service.ts';
import type { HonoReceiver } from '../bots/slack/hono-receiver.ts';
import { createSlackHttpApp } from '../bots/slack/slack-app.ts';
import { createSlackWeb } from '../bots/slack/slack-web.ts';
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
 * Providers for the runtime `runtime()` returns. A thunk because the runtime holds these providers:
 * they are built after it, on first use, with the parts of it each one needs.
 * @example const runtime: Runtime = { ...parts, providers: createProviders(() => runtime) }
 */
export function createProviders(runtime: () => Runtime): Providers {
  return {
    twilio: once(() => createTwilioService(runtime().env)),
    sendgrid: once(() => createSendgridService(runtime().env)),
    slackWeb: once(() => createSlackWeb(runtime())),
    slackApp: once(() => createSlackHttpApp(runtime())),
    discordRest: once(() => createDiscordRest(runtime())),
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
