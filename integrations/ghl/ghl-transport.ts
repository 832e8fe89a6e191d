import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { maskText } from '../../core/observability/mask.ts';
import type { Clock } from '../../core/time/clock.ts';
import { GHL_API_VERSION, type GhlApiFamily } from './ghl-api-versions.ts';
import type { GhlAuth } from './ghl-auth.ts';
import type { TokenBucket } from './token-bucket.ts';

export interface GhlTransportOptions {
  baseUrl: string;
  auth: GhlAuth;
  bucket: TokenBucket;
  clock: Clock;
  fetch?: typeof fetch;
  /** Injected so tests assert waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Retries after the first attempt, for 429 and (idempotent requests only) 5xx/network errors. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface GhlCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  family: GhlApiFamily;
  locationId: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /**
   * Safe to repeat after an unknown outcome (5xx, dropped connection). False for sends, notes and
   * tasks: GHL may have acted before failing, and a retry would text the lead twice. 429s are
   * always retried because GHL rejects them before doing anything.
   */
  idempotent: boolean;
}

const TRANSIENT = new Set([500, 502, 503, 504]);
const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
};

export type GhlTransport = <S extends z.ZodType>(call: GhlCall, response: S) => Promise<z.infer<S>>;

/** Sends one GHL API call with rate limiting, retries, auth renewal and response validation. */
export function createGhlTransport(options: GhlTransportOptions): GhlTransport {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const backoff = (attempt: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2);

  return async (call, response) => {
    const url = new URL(options.baseUrl.replace(/\/+$/, '') + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const label = `GHL ${call.method} ${call.path}`;
    let token = await options.auth.accessToken(call.locationId);
    let renewed = false;
    let attempt = 0;
    const retryOrThrow = async (wait: number, error: AppError) => {
      if (++attempt > maxRetries) throw error;
      await sleep(Math.min(wait, maxDelayMs));
    };

    for (;;) {
      const wait = options.bucket.reserve(call.locationId);
      if (wait > 0) await sleep(wait);
      let res: Response;
      try {
        res = await doFetch(url, {
          method: call.method,
          headers: {
            Authorization: `Bearer ${token}`,
            Version: GHL_API_VERSION[call.family],
            Accept: 'application/json',
            ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        });
      } catch (e) {
        const error = new AppError('unavailable', `${label} failed: ${(e as Error).message}`, {
          provider: 'ghl',
          retryable: true,
        });
        if (!call.idempotent) throw error;
        await retryOrThrow(backoff(attempt + 1), error);
        continue;
      }
      if (res.headers.get('x-ratelimit-remaining') === '0') options.bucket.drain(call.locationId);
      const text = await res.text();

      if (res.ok) {
        const parsed = response.safeParse(text ? safeJson(text) : {});
        if (!parsed.success) {
          const field = parsed.error.issues[0]?.path.join('.') || '(root)';
          throw new AppError('internal', `${label} answered with an unexpected shape at ${field}`, {
            provider: 'ghl',
            status: res.status,
          });
        }
        return parsed.data;
      }
      const error = ghlError(label, res.status, text);
      if (res.status === 401 && !renewed) {
        const next = await options.auth.renew(call.locationId, token);
        if (!next) throw error;
        token = next;
        renewed = true;
        continue;
      }
      if (res.status === 429) {
        // A spent daily quota will not come back within any sensible retry window.
        if (res.headers.get('x-ratelimit-daily-remaining') === '0') throw error;
        await retryOrThrow(retryAfterMs(res.headers, options.clock) ?? backoff(attempt + 1), error);
        continue;
      }
      if (TRANSIENT.has(res.status) && call.idempotent) {
        await retryOrThrow(backoff(attempt + 1), error);
        continue;
      }
      throw error;
    }
  };
}

/** `Retry-After` (seconds or HTTP date), else GHL's burst window length. */
function retryAfterMs(headers: Headers, clock: Clock): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - clock.now().getTime());
  }
  const interval = Number(headers.get('x-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? interval : undefined;
}

/** GHL's error body (`{statusCode, message}` or `{msg}`) kept for the dead-letter queue, contact details masked. */
function ghlError(label: string, status: number, text: string): AppError {
  const body = safeJson(text) as { message?: unknown; msg?: unknown; error?: unknown } | undefined;
  const raw = body?.message ?? body?.msg ?? body?.error ?? text;
  const message = maskText((Array.isArray(raw) ? raw.join('; ') : String(raw ?? '')).slice(0, 500));
  const code: ErrorCode =
    status === 429 ? 'too_many_requests' : status >= 500 ? 'unavailable' : (STATUS_CODE[status] ?? 'bad_request');
  return new AppError(code, `${label} → HTTP ${status}: ${message}`, {
    provider: 'ghl',
    status,
    ghlMessage: message,
    retryable: status === 429 || status >= 500,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
