import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { checkAdminToken } from '../../bots/terminal/admin-token.ts';
import { runDemo } from '../../bots/demo/run-demo.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `/internal/*`: how `porchlight demo` and `porchlight chat` reach a running `start` on PGlite,
 * which no second process may open. Only from loopback and only with the per-start token from
 * the lock file; anything else is a 404, so the routes are invisible from outside.
 */
export function internalRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.use('/internal/*', async (c, next) => {
    // In-process requests (app.request in tests) have no socket: they never crossed a network.
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      remote = undefined;
    }
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    if ((remote !== undefined && !LOOPBACK.has(remote)) || !checkAdminToken(runtime, token)) {
      throw new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`);
    }
    await next();
  });
  app.post('/internal/demo', async (c) => {
    const lines: string[] = [];
    const result = await runDemo(runtime, { say: (l) => lines.push(l) });
    return c.json({ ...result, lines });
  });
  app.post('/internal/chat', async (c) => {
    const body = z
      .object({ line: z.string().max(2000), as: z.email().optional() })
      .safeParse(await c.req.json().catch(() => null));
    if (!body.success) throw new AppError('bad_request', 'Send {"line": "<command>", "as"?: "<agent email>"}');
    return c.json({ text: await handleTerminalLine(runtime, body.data.line, body.data.as) });
  });
  return app;
}
