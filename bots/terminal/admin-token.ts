import { randomBytes, timingSafeEqual } from 'node:crypto';
import { service, type Runtime } from '../../jobs/runtime.ts';

const KEY = 'internal.adminToken';

/**
 * The token a running `start` shares with CLI commands on the same machine through the PGlite lock
 * file (readable only by whoever can read ./data). Generated per start, never logged.
 */
export async function adminTokenAttachment(runtime: Runtime): Promise<void> {
  const token = service(runtime, KEY, () => randomBytes(32).toString('base64url'));
  runtime.database.announce({ adminToken: token });
}

export function checkAdminToken(runtime: Runtime, given: string | undefined): boolean {
  const token = runtime.services.get(KEY) as string | undefined;
  if (!token || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
