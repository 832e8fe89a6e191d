import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors/app-error.ts';
import { assertSignature } from '../../webhooks/signatures/signature-check.ts';
import { verifyDiscordSignature, verifyEd25519 } from '../../webhooks/signatures/discord.ts';
import { verifySlackSignature } from '../../webhooks/signatures/slack.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/platforms/${name}`, import.meta.url), 'utf8'));
const slack = fixture('slack-signature-v0-docs-vector.json');
const slackAction = fixture('slack-block-actions-button-payload.json');
const discord = fixture('discord-interaction-ping-derived-vector.json');
const rfc = fixture('ed25519-rfc8032-test1.json');

const at = (seconds: number) => new Date(seconds * 1000);

describe('verifySlackSignature', () => {
  const base = {
    signingSecret: slack.signing_secret,
    rawBody: slack.raw_body,
    timestamp: slack.headers['X-Slack-Request-Timestamp'],
    signature: slack.headers['X-Slack-Signature'],
  };
  const ts = Number(base.timestamp);

  it('accepts the Slack docs vector with the clock pinned to its timestamp', async () => {
    expect(await verifySlackSignature({ ...base, now: at(ts) })).toEqual({ ok: true });
    expect(await verifySlackSignature({ ...base, rawBody: Buffer.from(slack.raw_body), now: at(ts + 299) })).toEqual({
      ok: true,
    });
  });

  it('refuses it five minutes later, and five minutes early', async () => {
    expect(await verifySlackSignature({ ...base, now: at(ts + 300) })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('window'),
    });
    expect((await verifySlackSignature({ ...base, now: at(ts - 300) })).ok).toBe(false);
    expect((await verifySlackSignature({ ...base, now: at(ts + 30), maxAgeSeconds: 10 })).ok).toBe(false);
  });

  it('refuses a tampered body, a wrong secret and missing headers', async () => {
    expect(
      await verifySlackSignature({ ...base, rawBody: base.rawBody.replace('roadrunner', 'coyote'), now: at(ts) }),
    ).toMatchObject({ ok: false, reason: 'signature does not match the body' });
    expect((await verifySlackSignature({ ...base, signingSecret: 'not-the-secret', now: at(ts) })).ok).toBe(false);
    expect((await verifySlackSignature({ ...base, signature: undefined, now: at(ts) })).ok).toBe(false);
    expect((await verifySlackSignature({ ...base, timestamp: null, now: at(ts) })).ok).toBe(false);
    expect((await verifySlackSignature({ ...base, signature: 'v0=abc', now: at(ts) })).ok).toBe(false);
  });

  it('accepts the derived button-payload vector too', async () => {
    const v = slackAction.derived_signature_vector;
    expect(
      await verifySlackSignature({
        signingSecret: v.signing_secret,
        rawBody: slackAction.raw_body,
        timestamp: v['X-Slack-Request-Timestamp'],
        signature: v['X-Slack-Signature'],
        now: at(1700000000),
      }),
    ).toEqual({ ok: true });
  });

  it('assertSignature turns a refusal into a 401 AppError naming the problem', async () => {
    try {
      assertSignature(await verifySlackSignature({ ...base, now: at(ts + 3600) }));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.status).toBe(401);
      expect((e as Error).message).toContain('300-second window');
    }
  });
});

describe('verifyDiscordSignature', () => {
  const base = {
    publicKeyHex: discord.public_key_hex,
    rawBody: discord.raw_body,
    timestamp: discord.headers['X-Signature-Timestamp'],
    signature: discord.headers['X-Signature-Ed25519'],
  };

  it('accepts the derived PING vector, with or without a clock', async () => {
    expect(await verifyDiscordSignature(base)).toEqual({ ok: true });
    expect(await verifyDiscordSignature({ ...base, now: at(1700000000) })).toEqual({ ok: true });
  });

  it('refuses the tampers the vector lists, stale requests and garbage', async () => {
    expect((await verifyDiscordSignature({ ...base, rawBody: base.rawBody + ' ' })).ok).toBe(false);
    expect((await verifyDiscordSignature({ ...base, timestamp: '1700000001' })).ok).toBe(false);
    expect((await verifyDiscordSignature({ ...base, now: at(1700000000 + 600) })).ok).toBe(false);
    expect((await verifyDiscordSignature({ ...base, signature: 'zz' })).ok).toBe(false);
    expect((await verifyDiscordSignature({ ...base, signature: undefined })).ok).toBe(false);
    const flipped = (base.signature[0] === 'f' ? 'e' : 'f') + base.signature.slice(1);
    expect(await verifyDiscordSignature({ ...base, signature: flipped })).toMatchObject({
      ok: false,
      reason: 'Ed25519 signature does not match',
    });
  });

  it('a misconfigured public key is a loud config error, not a silent refusal', async () => {
    await expect(verifyDiscordSignature({ ...base, publicKeyHex: 'abcd' })).rejects.toThrow(/DISCORD_PUBLIC_KEY/);
  });
});

describe('verifyEd25519', () => {
  it('passes RFC 8032 TEST 1 and fails it with one bit changed', async () => {
    const message = Buffer.from(rfc.message_hex, 'hex');
    expect(await verifyEd25519(rfc.public_key_hex, message, rfc.signature_hex)).toBe(true);
    expect(await verifyEd25519(rfc.public_key_hex, Buffer.from([0]), rfc.signature_hex)).toBe(false);
  });
});
