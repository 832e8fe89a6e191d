import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

export const UnsubscribeClaims = z.object({
  tenantId: z.string().min(1),
  channel: z.enum(['email', 'sms']),
  address: z.string().min(1),
  /** ISO-8601 instant the link was minted; links do not expire (CAN-SPAM wants them to keep working). */
  issuedAt: z.iso.datetime(),
});
export type UnsubscribeClaims = z.infer<typeof UnsubscribeClaims>;

export type VerifiedUnsubscribeToken =
  | { ok: true; claims: UnsubscribeClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

// Domain-separated: APP_SECRET has other jobs (credential encryption), so a MAC minted here
// must not be reusable as, or made from, anything else keyed by it.
const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update('porchlight.unsubscribe.v1\n').update(payload).digest();

function assertSecret(secret: string) {
  if (!secret || secret.length < 16)
    throw new AppError('invalid_config', 'APP_SECRET must be at least 16 characters to sign unsubscribe links');
}

/**
 * A URL-safe token `<base64url(json claims)>.<base64url(HMAC-SHA256)>` for /unsubscribe/:token.
 * Signed, not encrypted: it names the address it unsubscribes, so it is only ever sent to that address.
 * @example createUnsubscribeToken({ tenantId: 't1', channel: 'email', address: 'ana@example.com', issuedAt: clock.now().toISOString() }, env.APP_SECRET)
 */
export function createUnsubscribeToken(claims: UnsubscribeClaims, secret: string): string {
  assertSecret(secret);
  const payload = Buffer.from(JSON.stringify(UnsubscribeClaims.parse(claims))).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Checks the MAC in constant time before trusting a byte of the payload. */
export function verifyUnsubscribeToken(token: string, secret: string): VerifiedUnsubscribeToken {
  assertSecret(secret);
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]) || !/^[\w-]+$/.test(parts[1]))
    return { ok: false, reason: 'malformed' };
  const [payload, mac] = parts;
  const expected = sign(payload, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  try {
    const claims = UnsubscribeClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
