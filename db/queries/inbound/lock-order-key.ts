import { sql } from 'drizzle-orm';
import type { Tx } from '../../client.ts';

/**
 * Advisory locks of this app take the two-key form with this first key: PostgreSQL keeps two-key and one-key
 * locks (pg-boss's) apart, and the first key keeps ours apart from any other two-key user.
 */
const ORDER_KEY_LOCKS = 0x504c_0001;

/**
 * Holds the order key (one GHL contact's events) until the transaction ends, so one worker at a time, in any
 * process, applies that contact's events. Waits while another transaction holds it.
 */
export async function lockOrderKey(tx: Tx, orderKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ORDER_KEY_LOCKS}::int, hashtext(${orderKey}))`);
}
