import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { AppError } from '../../core/errors/app-error.ts';
import type { AppEnv } from '../app-env.ts';
import { htmlPage } from '../pages/html-page.ts';

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  windowMs?: number;
  /** Believe `CF-Connecting-IP` / the first `X-Forwarded-For` hop (only behind a proxy that sets them). */
  trustProxy?: boolean;
}

/**
 * The caller's address: the socket's on Node, the proxy's header only when the operator said a proxy
 * sets it (otherwise anyone could pick a fresh address per request and never be limited).
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Seconds until the caller's window resets, from what the limiter stored on the context. */
function retryAfterOf(c: Context<AppEnv>): number {
  const info = (c as unknown as { get(key: 'rateLimit'): { resetTime?: Date } | undefined }).get('rateLimit');
  const ms = info?.resetTime ? info.resetTime.getTime() - Date.now() : 60_000;
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Per-key limit on `/api/v1`: the key is a hash of the bearer token (never the token itself, which would
 * sit in memory as a map key), or the address for calls without one. 429 JSON with `Retry-After`.
 * The count lives in this process: with N processes behind a balancer a key gets up to N× the limit.
 */
export function apiRateLimit(options: RateLimitOptions) {
  return rateLimiter<AppEnv>({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => {
      const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (token) return `key:${createHash('sha256').update(token).digest('base64url')}`;
      return `ip:${clientAddress(c, options.trustProxy ?? false)}`;
    },
    handler: (c) => {
      throw new AppError(
        'too_many_requests',
        `rate limit of ${options.limit} requests per minute for this API key reached; retry in ${retryAfterOf(c)} s`,
      );
    },
  });
}

/**
 * Per-address limit on the pages anyone can open (listing links, unsubscribe, install callbacks):
 * a person never comes close; a script walking tokens does. Answers a small HTML page, since a browser asked.
 */
export function pageRateLimit(options: RateLimitOptions) {
  return rateLimiter<AppEnv>({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => `ip:${clientAddress(c, options.trustProxy ?? false)}`,
    handler: (c) =>
      c.html(
        htmlPage(
          'Too many requests',
          '<p>This page was opened too often from your network. Try again in a minute.</p>',
        ),
        429,
        { 'Cache-Control': 'no-store' },
      ),
  });
}
