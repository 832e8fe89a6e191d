import { Hono } from 'hono';
import { AppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { ghlBacklogGate } from '../ingest/backlog-gate.ts';
import { ingestGhlEvent } from '../ingest/ingest-ghl-event.ts';
import { verifyGhlSignature, type GhlEnv } from '../middleware/verify-ghl-signature.ts';

/**
 * `POST /webhooks/ghl` (design.md §3): verified → deduped → stored with its job → 200 with what
 * happened (`accepted`, `duplicate`, `ignored`, `quarantined`). Signed events we cannot use are
 * still answered 200, so GHL neither retries them forever nor pauses our endpoint.
 */
export function ghlRoutes(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<GhlEnv>();
  app.post('/webhooks/ghl', verifyGhlSignature(runtime), async (c) => {
    const gate = ghlBacklogGate(runtime).check();
    if (gate.over) {
      c.header('Retry-After', String(gate.retryAfterSeconds));
      throw new AppError(
        'too_many_requests',
        `GHL event backlog is ${gate.backlog} (limit ${gate.maxBacklog}); retry in ${gate.retryAfterSeconds} s`,
      );
    }
    const result = await ingestGhlEvent(runtime, {
      rawBody: c.get('ghlRawBody'),
      scheme: c.get('ghlSignatureScheme'),
      headers: c.req.header(),
    });
    return c.json({ status: result.status, id: result.id, ...(result.reason ? { reason: result.reason } : {}) });
  });
  return app as unknown as Hono<AppEnv>;
}
