import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Runtime } from '../../jobs/runtime.ts';

/** The token of one process; only `start` issues one, so elsewhere every given token is refused. */
export interface AdminToken {
  /** The token, generated on the first call. */
  issue(): string;
  /** Constant-time comparison; false while no token was issued. */
  accepts(given: string | undefined): boolean;
}

export function createAdminToken(): AdminToken {
  let token: string | undefined;
  return {
    issue() {
      token ??= randomBytes(32).toString('base64url');
      return token;
    },
    accepts(given) {
      if (!token || !given) return false;
      const a = Buffer.from(token);
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}

/**
 * The token a running `start` shares with CLI commands on the same machine through the PGlite lock
 * file (readable only by whoever can read ./data). Generated per start, never logged.
 */
export async function adminTokenAttachment(runtime: Runtime): Promise<void> {
  runtime.database.announce({ adminToken: runtime.adminToken.issue() });
}

export function checkAdminToken(runtime: Runtime, given: string | undefined): boolean {
  return runtime.adminToken.accepts(given);
}
