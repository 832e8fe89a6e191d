import { and, eq } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';

/**
 * The lead for a CRM contact id, creating a bare placeholder when the contact has not reached us
 * yet: GHL delivers events independently, so a message or opportunity can arrive before its
 * ContactCreate. The placeholder has no `crm_updated_at`, so the first contact upsert of any age
 * fills it in. The insert races safely on the (tenant, ghl_contact_id) unique index.
 */
export async function ensureLead(
  tx: Tx,
  tenantId: string,
  ghlContactId: string,
  locationId: string | null,
): Promise<{ id: string; deletedAt: Date | null; created: boolean }> {
  const [inserted] = await tx
    .insert(leads)
    .values({ tenantId, ghlContactId, ghlLocationId: locationId })
    .onConflictDoNothing({ target: [leads.tenantId, leads.ghlContactId] })
    .returning({ id: leads.id });
  if (inserted) return { id: inserted.id, deletedAt: null, created: true };
  const [row] = await tx
    .select({ id: leads.id, deletedAt: leads.deletedAt })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.ghlContactId, ghlContactId)));
  return { ...row, created: false };
}
