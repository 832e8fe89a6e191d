import { z } from 'zod';
import { open, seal, type BoxSecret } from '../crypto/secret-box.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * A team's provider credentials, kept as one sealed JSON document in `tenants.credentials` (the whole document
 * is sealed, so not even which providers a team uses shows in a dump). Loose: a key this version does not know
 * survives a write by this version.
 */
export const TenantCredentials = z.looseObject({
  /** A GHL private integration token (sub-account settings → Private Integrations): one location, no expiry. */
  ghl: z.object({ token: z.string().min(1) }).optional(),
});
export type TenantCredentials = z.infer<typeof TenantCredentials>;

export function openTenantCredentials(sealed: string | null | undefined, secret: BoxSecret): TenantCredentials {
  if (!sealed) return {};
  const parsed = TenantCredentials.safeParse(safeJson(open(sealed, secret)));
  if (!parsed.success)
    throw new AppError('invalid_config', 'Stored team credentials are not in a shape this version can read');
  return parsed.data;
}

export function sealTenantCredentials(credentials: TenantCredentials, secret: BoxSecret): string {
  return seal(JSON.stringify(credentials), secret);
}

/** What may be shown of a token (CLI, audit): its kind and last four characters, never more. */
export function tokenHint(token: string): string {
  const prefix = /^[a-z]{2,5}-/.exec(token)?.[0] ?? '';
  // A short token would give too much of itself away in four characters.
  return token.length >= 16 ? `${prefix}…${token.slice(-4)}` : `${prefix}…`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
