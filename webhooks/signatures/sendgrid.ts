import { EventWebhook } from '@sendgrid/eventwebhook';
import { checkFreshness } from './freshness.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';

export interface SendgridSignatureInput {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: base64 DER SubjectPublicKeyInfo as SendGrid shows it, or PEM. */
  publicKey: string;
  /** The raw request body, byte for byte: re-serialised JSON would not verify. */
  payload: string | Buffer;
  /** X-Twilio-Email-Event-Webhook-Signature */
  signature: string | undefined | null;
  /** X-Twilio-Email-Event-Webhook-Timestamp */
  timestamp: string | undefined | null;
}

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

const webhook = new EventWebhook();

/**
 * ECDSA P-256 over timestamp + raw body, verified by @sendgrid/eventwebhook. Garbage input
 * (a malformed key or signature) is a failed check, not an exception. The timestamp's age is
 * judged by `verifySendgridRequest`, which has the clock.
 */
export function verifySendgridSignature(input: SendgridSignatureInput): boolean {
  if (!input.signature || !input.timestamp || !input.publicKey) return false;
  try {
    const key = webhook.convertPublicKeyToECDSA(input.publicKey);
    return webhook.verifySignature(key, input.payload, input.signature, input.timestamp);
  } catch {
    return false;
  }
}

export interface SendgridVerifierConfig {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY; unset means every request is refused (and kept, saying so). */
  publicKey?: string;
  maxAgeSeconds: number;
}

/**
 * The request-level check the middleware runs. The signature covers the timestamp, so a signed
 * timestamp outside the window is a replay and refused like a bad signature.
 */
export function verifySendgridRequest(
  request: InboundRequest,
  config: SendgridVerifierConfig,
): SignatureCheck<{ scheme: 'sendgrid-ecdsa-p256' }> {
  if (!config.publicKey) return { ok: false, reason: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' };
  const signature = request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()];
  const timestamp = request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()];
  if (!signature || !timestamp)
    return { ok: false, reason: `${SENDGRID_SIGNATURE_HEADER} or ${SENDGRID_TIMESTAMP_HEADER} is missing` };
  const payload = toBytes(request.rawBody);
  if (!verifySendgridSignature({ publicKey: config.publicKey, payload, signature, timestamp }))
    return { ok: false, reason: 'signature does not match' };
  const fresh = checkFreshness('sendgrid', timestamp, request.now, { maxAgeSeconds: config.maxAgeSeconds });
  return fresh.ok ? { ok: true, scheme: 'sendgrid-ecdsa-p256' } : fresh;
}
