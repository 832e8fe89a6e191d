import type { Env } from '../../core/config/env-schema.ts';
import { freshnessWindow, type InboundProvider } from './freshness.ts';
import { ed25519PublicKey, verifyDiscordRequest } from './discord.ts';
import { ghlWebhookKeys, verifyGhlRequest } from './ghl.ts';
import { sendgridVerifierConfig, verifySendgridRequest } from './sendgrid.ts';
import type { InboundRequest, SignatureCheck } from './signature-check.ts';
import { verifySlackRequest } from './slack.ts';
import { verifyTwilioRequest } from './twilio.ts';

/** The provider is off on this server: its URL answers 404 rather than pretending to check anything. */
export interface NotConfigured {
  notConfigured: string;
}

export const isNotConfigured = (config: object): config is NotConfigured => 'notConfigured' in config;

export interface InboundVerifier<Config, Verified extends { scheme: string }> {
  /** Reads and parses the provider's keys and secrets; called once per app, never per request. */
  configure(env: Env): Config | NotConfigured | Promise<Config | NotConfigured>;
  /** Async: every check runs on WebCrypto, the same code on Node and on the edge Worker. */
  verify(request: InboundRequest, config: Config): Promise<SignatureCheck<Verified>>;
  /** Headers kept with the stored event, for inspection. Signatures are not secrets; tokens never are listed. */
  keptHeaders: readonly string[];
}

const verifier = <Config, Verified extends { scheme: string }>(v: InboundVerifier<Config, Verified>) => v;
const COMMON_HEADERS = ['content-type', 'user-agent', 'x-request-id'];

/**
 * Every signed inbound surface, one entry each: how its keys are read from the env, how a
 * request is checked and which headers are kept with what it sent. Pure functions over bytes,
 * headers and keys, so another runtime (the edge worker) can reuse them without Hono or ours.
 */
export const INBOUND_VERIFIERS = {
  ghl: verifier({
    configure: (env) => ghlWebhookKeys(env),
    verify: verifyGhlRequest,
    keptHeaders: [...COMMON_HEADERS, 'x-ghl-signature', 'x-wh-signature'],
  }),
  twilio: verifier({
    configure: (env) => ({ authToken: env.TWILIO_AUTH_TOKEN }),
    verify: verifyTwilioRequest,
    keptHeaders: [...COMMON_HEADERS, 'x-twilio-signature'],
  }),
  sendgrid: verifier({
    configure: (env) => sendgridVerifierConfig(env.SENDGRID_WEBHOOK_PUBLIC_KEY, freshnessWindow('sendgrid', env)!),
    verify: verifySendgridRequest,
    keptHeaders: [
      ...COMMON_HEADERS,
      'x-twilio-email-event-webhook-signature',
      'x-twilio-email-event-webhook-timestamp',
    ],
  }),
  slack: verifier({
    configure: (env) =>
      env.SLACK_SIGNING_SECRET
        ? { signingSecret: env.SLACK_SIGNING_SECRET, maxAgeSeconds: freshnessWindow('slack', env)! }
        : { notConfigured: 'Slack is not configured on this server (SLACK_SIGNING_SECRET is unset)' },
    verify: verifySlackRequest,
    keptHeaders: [...COMMON_HEADERS, 'x-slack-signature', 'x-slack-request-timestamp', 'x-slack-retry-num'],
  }),
  discord: verifier({
    configure: async (env) =>
      env.DISCORD_PUBLIC_KEY
        ? { publicKey: await ed25519PublicKey(env.DISCORD_PUBLIC_KEY), maxAgeSeconds: freshnessWindow('discord', env)! }
        : { notConfigured: 'Discord is not configured on this server (DISCORD_PUBLIC_KEY is unset)' },
    verify: verifyDiscordRequest,
    keptHeaders: [...COMMON_HEADERS, 'x-signature-ed25519', 'x-signature-timestamp'],
  }),
  // Config is both produced and consumed by each verifier, so only `any` fits every provider here.
  // biome-ignore lint/suspicious/noExplicitAny: see above
} satisfies Record<InboundProvider, InboundVerifier<any, { scheme: string }>>;

type Verifiers = typeof INBOUND_VERIFIERS;
/** What a provider's verifier hands on after a pass: its scheme, plus e.g. Twilio's decoded form. */
export type VerifiedBy<P extends InboundProvider> = Extract<Awaited<ReturnType<Verifiers[P]['verify']>>, { ok: true }>;

/**
 * A provider's verifier for callers that run whichever provider they were given (the middleware):
 * its config stays opaque, what it hands on stays typed.
 * @example const v = inboundVerifier('slack'); const config = await v.configure(env); await v.verify(request, config)
 */
export function inboundVerifier<P extends InboundProvider>(provider: P): InboundVerifier<object, VerifiedBy<P>> {
  return INBOUND_VERIFIERS[provider] as unknown as InboundVerifier<object, VerifiedBy<P>>;
}
