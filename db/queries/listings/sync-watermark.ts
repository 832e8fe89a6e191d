import { and, eq } from 'drizzle-orm';
import { syncState } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Where a pull-based source (the RESO feed) got to for a tenant. */
export async function getWatermark(db: Executor, tenantId: string, source: string): Promise<string | null> {
  const [row] = await db
    .select({ watermark: syncState.watermark })
    .from(syncState)
    .where(and(eq(syncState.tenantId, tenantId), eq(syncState.source, source)));
  return row?.watermark ?? null;
}

export async function setWatermark(
  db: Executor,
  input: { tenantId: string; source: string; watermark: string | null; meta: Record<string, unknown>; now: Date },
): Promise<void> {
  await db
    .insert(syncState)
    .values({
      tenantId: input.tenantId,
      source: input.source,
      watermark: input.watermark,
      meta: input.meta,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [syncState.tenantId, syncState.source],
      set: { watermark: input.watermark, meta: input.meta, updatedAt: input.now },
    });
}

/** The watermark with what the last run noted beside it (totals, a resource the feed does not have). */
export async function getSyncState(
  db: Executor,
  tenantId: string,
  source: string,
): Promise<{ watermark: string | null; meta: Record<string, unknown> } | null> {
  const [row] = await db
    .select({ watermark: syncState.watermark, meta: syncState.meta })
    .from(syncState)
    .where(and(eq(syncState.tenantId, tenantId), eq(syncState.source, source)));
  return row ?? null;
}
