import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { leads, syncState } from '../schema/index.ts';
import type { Executor } from '../client.ts';
import type { GhlApiContact } from '../../core/ghl/ghl-api-schemas.ts';

export type ContactSyncOutcome = 'new' | 'updated' | 'unchanged';

/**
 * Applies one contact read from the GHL API to our lead, with the webhook rule: only a newer
 * `dateUpdated` wins. The comparison sits in the UPDATE's WHERE, so a webhook applying a newer
 * version at the same moment cannot be overwritten by this older read.
 */
export async function applyGhlContact(
  db: Executor,
  input: { tenantId: string; locationId: string; contact: GhlApiContact },
): Promise<{ outcome: ContactSyncOutcome; leadId: string }> {
  const { tenantId, contact } = input;
  const updatedAt = parseDate(contact.dateUpdated) ?? parseDate(contact.dateAdded);
  const fields = leadFields(input.locationId, contact, updatedAt);
  const match = and(eq(leads.tenantId, tenantId), eq(leads.ghlContactId, contact.id));
  for (let attempt = 0; attempt < 2; attempt++) {
    if (updatedAt) {
      const [updated] = await db
        .update(leads)
        .set({ ...fields, updatedAt: new Date() })
        // A forgotten lead is never refilled from GHL's copy of the contact.
        .where(and(match, isNull(leads.forgottenAt), or(isNull(leads.crmUpdatedAt), lt(leads.crmUpdatedAt, updatedAt))))
        .returning({ id: leads.id });
      if (updated) return { outcome: 'updated', leadId: updated.id };
    }
    const [existing] = await db.select({ id: leads.id }).from(leads).where(match);
    if (existing) return { outcome: 'unchanged', leadId: existing.id };
    const [inserted] = await db
      .insert(leads)
      .values({ tenantId, ghlContactId: contact.id, ...fields })
      .onConflictDoNothing({ target: [leads.tenantId, leads.ghlContactId] })
      .returning({ id: leads.id });
    if (inserted) return { outcome: 'new', leadId: inserted.id };
    // A webhook inserted it between our select and insert: compare against that row instead.
  }
  const [row] = await db.select({ id: leads.id }).from(leads).where(match);
  return { outcome: 'unchanged', leadId: row!.id };
}

function leadFields(locationId: string, c: GhlApiContact, updatedAt: Date | null) {
  const extra = c as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const name =
    str(c.contactName) ?? str(c.name) ?? ([str(c.firstName), str(c.lastName)].filter(Boolean).join(' ') || '');
  return {
    ghlLocationId: str(c.locationId) ?? locationId,
    name,
    firstName: str(c.firstName),
    lastName: str(c.lastName),
    email: str(c.email)?.toLowerCase() ?? null,
    phone: str(c.phone),
    tags: c.tags ?? [],
    source: str(c.source),
    city: str(extra.city),
    state: str(extra.state),
    postalCode: str(extra.postalCode),
    dnd: c.dnd ?? false,
    ghlAssignedTo: str(c.assignedTo),
    customFields: Object.fromEntries((c.customFields ?? []).map((f) => [f.id, f.value])),
    crmUpdatedAt: updatedAt,
  };
}

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface SyncCounts {
  new: number;
  updated: number;
  unchanged: number;
}

/** Resume point of one location's contact sync: `watermark` after a finished run, `run` while one is under way. */
export interface GhlSyncState {
  watermark: string | null;
  run: { startedAt: string; since: string | null; nextPage: number; counts: SyncCounts } | null;
}

const source = (locationId: string) => `ghl.contacts:${locationId}`;

export async function readGhlSyncState(db: Executor, tenantId: string, locationId: string): Promise<GhlSyncState> {
  const [row] = await db
    .select()
    .from(syncState)
    .where(and(eq(syncState.tenantId, tenantId), eq(syncState.source, source(locationId))));
  return { watermark: row?.watermark ?? null, run: (row?.meta.run as GhlSyncState['run']) ?? null };
}

export async function writeGhlSyncState(
  db: Executor,
  tenantId: string,
  locationId: string,
  state: GhlSyncState & { lastRun?: SyncCounts },
): Promise<void> {
  const values = {
    watermark: state.watermark,
    meta: { run: state.run, ...(state.lastRun ? { lastRun: state.lastRun } : {}) },
    updatedAt: new Date(),
  };
  await db
    .insert(syncState)
    .values({ tenantId, source: source(locationId), ...values })
    .onConflictDoUpdate({ target: [syncState.tenantId, syncState.source], set: values });
}
