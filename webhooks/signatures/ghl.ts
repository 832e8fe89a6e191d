import { GHL_ED25519_PUBLIC_KEY_PEM, GHL_RSA_PUBLIC_KEY_PEM } from '../../core/ghl/ghl-public-keys.ts';
import { parsePublicKey } from './parse-public-key.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';
import { verifySignatureBytes, type VerifyingKey } from './web-crypto.ts';

export type GhlSignatureScheme = 'ed25519' | 'rsa-sha256';

export type GhlSignatureHeaders = Record<string, string | string[] | null | undefined>;

export interface VerifyGhlSignatureInput {
  /** The body exactly as received: re-serialised JSON would not match the signed bytes. */
  rawBody: Uint8Array | string;
  /** Request headers; names are matched case-insensitively. */
  headers: GhlSignatureHeaders;
  /** A parsed key (preferred: parse once per app) or PEM/base64 SPKI. Default: GHL's published key. */
  ed25519PublicKey?: VerifyingKey | string;
  rsaPublicKey?: VerifyingKey | string;
}

export type GhlSignatureResult = SignatureCheck<{ scheme: GhlSignatureScheme }>;

let defaults: Promise<{ ed25519: VerifyingKey; rsa: VerifyingKey }> | undefined;
function defaultKeys() {
  defaults ??= Promise.all([
    parsePublicKey(GHL_ED25519_PUBLIC_KEY_PEM, 'ed25519'),
    parsePublicKey(GHL_RSA_PUBLIC_KEY_PEM, 'rsa'),
  ]).then(([ed25519, rsa]) => ({ ed25519, rsa }));
  return defaults;
}

/**
 * Verifies a GHL webhook. `X-GHL-Signature` (Ed25519) wins whenever present; the legacy
 * `X-WH-Signature` (RSA-SHA256) is consulted only when the new header is absent, so an attacker
 * cannot downgrade a request by adding a legacy header next to a bad Ed25519 one. GHL sends the
 * literal `N/A` for a scheme it did not sign with, which counts as absent.
 * @example await verifyGhlSignature({ rawBody, headers: req.headers, ed25519PublicKey, rsaPublicKey })
 */
export async function verifyGhlSignature(input: VerifyGhlSignatureInput): Promise<GhlSignatureResult> {
  const body = toBytes(input.rawBody);
  const ed = headerValue(input.headers, 'x-ghl-signature');
  if (ed !== undefined) {
    const key = await resolveKey(input.ed25519PublicKey, 'ed25519');
    return check(key, body, ed, 'ed25519', 'X-GHL-Signature', 64);
  }
  const legacy = headerValue(input.headers, 'x-wh-signature');
  if (legacy !== undefined) {
    const key = await resolveKey(input.rsaPublicKey, 'rsa');
    return check(key, body, legacy, 'rsa-sha256', 'X-WH-Signature');
  }
  return { ok: false, reason: 'missing signature: neither X-GHL-Signature nor X-WH-Signature is present' };
}

export interface GhlWebhookKeys {
  ed25519?: VerifyingKey;
  rsa?: VerifyingKey;
}

/**
 * The configured keys, parsed once per app (a malformed key is a loud `invalid_config`);
 * undefined = GHL's published key.
 */
export async function ghlWebhookKeys(env: {
  GHL_WEBHOOK_PUBLIC_KEY?: string;
  GHL_WEBHOOK_LEGACY_PUBLIC_KEY?: string;
}): Promise<GhlWebhookKeys> {
  const [ed25519, rsa] = await Promise.all([
    env.GHL_WEBHOOK_PUBLIC_KEY ? parsePublicKey(env.GHL_WEBHOOK_PUBLIC_KEY, 'ed25519') : undefined,
    env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY ? parsePublicKey(env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY, 'rsa') : undefined,
  ]);
  return { ed25519, rsa };
}

/**
 * The request-level check the middleware runs. GHL signs no timestamp header: freshness is the
 * 72 h rule on the body's own timestamp plus the webhookId dedupe, both decided at ingest.
 */
export function verifyGhlRequest(request: InboundRequest, keys: GhlWebhookKeys): Promise<GhlSignatureResult> {
  return verifyGhlSignature({
    rawBody: request.rawBody,
    headers: request.headers,
    ed25519PublicKey: keys.ed25519,
    rsaPublicKey: keys.rsa,
  });
}

async function check(
  key: VerifyingKey,
  body: Uint8Array,
  header: string,
  scheme: GhlSignatureScheme,
  name: string,
  expectedBytes?: number,
): Promise<GhlSignatureResult> {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(header)) return { ok: false, reason: `${name} is not base64` };
  const signature = Buffer.from(header, 'base64');
  if (expectedBytes !== undefined && signature.length !== expectedBytes)
    return { ok: false, reason: `${name} must decode to ${expectedBytes} bytes, got ${signature.length}` };
  if (await verifySignatureBytes(key, body, signature)) return { ok: true, scheme };
  return { ok: false, reason: `${name} does not match the body (${scheme})` };
}

async function resolveKey(key: VerifyingKey | string | undefined, type: 'ed25519' | 'rsa'): Promise<VerifyingKey> {
  if (key === undefined) return (await defaultKeys())[type];
  return typeof key === 'string' ? parsePublicKey(key, type) : key;
}

function headerValue(headers: GhlSignatureHeaders, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = (Array.isArray(v) ? v[0] : v)?.trim();
    if (!value || value.toUpperCase() === 'N/A') return undefined;
    return value;
  }
  return undefined;
}
