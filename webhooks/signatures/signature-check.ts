import { AppError } from '../../core/errors/app-error.ts';

/**
 * A refused signature is an expected outcome, so it is data: `{ ok: false, reason }` names the
 * problem for the 401 and for the stored `rejected` event. `Extra` is what a verifier learned on
 * the way (the GHL scheme, Twilio's decoded form).
 */
export type SignatureCheck<Extra extends object = object> = ({ ok: true } & Extra) | { ok: false; reason: string };

/** One inbound request as the verifiers see it: no framework, no runtime object. */
export interface InboundRequest {
  /** The body exactly as received: every provider signs bytes, and re-serialised JSON or form data would not match. */
  rawBody: Uint8Array;
  /** Header names in lower case (as `Request.headers` and Hono's `c.req.header()` give them). */
  headers: Record<string, string>;
  /** The URL as the provider addressed it (public base URL + path + query), not what a proxy passed on. */
  url: string;
  now: Date;
}

/** Turns a refusal into the 401 `invalid_signature` answer. */
export function assertSignature(check: SignatureCheck): void {
  if (!check.ok) throw new AppError('invalid_signature', check.reason);
}

export function toBytes(body: string | Uint8Array): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
