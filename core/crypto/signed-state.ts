import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';

export type StatePayload = Record<string, unknown>;

export type StateFailure = 'malformed' | 'bad_signature' | 'expired';

export type VerifiedState =
  | { ok: true; payload: StatePayload; issuedAt: Date }
  | { ok: false; reason: StateFailure; message: string };

/** A clock a little ahead of ours must not make a fresh token unusable; more than this is a forged `iat`. */
const FUTURE_SKEW_SECONDS = 60;

/** `secret` may be a rotation list (APP_SECRETS): the first signs, any verifies. */
export type StateSecret = string | readonly string[];

/**
 * Signed, self-describing tokens for values that make a round trip through someone else's hands: an OAuth
 * `state` (GHL, Slack) or a link we text to a lead. Nothing is stored to issue one; the HMAC proves we issued it
 * and `iat` lets the verifier refuse old ones. Single use, where wanted, is the caller's job (record a nonce).
 *
 * Format: `<base64url(JSON payload + iat)>.<base64url(HMAC-SHA256)>`. The payload is readable, not secret: never
 * put a credential in it. Give each use its own discriminator field (`{ purpose: 'ghl-install', ... }`) so a
 * token minted for one surface is refused by another that parses the payload with its own schema.
 *
 * @example
 * const state = signState(env.APP_SECRET, { purpose: 'ghl-install', tenantId, nonce }, clock.now());
 * const result = verifyState(env.APP_SECRET, state, clock.now(), 15 * 60);
 * if (!result.ok) return page(result.reason);
 */
export function signState(secret: StateSecret, payload: StatePayload, now: Date): string {
  const signing = secretsOf(secret)[0];
  if (!signing) throw new AppError('invalid_config', 'APP_SECRET (or APP_SECRETS) is required to sign links');
  const body = Buffer.from(JSON.stringify({ ...payload, iat: Math.floor(now.getTime() / 1000) })).toString('base64url');
  return `${body}.${mac(signing, body).toString('base64url')}`;
}

/** `maxAgeSeconds` may be `Infinity` for tokens that never expire (revocation is then by payload, e.g. a lead id). */
export function verifyState(secret: StateSecret, token: string, now: Date, maxAgeSeconds: number): VerifiedState {
  const parts = token.split('.');
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(signature))
    return failure('malformed', 'The link is incomplete or was altered.');
  const given = Buffer.from(signature, 'base64url');
  const matches = secretsOf(secret).some((s) => {
    const expected = mac(s, body);
    // timingSafeEqual throws on unequal lengths; a length mismatch is already a mismatch.
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return failure('bad_signature', 'The link was not issued by this Porchlight (signature mismatch).');
  const payload = parseBody(body);
  if (!payload) return failure('malformed', 'The link is incomplete or was altered.');
  const issuedAt = payload.iat;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt) || issuedAt > nowSeconds + FUTURE_SKEW_SECONDS)
    return failure('malformed', 'The link carries no valid issue time.');
  if (nowSeconds - issuedAt > maxAgeSeconds) return failure('expired', 'The link has expired; start again.');
  const { iat: _iat, ...rest } = payload;
  return { ok: true, payload: rest, issuedAt: new Date(issuedAt * 1000) };
}

function failure(reason: StateFailure, message: string): VerifiedState {
  return { ok: false, reason, message };
}

function parseBody(body: string): StatePayload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as StatePayload) : null;
  } catch {
    return null;
  }
}

function secretsOf(secret: StateSecret): readonly string[] {
  return typeof secret === 'string' ? [secret] : secret;
}

function mac(secret: string, body: string): Buffer {
  // A key of its own, so a state HMAC never shares key material with the credential box (core/crypto/secret-box).
  const key = createHash('sha256').update(`porchlight:signed-state:${secret}`).digest();
  return createHmac('sha256', key).update(body).digest();
}
