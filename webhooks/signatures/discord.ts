import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors/app-error.ts';
import { checkFreshness } from './freshness.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';

// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): node:crypto imports raw keys only
// when wrapped this way.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Imports a raw 32-byte Ed25519 public key given as hex (Discord's "Public Key" in the portal). */
export function ed25519PublicKey(publicKeyHex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(publicKeyHex))
    throw new AppError('invalid_config', 'DISCORD_PUBLIC_KEY must be 64 hex characters (a 32-byte Ed25519 key)');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Plain Ed25519 verification; false (never a throw) for a malformed signature. */
export function verifyEd25519(
  publicKey: string | KeyObject,
  message: string | Uint8Array,
  signatureHex: string,
): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  const key = typeof publicKey === 'string' ? ed25519PublicKey(publicKey) : publicKey;
  return verify(null, toBytes(message), key, Buffer.from(signatureHex, 'hex'));
}

export interface DiscordSignatureInput {
  publicKeyHex: string;
  rawBody: string | Uint8Array;
  /** `X-Signature-Timestamp` */
  timestamp: string | null | undefined;
  /** `X-Signature-Ed25519` (hex) */
  signature: string | null | undefined;
  /** When given, also refuse requests older or newer than the Discord window (replay protection). */
  now?: Date;
  maxAgeSeconds?: number;
}

/**
 * Discord signs `timestamp + raw body` with Ed25519. Discord itself probes the endpoint with bad
 * signatures and expects 401, so every refusal here must become one.
 */
export function verifyDiscordSignature(input: DiscordSignatureInput): SignatureCheck {
  return checkDiscord(ed25519PublicKey(input.publicKeyHex), input);
}

export interface DiscordVerifierConfig {
  /** Parsed once per app from DISCORD_PUBLIC_KEY. */
  publicKey: KeyObject;
  maxAgeSeconds: number;
}

/** The request-level check the middleware runs. */
export function verifyDiscordRequest(
  request: InboundRequest,
  config: DiscordVerifierConfig,
): SignatureCheck<{ scheme: 'discord-ed25519' }> {
  const check = checkDiscord(config.publicKey, {
    rawBody: request.rawBody,
    timestamp: request.headers['x-signature-timestamp'],
    signature: request.headers['x-signature-ed25519'],
    now: request.now,
    maxAgeSeconds: config.maxAgeSeconds,
  });
  return check.ok ? { ok: true, scheme: 'discord-ed25519' } : check;
}

function checkDiscord(key: KeyObject, input: Omit<DiscordSignatureInput, 'publicKeyHex'>): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp) return { ok: false, reason: 'missing X-Signature-Timestamp' };
  if (!signature) return { ok: false, reason: 'missing X-Signature-Ed25519' };
  if (input.now) {
    const fresh = checkFreshness('discord', timestamp, input.now, { maxAgeSeconds: input.maxAgeSeconds });
    if (!fresh.ok) return fresh;
  }
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), toBytes(input.rawBody)]);
  if (!verifyEd25519(key, message, signature)) return { ok: false, reason: 'Ed25519 signature does not match' };
  return { ok: true };
}
