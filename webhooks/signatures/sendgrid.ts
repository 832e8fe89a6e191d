import { checkFreshness } from './freshness.ts';
import { parsePublicKey } from './parse-public-key.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';
import { utf8, verifySignatureBytes, type VerifyingKey } from './web-crypto.ts';

export interface SendgridSignatureInput {
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: base64 DER SubjectPublicKeyInfo as SendGrid shows it, or PEM; or parsed. */
  publicKey: string | VerifyingKey;
  /** The raw request body, byte for byte: re-serialised JSON would not verify. */
  payload: string | Uint8Array;
  /** X-Twilio-Email-Event-Webhook-Signature (base64 DER ECDSA signature) */
  signature: string | undefined | null;
  /** X-Twilio-Email-Event-Webhook-Timestamp */
  timestamp: string | undefined | null;
}

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

/**
 * ECDSA P-256 with SHA-256 over timestamp + raw body (SendGrid's Signed Event Webhook), on WebCrypto. Garbage
 * input (a malformed key or signature) is a failed check, not an exception. The timestamp's age is judged by
 * `verifySendgridRequest`, which has the clock.
 */
export async function verifySendgridSignature(input: SendgridSignatureInput): Promise<boolean> {
  if (!input.signature || !input.timestamp || !input.publicKey) return false;
  try {
    const key = typeof input.publicKey === 'string' ? await parsePublicKey(input.publicKey, 'ec') : input.publicKey;
    const stamp = utf8(input.timestamp);
    const body = toBytes(input.payload);
    const signed = new Uint8Array(stamp.length + body.length);
    signed.set(stamp);
    signed.set(body, stamp.length);
    return await verifySignatureBytes(key, signed, Buffer.from(input.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface SendgridVerifierConfig {
  /** Parsed from SENDGRID_WEBHOOK_PUBLIC_KEY; unset means every request is refused (and kept, saying so). */
  publicKey?: VerifyingKey;
  /** Why the configured key could not be used, when it could not. */
  keyProblem?: string;
  maxAgeSeconds: number;
}

/** Parses the configured key once per app; a key that does not parse refuses every request, saying why. */
export async function sendgridVerifierConfig(publicKey: string | undefined, maxAgeSeconds: number) {
  if (!publicKey) return { maxAgeSeconds };
  try {
    return { publicKey: await parsePublicKey(publicKey, 'ec'), maxAgeSeconds };
  } catch (error) {
    return { keyProblem: (error as Error).message, maxAgeSeconds };
  }
}

/**
 * The request-level check the middleware runs. The signature covers the timestamp, so a signed
 * timestamp outside the window is a replay and refused like a bad signature.
 */
export async function verifySendgridRequest(
  request: InboundRequest,
  config: SendgridVerifierConfig,
): Promise<SignatureCheck<{ scheme: 'sendgrid-ecdsa-p256' }>> {
  if (!config.publicKey && !config.keyProblem)
    return { ok: false, reason: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' };
  const signature = request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()];
  const timestamp = request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()];
  if (!signature || !timestamp)
    return { ok: false, reason: `${SENDGRID_SIGNATURE_HEADER} or ${SENDGRID_TIMESTAMP_HEADER} is missing` };
  if (!config.publicKey) return { ok: false, reason: 'signature does not match' };
  const payload = request.rawBody;
  if (!(await verifySendgridSignature({ publicKey: config.publicKey, payload, signature, timestamp })))
    return { ok: false, reason: 'signature does not match' };
  const fresh = checkFreshness('sendgrid', timestamp, request.now, { maxAgeSeconds: config.maxAgeSeconds });
  return fresh.ok ? { ok: true, scheme: 'sendgrid-ecdsa-p256' } : fresh;
}
