import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkFreshness, toBytes, type SignatureCheck } from './signature-check.ts';

export interface SlackSignatureInput {
  signingSecret: string;
  /** The body exactly as received: re-serialised JSON or form data would not match. */
  rawBody: string | Uint8Array;
  /** `X-Slack-Request-Timestamp` (seconds). */
  timestamp: string | null | undefined;
  /** `X-Slack-Signature`, `v0=<hex>`. */
  signature: string | null | undefined;
  now: Date;
  maxAgeSeconds?: number;
}

/**
 * Slack's v0 scheme: `v0=` + hex(HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`)), within a
 * five-minute window so a captured request cannot be replayed later.
 * @example verifySlackSignature({ signingSecret, rawBody, timestamp, signature, now: clock.now() })
 */
export function verifySlackSignature(input: SlackSignatureInput): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp) return { ok: false, reason: 'missing X-Slack-Request-Timestamp' };
  if (!signature) return { ok: false, reason: 'missing X-Slack-Signature' };
  const fresh = checkFreshness(timestamp, input.now, input.maxAgeSeconds ?? 300);
  if (!fresh.ok) return fresh;
  if (!/^v0=[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'X-Slack-Signature is not a v0 signature' };

  const expected = createHmac('sha256', input.signingSecret)
    .update(`v0:${timestamp}:`)
    .update(toBytes(input.rawBody))
    .digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  // Constant-time compare: a byte-by-byte early exit would leak how much of a forgery was right.
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match the body' };
  return { ok: true };
}
