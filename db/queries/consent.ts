import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { consentEvents, consents } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import { forgottenAddress } from '../../core/privacy/forgotten-address.ts';

export type ConsentChannel = 'sms' | 'email';
export type ConsentStatus = 'opted_in' | 'opted_out' | 'suppressed';
export type Consent = typeof consents.$inferSelect;

export interface SetConsentInput {
  tenantId: string;
  channel: ConsentChannel;
  /** E.164 phone for sms, any-case email for email (stored lower-cased). */
  address: string;
  status: ConsentStatus;
  /** sms_keyword | ghl_dnd | twilio_21610 | sendgrid_bounce | unsubscribe_link | api ... */
  source: string;
  reason?: string | null;
}

/** Emails compare case-insensitively everywhere (GHL, SendGrid and leads disagree on case). */
export function consentAddress(channel: ConsentChannel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

/**
 * The keys an address's consent may be stored under: itself, and the hash it became when its lead was forgotten
 * (db/use-cases/leads/forget-lead.ts), so a STOP outlives the person's data. The newest row wins.
 */
const storedUnder = (tenantId: string, channel: ConsentChannel, normalized: string) => [
  normalized,
  forgottenAddress(tenantId, channel, normalized),
];

/**
 * Records a consent decision: the current state in `consents` (one row per tenant, channel,
 * address) and one line in the `consent_events` ledger, in the caller's transaction. The ledger
 * keeps every change, so "who opted this number out, when and how" always has an answer.
 * Writing the same status again still appends to the ledger (it is history) but changes nothing else.
 * @example await setConsent(tx, { tenantId, channel: 'sms', address: '+15125550100', status: 'opted_out', source: 'sms_keyword', reason: 'STOP' })
 */
export async function setConsent(db: Executor, input: SetConsentInput): Promise<void> {
  const address = consentAddress(input.channel, input.address);
  const now = new Date();
  await db
    .insert(consents)
    .values({
      tenantId: input.tenantId,
      channel: input.channel,
      address,
      status: input.status,
      reason: input.reason ?? null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [consents.tenantId, consents.channel, consents.address],
      set: { status: input.status, reason: input.reason ?? null, updatedAt: now },
    });
  await db.insert(consentEvents).values({
    tenantId: input.tenantId,
    channel: input.channel,
    address,
    status: input.status,
    source: input.source,
    reason: input.reason ?? null,
    // now() is frozen for the whole transaction; the ledger must still order two changes made in one.
    createdAt: sql`clock_timestamp()`,
  });
}

export async function getConsent(
  db: Executor,
  tenantId: string,
  channel: ConsentChannel,
  address: string,
): Promise<(Consent & { source: string | null }) | undefined> {
  const normalized = consentAddress(channel, address);
  const [row] = await db
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.tenantId, tenantId),
        eq(consents.channel, channel),
        inArray(consents.address, storedUnder(tenantId, channel, normalized)),
      ),
    )
    .orderBy(desc(consents.updatedAt))
    .limit(1);
  if (!row) return undefined;
  const [last] = await db
    .select({ source: consentEvents.source })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.tenantId, tenantId),
        eq(consentEvents.channel, channel),
        eq(consentEvents.address, row.address),
      ),
    )
    .orderBy(desc(consentEvents.createdAt))
    .limit(1);
  return { ...row, source: last?.source ?? null };
}

/**
 * May we send to this address on this channel? Absent a record we may (the lead gave us the
 * address; opt-in collection is the sender's job); an opt-out or a suppression (bounce, carrier
 * block) forbids it until a newer opt-in.
 * @example if (!(await isSendAllowed(db, tenantId, 'sms', lead.phone))) return skip('opted out')
 */
export async function isSendAllowed(
  db: Executor,
  tenantId: string,
  channel: ConsentChannel,
  address: string,
): Promise<boolean> {
  const [row] = await db
    .select({ status: consents.status })
    .from(consents)
    .where(
      and(
        eq(consents.tenantId, tenantId),
        eq(consents.channel, channel),
        inArray(consents.address, storedUnder(tenantId, channel, consentAddress(channel, address))),
      ),
    )
    .orderBy(desc(consents.updatedAt))
    .limit(1);
  return !row || row.status === 'opted_in';
}
