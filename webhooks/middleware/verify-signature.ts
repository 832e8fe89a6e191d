import { createMiddleware } from 'hono/factory';
import type { Env } from '../../core/config/env-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Clock } from '../../core/time/clock.ts';
import type { Executor } from '../../db/client.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import type { AppEnv } from '../app-env.ts';
import type { InboundProvider } from '../signatures/freshness.ts';
import { inboundVerifier, isNotConfigured, type VerifiedBy } from '../signatures/inbound-verifiers.ts';

/** What the middleware hands the route: the exact bytes that were verified, and what the verifier learned. */
export interface SignedEnv<P extends InboundProvider> extends AppEnv {
  Variables: AppEnv['Variables'] & {
    rawBody: Buffer;
    /** The request headers worth storing with the event (the provider's signature headers and a few more). */
    inboundHeaders: Record<string, string>;
    /** `scheme`, plus Twilio's decoded `params` or Slack's decoded `form`. */
    verified: VerifiedBy<P>;
  };
}

export interface VerifySignatureOptions {
  env: Env;
  /** Where a refused request is kept as a `rejected` inbound event. */
  db: Executor;
  clock: Clock;
}

/**
 * Checks a provider's signature on the raw bytes, read once: any re-serialisation of JSON or form
 * data would change the bytes and break the signature. Keys are parsed once per app, on the first
 * request (a malformed key is a loud `invalid_config`; an unconfigured Slack or Discord is a 404).
 * A refused request is answered 401 and kept as a `rejected` inbound event (never processed) so an
 * operator can see what was refused and why; Discord probes with bad signatures and wants that 401.
 * @example app.post('/webhooks/ghl', verifySignature('ghl', runtime), (c) => c.get('rawBody'))
 */
export function verifySignature<P extends InboundProvider>(provider: P, options: VerifySignatureOptions) {
  const verifier = inboundVerifier(provider);
  // Parsed on the first request, once: a key import is asynchronous on WebCrypto, and concurrent first requests share it.
  let config: Promise<object> | undefined;
  const publicBase = options.env.PUBLIC_BASE_URL.replace(/\/$/, '');
  return createMiddleware<SignedEnv<P>>(async (c, next) => {
    config ??= Promise.resolve(verifier.configure(options.env));
    const settings = await config;
    if (isNotConfigured(settings)) throw new AppError('not_found', settings.notConfigured);
    const rawBody = Buffer.from(await c.req.arrayBuffer());
    const headers = c.req.header();
    const inboundHeaders = pick(headers, verifier.keptHeaders);
    const result = await verifier.verify(
      {
        rawBody,
        headers,
        // Providers sign the URL they were given, not the one a proxy hands us.
        url: `${publicBase}${c.req.path}${new URL(c.req.url).search}`,
        now: options.clock.now(),
      },
      settings,
    );
    if (!result.ok) {
      await recordInboundEvent(options.db, {
        provider,
        status: 'rejected',
        reason: result.reason,
        verified: false,
        rawBody: rawBody.toString('utf8'),
        headers: inboundHeaders,
      });
      c.get('logger').warn({ provider, reason: result.reason }, 'inbound webhook rejected: bad signature');
      throw new AppError('invalid_signature', result.reason);
    }
    c.set('rawBody', rawBody);
    c.set('inboundHeaders', inboundHeaders);
    c.set('verified', result);
    await next();
  });
}

function pick(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((h) => headers[h] !== undefined).map((h) => [h, headers[h]]));
}
