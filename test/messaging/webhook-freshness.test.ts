import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../core/config/env-schema.ts';
import { checkFreshness, freshnessWindow } from '../../webhooks/signatures/freshness.ts';
import { inboundVerifier } from '../../webhooks/signatures/inbound-verifiers.ts';
import type { InboundRequest } from '../../webhooks/signatures/signature-check.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/platforms/${name}`, import.meta.url), 'utf8'));
const slack = fixture('slack-signature-v0-docs-vector.json');
const discord = fixture('discord-interaction-ping-derived-vector.json');
const sendgrid = fixture('sendgrid-eventwebhook-signature-vector.json');

const at = (seconds: number) => new Date(seconds * 1000);
const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

// Each provider's signed vector, as a request the verifier sees, and the time it was signed.
const signed = {
  slack: {
    rawBody: slack.raw_body,
    headers: lower(slack.headers),
    signedAt: Number(slack.headers['X-Slack-Request-Timestamp']),
  },
  discord: {
    rawBody: discord.raw_body,
    headers: lower(discord.headers),
    signedAt: Number(discord.headers['X-Signature-Timestamp']),
  },
  sendgrid: {
    rawBody: sendgrid.raw_body,
    headers: lower(sendgrid.headers),
    signedAt: Number(sendgrid.headers['X-Twilio-Email-Event-Webhook-Timestamp']),
  },
};
const env = (extra: Record<string, string> = {}) =>
  EnvSchema.parse({
    SLACK_SIGNING_SECRET: slack.signing_secret,
    DISCORD_PUBLIC_KEY: discord.public_key_hex,
    SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.public_key_base64_spki,
    ...extra,
  });

/** Runs a provider's real verifier, configured from `env`, at `now`. */
async function verifyAt(provider: keyof typeof signed, settings: ReturnType<typeof env>, now: Date) {
  const v = signed[provider];
  const request: InboundRequest = { rawBody: Buffer.from(v.rawBody), headers: v.headers, url: 'https://x.test/', now };
  const verifier = inboundVerifier(provider);
  return verifier.verify(request, await verifier.configure(settings));
}

describe('one freshness rule, each provider its window', () => {
  it.each(['slack', 'discord', 'sendgrid'] as const)(
    '%s: 300 s by default, in either direction, strictly inside',
    async (provider) => {
      const ts = signed[provider].signedAt;
      expect(freshnessWindow(provider)).toBe(300);
      expect(checkFreshness(provider, String(ts), at(ts + 299))).toEqual({ ok: true });
      expect(checkFreshness(provider, String(ts), at(ts - 299))).toEqual({ ok: true });
      expect(checkFreshness(provider, String(ts), at(ts + 300)).ok).toBe(false);
      expect(checkFreshness(provider, String(ts), at(ts - 300)).ok).toBe(false);
      expect(checkFreshness(provider, 'yesterday', at(ts))).toEqual({
        ok: false,
        reason: 'timestamp is not a number of seconds',
      });

      // Through the provider's real verifier, configured from the env as the app does it.
      expect(await verifyAt(provider, env(), at(ts + 299))).toMatchObject({ ok: true });
      expect(await verifyAt(provider, env(), at(ts + 300))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/outside the 300(-second|s) window/),
      });
    },
  );

  it.each(['slack', 'discord', 'sendgrid'] as const)(
    '%s: WEBHOOK_MAX_AGE_SECONDS overrides the window',
    async (provider) => {
      const ts = signed[provider].signedAt;
      const settings = env({ WEBHOOK_MAX_AGE_SECONDS: '60' });
      expect(freshnessWindow(provider, settings)).toBe(60);
      expect(checkFreshness(provider, String(ts), at(ts + 59), settings)).toEqual({ ok: true });
      expect(checkFreshness(provider, String(ts), at(ts + 60), settings).ok).toBe(false);
      expect(await verifyAt(provider, settings, at(ts + 59))).toMatchObject({ ok: true });
      expect(await verifyAt(provider, settings, at(ts + 60))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/outside the 60(-second|s) window/),
      });
      // A longer window lets through what the default refuses.
      expect(await verifyAt(provider, env({ WEBHOOK_MAX_AGE_SECONDS: '900' }), at(ts + 600))).toMatchObject({
        ok: true,
      });
    },
  );

  it('keeps the wording each surface has always answered with', async () => {
    const ts = signed.slack.signedAt;
    expect(checkFreshness('slack', String(ts), at(ts + 300))).toEqual({
      ok: false,
      reason: 'timestamp is outside the 300-second window',
    });
    expect(checkFreshness('discord', String(ts), at(ts + 300))).toEqual({
      ok: false,
      reason: 'timestamp is outside the 300-second window',
    });
    expect(checkFreshness('sendgrid', String(ts), at(ts + 300))).toEqual({
      ok: false,
      reason: 'timestamp is outside the 300s window (replay?)',
    });
  });

  it('GHL ignores only events older than 72 h, whatever WEBHOOK_MAX_AGE_SECONDS says; Twilio signs no time', async () => {
    expect(freshnessWindow('ghl')).toBe(72 * 3600);
    expect(freshnessWindow('ghl', { WEBHOOK_MAX_AGE_SECONDS: 60 })).toBe(72 * 3600);
    expect(freshnessWindow('twilio')).toBeUndefined();
    expect(freshnessWindow('twilio', { WEBHOOK_MAX_AGE_SECONDS: 60 })).toBeUndefined();
  });
});
