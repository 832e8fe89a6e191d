import { readFileSync } from 'node:fs';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { createApp } from '../../webhooks/app.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/platforms/${name}`, import.meta.url), 'utf8'));
const slackVector = fixture('slack-signature-v0-docs-vector.json');

describe('Slack request signatures on POST /slack/events', () => {
  const post = (app: ReturnType<typeof createApp>, body: string, headers: Record<string, string>) =>
    app.request('/slack/events', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('accepts the Slack docs vector with the clock at its timestamp, and refuses it five minutes later', async () => {
    const clock = fixedClock(new Date(Number(slackVector.headers['X-Slack-Request-Timestamp']) * 1000));
    const rt = await createTestRuntime({
      env: { SLACK_SIGNING_SECRET: slackVector.signing_secret, SLACK_BOT_TOKEN: 'xoxb-t' },
      clock,
    });
    const app = createApp(rt);
    const headers = {
      'x-slack-request-timestamp': slackVector.headers['X-Slack-Request-Timestamp'],
      'x-slack-signature': slackVector.headers['X-Slack-Signature'],
    };

    const accepted = await post(app, slackVector.raw_body, headers);
    expect(accepted.status).toBe(200);
    // The docs' workspace is not one of ours: the person is told so, in the ack itself.
    expect(await accepted.json()).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('not connected to Porchlight'),
    });

    clock.advance(5 * 60_000);
    const stale = await post(app, slackVector.raw_body, headers);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({
      error: { code: 'invalid_signature', message: 'timestamp is outside the 300-second window' },
    });
  });

  it('refuses a tampered body and a missing signature with 401', async () => {
    const clock = fixedClock(new Date(Number(slackVector.headers['X-Slack-Request-Timestamp']) * 1000));
    const rt = await createTestRuntime({
      env: { SLACK_SIGNING_SECRET: slackVector.signing_secret, SLACK_BOT_TOKEN: 'xoxb-t' },
      clock,
    });
    const app = createApp(rt);
    const headers = {
      'x-slack-request-timestamp': slackVector.headers['X-Slack-Request-Timestamp'],
      'x-slack-signature': slackVector.headers['X-Slack-Signature'],
    };
    const tampered = await post(app, slackVector.raw_body.replace('text=', 'text=claim'), headers);
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error.message).toBe('signature does not match the body');
    const unsigned = await post(app, slackVector.raw_body, {
      'x-slack-request-timestamp': headers['x-slack-request-timestamp'],
    });
    expect(unsigned.status).toBe(401);
  });
});

describe('Discord interaction signatures on POST /discord/interactions', () => {
  const ping = fixture('discord-interaction-ping-derived-vector.json');

  it('answers the PING vector with {"type":1}', async () => {
    const clock = fixedClock(new Date(Number(ping.headers['X-Signature-Timestamp']) * 1000));
    const rt = await createTestRuntime({ env: { DISCORD_PUBLIC_KEY: ping.public_key_hex }, clock });
    const res = await createApp(rt).request('/discord/interactions', {
      method: 'POST',
      body: ping.raw_body,
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': ping.headers['X-Signature-Ed25519'],
        'x-signature-timestamp': ping.headers['X-Signature-Timestamp'],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('refuses a request signed with another key with 401', async () => {
    const ours = generateKeyPairSync('ed25519');
    const theirs = generateKeyPairSync('ed25519');
    const publicKeyHex = (ours.publicKey.export({ format: 'der', type: 'spki' }) as Buffer)
      .subarray(-32)
      .toString('hex');
    const clock = fixedClock('2026-03-02T15:00:00Z');
    const rt = await createTestRuntime({ env: { DISCORD_PUBLIC_KEY: publicKeyHex }, clock });
    const body = JSON.stringify({ id: '1', token: 't', type: 1, version: 1 });
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const signedBy = (key: typeof ours.privateKey) => sign(null, Buffer.from(timestamp + body), key).toString('hex');
    const request = (signature: string) =>
      createApp(rt).request('/discord/interactions', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': signature,
          'x-signature-timestamp': timestamp,
        },
      });

    const forged = await request(signedBy(theirs.privateKey));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('invalid_signature');
    const genuine = await request(signedBy(ours.privateKey));
    expect(genuine.status).toBe(200);
    // Validly signed but not an interaction: a named 400, never a 500.
    const nullBody = await createApp(rt).request('/discord/interactions', {
      method: 'POST',
      body: 'null',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': sign(null, Buffer.from(timestamp + 'null'), ours.privateKey).toString('hex'),
        'x-signature-timestamp': timestamp,
      },
    });
    expect(nullBody.status).toBe(400);
    expect((await nullBody.json()).error.message).toMatch(/object with a numeric type/);
    expect(await genuine.json()).toEqual({ type: 1 });
  });
});
