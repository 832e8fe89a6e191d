import { EventWebhook } from '@sendgrid/eventwebhook';

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
 * the route's business (WEBHOOK_MAX_AGE_SECONDS), since it needs the clock.
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
