import { loadEnv } from '../core/config/load-env.ts';
import { ingestGhlEvent } from '../db/use-cases/inbound/ingest-ghl-event.ts';
import { createRuntime } from '../jobs/create-runtime.ts';

/**
 * The database half of ingest, without HTTP or signature checks: the same `ingestGhlEvent` the route calls
 * (cached location lookup, classify, group-committed store + job insert) on a runtime opened in this process
 * with the app's own pool, so its rate compares with plain single-row INSERTs store for store.
 * @example const path = await openStorePath(env, bodies); await path.store(0); await path.close()
 */
export async function openStorePath(env: Record<string, string | undefined>, bodies: readonly string[]) {
  const runtime = await createRuntime({
    env: loadEnv({ ...env, LOG_LEVEL: 'warn' }),
    migrate: false,
    schedule: false,
  });
  const deps = {
    db: runtime.db,
    queue: runtime.queue,
    clock: runtime.clock,
    locations: runtime.locations,
    writer: runtime.inboundWriter,
  };
  return {
    async store(i: number): Promise<void> {
      // Bytes the route would have verified: the signature is not this half's cost.
      const input = { rawBody: Buffer.from(bodies[i]), scheme: 'ed25519' as const, headers: {} };
      const result = await ingestGhlEvent(deps, input);
      if (result.status !== 'accepted') throw new Error(`event ${i}: ${result.status} ${result.reason ?? ''}`);
    },
    close: () => runtime.close(),
  };
}
