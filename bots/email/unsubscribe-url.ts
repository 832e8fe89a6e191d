import { createUnsubscribeToken } from '../../core/messaging/unsubscribe-token.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/**
 * PUBLIC_BASE_URL/unsubscribe/<signed token> for one address. `keep` links to the same page in
 * "keep sending" mode (the still-interested email); both change state only on POST.
 * @example unsubscribeUrl(runtime, { tenantId, channel: 'email', address: lead.email })
 */
export function unsubscribeUrl(
  runtime: Runtime,
  claims: { tenantId: string; channel: 'email' | 'sms'; address: string },
  options: { keep?: boolean } = {},
): string {
  if (!runtime.env.APP_SECRET) throw new AppError('invalid_config', 'APP_SECRET is required to sign unsubscribe links');
  const token = createUnsubscribeToken(
    { ...claims, issuedAt: runtime.clock.now().toISOString() },
    runtime.env.APP_SECRET,
  );
  return `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/unsubscribe/${token}${options.keep ? '?keep=1' : ''}`;
}
