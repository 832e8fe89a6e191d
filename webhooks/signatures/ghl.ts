import { verify, type KeyObject } from 'node:crypto';
import { GHL_ED25519_PUBLIC_KEY_PEM, GHL_RSA_PUBLIC_KEY_PEM } from '../../core/ghl/ghl-public-keys.ts';
import { parsePublicKey } from './parse-public-key.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';

export type GhlSignatureScheme = 'ed25519' | 'rsa-sha256';

export type GhlSignatureHeaders = Record<string, string | string[] | null | undefined>;

export interface VerifyGhlSignatureInput {
  /** The body exactly as received: re-serialised JSON would not match the signed bytes. */
  rawBody: Buffer | string;
  /** Request headers; names are matched case-insensitively. */
  headers: GhlSignatureHeaders;
  /** KeyObject (preferred: parse once at boot) or PEM/base64 SPKI. Default: GHL's published key. */
  ed25519PublicKey?: KeyObject | string;
  rsaPublicKey?: KeyObject | string;
}

export type GhlSignatureResult = SignatureCheck<{ scheme: GhlSignatureScheme }>;

let defaults: { ed25519: KeyObject; rsa: KeyObject } | undefined;
function defaultKeys() {
  defaults ??= {
    ed25519: parsePublicKey(GHL_ED25519_PUBLIC_KEY_PEM, 'ed25519'),
    rsa: parsePublicKey(GHL_RSA_PUBLIC_KEY_PEM, 'rsa'),
  };
  return defaults;
}

/**
 * Verifies a GHL webhook. `X-GHL-Signature` (Ed25519) wins whenever present; the legacy
 * `X-WH-Signature` (RSA-SHA256) is consulted only when the new header is absent, so an attacker
 * cannot downgrade a request by adding a legacy header next to a bad Ed25519 one. GHL sends the
 * literal `N/A` for a scheme it did not sign with, which counts as absent.
 * @example verifyGhlSignature({ rawBody, headers: req.headers, ed25519PublicKey, rsaPublicKey })
 */
export function verifyGhlSignature(input: VerifyGhlSignatureInput): GhlSignatureResult {
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  const ed = headerValue(input.headers, 'x-ghl-signature');
  if (ed !== undefined) {
    const key = resolveKey(input.ed25519PublicKey, 'ed25519');
    return check(() => verify(null, body, key, decode(ed, 64)), 'ed25519', 'X-GHL-Signature');
  }
  const legacy = headerValue(input.headers, 'x-wh-signature');
  if (legacy !== undefined) {
    const key = resolveKey(input.rsaPublicKey, 'rsa');
    return check(() => verify('sha256', body, key, decode(legacy)), 'rsa-sha256', 'X-WH-Signature');
  }
  return { ok: false, reason: 'missing signature: neither X-GHL-Signature nor X-WH-Signature is present' };
}

export interface GhlWebhookKeys {
  ed25519?: KeyObject;
  rsa?: KeyObject;
}

/**
 * The configured keys, parsed once per app (a malformed key is a loud `invalid_config`);
 * undefined = GHL's published key.
 */
export function ghlWebhookKeys(env: {
  GHL_WEBHOOK_PUBLIC_KEY?: string;
  GHL_WEBHOOK_LEGACY_PUBLIC_KEY?: string;
}): GhlWebhookKeys {
  return {
    ed25519: env.GHL_WEBHOOK_PUBLIC_KEY ? parsePublicKey(env.GHL_WEBHOOK_PUBLIC_KEY, 'ed25519') : undefined,
    rsa: env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY ? parsePublicKey(env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY, 'rsa') : undefined,
  };
}

/**
 * The request-level check the middleware runs. GHL signs no timestamp header: freshness is the
 * 72 h rule on the body's own timestamp plus the webhookId dedupe, both decided at ingest.
 */
export function verifyGhlRequest(request: InboundRequest, keys: GhlWebhookKeys): GhlSignatureResult {
  return verifyGhlSignature({
    rawBody: toBytes(request.rawBody),
    headers: request.headers,
    ed25519PublicKey: keys.ed25519,
    rsaPublicKey: keys.rsa,
  });
}

function check(run: () => boolean, scheme: GhlSignatureScheme, header: string): GhlSignatureResult {
  try {
    return run() ? { ok: true, scheme } : { ok: false, reason: `${header} does not match the body (${scheme})` };
  } catch (e) {
    const detail = e instanceof MalformedSignature ? e.message : 'could not be verified';
    return { ok: false, reason: `${header} ${detail}` };
  }
}

class MalformedSignature extends Error {}

function decode(value: string, expectedBytes?: number): Buffer {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(value)) throw new MalformedSignature('is not base64');
  const bytes = Buffer.from(value, 'base64');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw new MalformedSignature(`must decode to ${expectedBytes} bytes, got ${bytes.length}`);
  }
  return bytes;
}

function resolveKey(key: KeyObject | string | undefined, type: 'ed25519' | 'rsa'): KeyObject {
  if (key === undefined) return defaultKeys()[type];
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
