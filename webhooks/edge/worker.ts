import { loadEnv } from '../../core/config/load-env.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import { createFloodMeter, type FloodMeter } from '../../core/inbound/flood-meter.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { createEdgeApp } from './edge-app.ts';
import { createEdgeBacklogGate, type EdgeBacklogGate } from './edge-backlog-gate.ts';
import { edgeRuntime, type EdgeIsolate } from './edge-runtime.ts';

/** The Worker's bindings (wrangler.toml): Hyperdrive to PostgreSQL, plus `[vars]` and secrets, all strings. */
export interface EdgeBindings {
  HYPERDRIVE: { connectionString: string };
  [name: string]: unknown;
}

interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * What an isolate keeps between requests: plain data and in-memory meters only, no connection (workerd lets no
 * socket outlive its request). Config is validated on the first request, like Node validates it at boot.
 */
let isolate: (EdgeIsolate & { flood: FloodMeter; backlog: EdgeBacklogGate }) | undefined;

function isolateFor(bindings: EdgeBindings) {
  if (isolate) return isolate;
  const strings = Object.fromEntries(
    Object.entries(bindings).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const env = loadEnv(strings);
  isolate = {
    env,
    logger: createLogger({ level: env.LOG_LEVEL }),
    flood: createFloodMeter(env.GHL_LOCATION_EVENTS_PER_MINUTE),
    backlog: createEdgeBacklogGate(),
  };
  return isolate;
}

/**
 * The Cloudflare Worker: the inbound webhooks of design.md §3 answered at the edge, each stored durably (raw
 * event, dedupe key and pg-boss job in one transaction, through Hyperdrive) before its 200, for `porchlight work`
 * on Node to process. `npm run edge:dev` runs it locally, `npm run edge:deploy` ships it (docs/edge.md).
 */
export default {
  async fetch(request: Request, bindings: EdgeBindings, ctx: WorkerContext): Promise<Response> {
    let parts: ReturnType<typeof isolateFor>;
    try {
      parts = isolateFor(bindings);
    } catch (error) {
      // Node refuses to boot on bad config; a Worker has no boot, so every request says what to fix (never values).
      if (!isAppError(error)) throw error;
      console.error(error.message);
      return Response.json({ error: { code: error.code, message: error.message } }, { status: 500 });
    }
    const runtime = edgeRuntime(parts, bindings.HYPERDRIVE.connectionString);
    try {
      const app = createEdgeApp(runtime, { ghlBacklogGate: parts.backlog, ghlFloodMeter: parts.flood });
      return await app.fetch(request);
    } finally {
      ctx.waitUntil(runtime.close());
    }
  },
};
