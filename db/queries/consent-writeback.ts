import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { leads } from '../schema/index.ts';
import type { Tx } from '../client.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { enqueueGhlWriteback } from './ghl-writeback-ops.ts';

/**
 * An opt-out (or opt-in) learned by us — a STOP text, an unsubscribe link, a spam report — is
 * mirrored onto the GHL contact's DND for that channel, in the transaction that records it, so
 * GHL's own workflows stop texting or mailing the person too. Changes that came from GHL's DND
 * are not written back (that would echo forever); callers only call this for our own sources.
 */
export async function writeConsentToGhl(
  tx: Tx,
  queue: JobQueue,
  input: {
    tenantId: string;
    channel: 'sms' | 'email';
    address: string;
    optedOut: boolean;
    reason: string;
  },
): Promise<number> {
  const column = input.channel === 'sms' ? leads.phone : leads.email;
  const rows = await tx
    .select({ contactId: leads.ghlContactId, locationId: leads.ghlLocationId })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, input.tenantId),
        eq(column, input.channel === 'email' ? input.address.toLowerCase() : input.address),
        isNotNull(leads.ghlContactId),
        isNull(leads.deletedAt),
      ),
    );
  for (const row of rows) {
    await enqueueGhlWriteback(
      queue,
      {
        tenantId: input.tenantId,
        ...(row.locationId ? { locationId: row.locationId } : {}),
        op: 'set_dnd',
        args: {
          contactId: row.contactId!,
          channel: input.channel === 'sms' ? 'SMS' : 'Email',
          active: input.optedOut,
          reason: input.reason.slice(0, 200),
        },
      },
      { tx },
    );
  }
  return rows.length;
}
