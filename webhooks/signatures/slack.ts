import { checkFreshness } from './freshness.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';
import { constantTimeEqual, fromHex, hmac, utf8 } from './web-crypto.ts';

export interface SlackSignatureInput {
  signingSecret: string;
  /** The body exactly as received: re-serialised JSON or form data would not match. */
  rawBody: string | Uint8Array;
  /** `X-Slack-Request-Timestamp` (seconds). */
  timestamp: string | null | undefined;
  /** `X-Slack-Signature`, `v0=<hex>`. */
  signature: string | null | undefined;
  now: Date;
  /** Default: the Slack window of freshness.ts (300 s). */
  maxAgeSeconds?: number;
}

/**
 * Slack's v0 scheme: `v0=` + hex(HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`)), within a
 * five-minute window so a captured request cannot be replayed later.
 * @example await verifySlackSignature({ signingSecret, rawBody, timestamp, signature, now: clock.now() })
 */
export async function verifySlackSignature(input: SlackSignatureInput): Promise<SignatureCheck> {
  const { timestamp, signature } = input;
  if (!timestamp) return { ok: false, reason: 'missing X-Slack-Request-Timestamp' };
  if (!signature) return { ok: false, reason: 'missing X-Slack-Signature' };
  const fresh = checkFreshness('slack', timestamp, input.now, { maxAgeSeconds: input.maxAgeSeconds });
  if (!fresh.ok) return fresh;
  if (!/^v0=[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'X-Slack-Signature is not a v0 signature' };

  const prefix = utf8(`v0:${timestamp}:`);
  const body = toBytes(input.rawBody);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const expected = await hmac('SHA-256', input.signingSecret, signed);
  if (!constantTimeEqual(expected, fromHex(signature.slice(3))!))
    return { ok: false, reason: 'signature does not match the body' };
  return { ok: true };
}

export interface SlackVerifierConfig {
  signingSecret: string;
  maxAgeSeconds: number;
}

export type SlackForm = Record<string, string>;

/**
 * The request-level check the middleware runs. Slash commands and interactions arrive
 * form-encoded; the decoded form is handed on so nobody decodes the body twice.
 */
export async function verifySlackRequest(
  request: InboundRequest,
  config: SlackVerifierConfig,
): Promise<SignatureCheck<{ scheme: 'slack-v0'; form?: SlackForm }>> {
  const check = await verifySlackSignature({
    signingSecret: config.signingSecret,
    rawBody: request.rawBody,
    timestamp: request.headers['x-slack-request-timestamp'],
    signature: request.headers['x-slack-signature'],
    now: request.now,
    maxAgeSeconds: config.maxAgeSeconds,
  });
  if (!check.ok) return check;
  // Events API posts JSON; everything else Slack sends is form-encoded.
  if ((request.headers['content-type'] ?? '').includes('application/json')) return { ok: true, scheme: 'slack-v0' };
  const form = Object.fromEntries(new URLSearchParams(toBytes(request.rawBody).toString('utf8')));
  return { ok: true, scheme: 'slack-v0', form };
}
