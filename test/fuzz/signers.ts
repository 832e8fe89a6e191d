import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import twilio from 'twilio';

/** Secrets for every inbound surface, and the env that makes the app verify against them. */
export function fuzzSecrets() {
  const discord = generateKeyPairSync('ed25519');
  const sendgrid = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const discordRaw = discord.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
  const secrets = {
    slackSigningSecret: 'fuzz-slack-signing-secret',
    twilioAuthToken: 'fuzz-twilio-auth-token-0123456789',
    discord,
    sendgrid,
  };
  const env = {
    SLACK_SIGNING_SECRET: secrets.slackSigningSecret,
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    DISCORD_PUBLIC_KEY: discordRaw.toString('hex'),
    DISCORD_BOT_TOKEN: 'fuzz-discord-token',
    DISCORD_APPLICATION_ID: '100000000000000001',
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
    TWILIO_FROM_NUMBER: '+15125550100',
    SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
  return { secrets, env };
}
export type FuzzSecrets = ReturnType<typeof fuzzSecrets>['secrets'];

const unixNow = () => String(Math.floor(Date.now() / 1000));

/** Slack v0: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackHeaders(secrets: FuzzSecrets, body: string, contentType: string): Record<string, string> {
  const ts = unixNow();
  const mac = createHmac('sha256', secrets.slackSigningSecret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${mac}` };
}

/** Discord: Ed25519 over timestamp + raw body, hex. */
export function discordHeaders(secrets: FuzzSecrets, body: Buffer | string): Record<string, string> {
  const ts = unixNow();
  const signature = sign(null, Buffer.concat([Buffer.from(ts), Buffer.from(body)]), secrets.discord.privateKey);
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signature.toString('hex'),
    'x-signature-timestamp': ts,
  };
}

/** SendGrid Event Webhook: ECDSA P-256 SHA-256 over timestamp + raw body, base64 DER. */
export function sendgridHeaders(secrets: FuzzSecrets, body: string): Record<string, string> {
  const ts = unixNow();
  const signature = sign('sha256', Buffer.from(ts + body), secrets.sendgrid.privateKey);
  return {
    'content-type': 'application/json',
    'x-twilio-email-event-webhook-signature': signature.toString('base64'),
    'x-twilio-email-event-webhook-timestamp': ts,
  };
}

/** Twilio: the SDK's own signature over the full URL and the form parameters. */
export function twilioHeaders(
  secrets: FuzzSecrets,
  url: string,
  params: Record<string, string | string[]>,
): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(secrets.twilioAuthToken, url, params),
  };
}
