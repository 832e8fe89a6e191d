import { AppError } from '../../core/errors/app-error.ts';

/** A refused signature is an expected outcome, so it is data; `assertSignature` turns it into a 401. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function assertSignature(check: SignatureCheck): void {
  if (!check.ok) throw new AppError('invalid_signature', check.reason);
}

/** Replay protection shared by Slack and Discord: the request must be this fresh in either direction. */
export function checkFreshness(timestamp: string, now: Date, maxAgeSeconds: number): SignatureCheck {
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not a number of seconds' };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  // Strictly inside the window: a request exactly maxAge old counts as stale.
  if (skew >= maxAgeSeconds) return { ok: false, reason: `timestamp is outside the ${maxAgeSeconds}-second window` };
  return { ok: true };
}

export function toBytes(body: string | Uint8Array): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
