import { createHash } from 'node:crypto';

const PREFIX = 'forgotten:';

/**
 * What a forgotten lead's phone or email becomes wherever we must still recognise it: the consent ledger
 * (a STOP outlives the person's data) and the recipients of past deliveries. Keyed by tenant and channel,
 * deterministic, and deliberately not keyed with APP_SECRET: every send path checks suppression without the
 * secrets, and a hash keyed by a secret that is later rotated out would stop matching, so a number that said
 * STOP would silently become textable again. The cost: someone holding a dump can test a guessed number.
 * @example forgottenAddress('t1', 'sms', '+15125550100') // 'forgotten:3b1f…'
 */
export function forgottenAddress(tenantId: string, channel: string, normalizedAddress: string): string {
  const digest = createHash('sha256')
    .update(`porchlight:forgotten:${tenantId}:${channel}:${normalizedAddress}`)
    .digest('hex');
  return `${PREFIX}${digest}`;
}

export const isForgottenAddress = (address: string): boolean => address.startsWith(PREFIX);
