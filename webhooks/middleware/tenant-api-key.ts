import { createMiddleware } from 'hono/factory';
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors/app-error.ts';
import { hashApiKey } from '../../core/tenants/api-key.ts';
import { tenants } from '../../db/schema/index.ts';
import type { AppEnv } from '../app-env.ts';

/** `Authorization: Bearer <tenant API key>` → `c.get('tenantId')`. Every API query filters by it. */
export function tenantApiKey() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Missing Authorization: Bearer <tenant API key>');
    const [tenant] = await c
      .get('runtime')
      .db.select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.apiKeyHash, hashApiKey(match[1])))
      .limit(1);
    if (!tenant) throw new AppError('unauthorized', 'Unknown API key');
    c.set('tenantId', tenant.id);
    await next();
  });
}
