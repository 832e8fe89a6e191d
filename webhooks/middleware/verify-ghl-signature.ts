import { createMiddleware } from 'hono/factory';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors/app-error.ts';
import { parsePublicKey } from '../../core/ghl/parse-public-key.ts';
import { verifyGhlSignature as verify, type GhlSignatureScheme } from '../../core/ghl/verify-ghl-signature.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { service, type Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { keptHeaders } from '../ingest/ingest-ghl-event.ts';

/** What the middleware hands the route: the exact bytes that were verified, and how. */
export interface GhlEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { ghlRawBody: Buffer; ghlSignatureScheme: GhlSignatureScheme };
}

/** Configured keys, parsed once per runtime; undefined = GHL's published key (parsed once in core). */
function webhookKeys(runtime: Runtime): { ed25519?: KeyObject; rsa?: KeyObject } {
  return service(runtime, 'ghl.webhook-keys', () => ({
    ed25519: runtime.env.GHL_WEBHOOK_PUBLIC_KEY
      ? parsePublicKey(runtime.env.GHL_WEBHOOK_PUBLIC_KEY, 'ed25519')
      : undefined,
    rsa: runtime.env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY
      ? parsePublicKey(runtime.env.GHL_WEBHOOK_LEGACY_PUBLIC_KEY, 'rsa')
      : undefined,
  }));
}

/**
 * Verifies a GHL webhook on the raw bytes, read once: any re-serialisation of the JSON would
 * change the bytes and break the signature. `X-GHL-Signature` (Ed25519) wins; the legacy RSA
 * header counts only when the new one is absent (`N/A` = absent), so nobody can downgrade a
 * request. A bad signature is answered 401 and the request is kept as a `rejected` inbound event
 * (never processed) so an operator can see what was refused and why.
 * @example app.post('/webhooks/ghl', verifyGhlSignature(runtime), (c) => c.get('ghlRawBody'))
 */
export function verifyGhlSignature(runtime: Runtime) {
  return createMiddleware<GhlEnv>(async (c, next) => {
    const rawBody = Buffer.from(await c.req.arrayBuffer());
    const headers = c.req.header();
    const keys = webhookKeys(runtime);
    const result = verify({ rawBody, headers, ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa });
    if (!result.ok) {
      await recordInboundEvent(runtime.db, {
        provider: 'ghl',
        status: 'rejected',
        reason: result.reason,
        verified: false,
        rawBody: rawBody.toString('utf8'),
        headers: keptHeaders(headers),
      });
      c.get('logger').warn({ reason: result.reason }, 'GHL webhook rejected: bad signature');
      throw new AppError('invalid_signature', `GHL webhook signature rejected: ${result.reason}`);
    }
    c.set('ghlRawBody', rawBody);
    c.set('ghlSignatureScheme', result.scheme);
    await next();
  });
}
