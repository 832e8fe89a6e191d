import { AppError } from '../../core/errors/app-error.ts';
import { checkFreshness } from './freshness.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';
import { fromHex, importRawEd25519, utf8, verifySignatureBytes, type VerifyingKey } from './web-crypto.ts';

/** Imports a raw 32-byte Ed25519 public key given as hex (Discord's "Public Key" in the portal). */
export async function ed25519PublicKey(publicKeyHex: string): Promise<VerifyingKey> {
  if (!/^[0-9a-f]{64}$/i.test(publicKeyHex))
    throw new AppError('invalid_config', 'DISCORD_PUBLIC_KEY must be 64 hex characters (a 32-byte Ed25519 key)');
  return importRawEd25519(fromHex(publicKeyHex)!);
}

/** Plain Ed25519 verification; false (never a throw) for a malformed signature. */
export async function verifyEd25519(
  publicKey: string | VerifyingKey,
  message: string | Uint8Array,
  signatureHex: string,
): Promise<boolean> {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  const key = typeof publicKey === 'string' ? await ed25519PublicKey(publicKey) : publicKey;
  return verifySignatureBytes(key, toBytes(message), fromHex(signatureHex)!);
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
export async function verifyDiscordSignature(input: DiscordSignatureInput): Promise<SignatureCheck> {
  return checkDiscord(await ed25519PublicKey(input.publicKeyHex), input);
}

export interface DiscordVerifierConfig {
  /** Parsed once per app from DISCORD_PUBLIC_KEY. */
  publicKey: VerifyingKey;
  maxAgeSeconds: number;
}

/** The request-level check the middleware runs. */
export async function verifyDiscordRequest(
  request: InboundRequest,
  config: DiscordVerifierConfig,
): Promise<SignatureCheck<{ scheme: 'discord-ed25519' }>> {
  const check = await checkDiscord(config.publicKey, {
    rawBody: request.rawBody,
    timestamp: request.headers['x-signature-timestamp'],
    signature: request.headers['x-signature-ed25519'],
    now: request.now,
    maxAgeSeconds: config.maxAgeSeconds,
  });
  return check.ok ? { ok: true, scheme: 'discord-ed25519' } : check;
}

async function checkDiscord(
  key: VerifyingKey,
  input: Omit<DiscordSignatureInput, 'publicKeyHex'>,
): Promise<SignatureCheck> {
  const { timestamp, signature } = input;
  if (!timestamp) return { ok: false, reason: 'missing X-Signature-Timestamp' };
  if (!signature) return { ok: false, reason: 'missing X-Signature-Ed25519' };
  if (input.now) {
    const fresh = checkFreshness('discord', timestamp, input.now, { maxAgeSeconds: input.maxAgeSeconds });
    if (!fresh.ok) return fresh;
  }
  const body = toBytes(input.rawBody);
  const stamp = utf8(timestamp);
  const message = new Uint8Array(stamp.length + body.length);
  message.set(stamp);
  message.set(body, stamp.length);
  if (!(await verifyEd25519(key, message, signature))) return { ok: false, reason: 'Ed25519 signature does not match' };
  return { ok: true };
}
