import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors/app-error.ts';
import { ScoringModel } from '../../core/scoring/scoring-model.ts';
import { scoringModels } from '../schema/index.ts';
import type { Executor, Tx } from '../client.ts';
import { recordAudit } from './audit.ts';

export type ScoringModelRow = typeof scoringModels.$inferSelect;

/** What a stored version is called on leads (`leads.model_version`) and in reasons. */
export const modelVersionName = (version: number) => `v${version}`;

/**
 * The tenant's active model, parsed. A row that no longer parses (edited by hand, or from a
 * future release) is treated as absent so scoring falls back to the default instead of failing.
 */
export async function getActiveModel(
  db: Executor,
  tenantId: string,
): Promise<{ row: ScoringModelRow; model: ScoringModel } | undefined> {
  const [row] = await db
    .select()
    .from(scoringModels)
    .where(and(eq(scoringModels.tenantId, tenantId), eq(scoringModels.active, true)));
  if (!row) return undefined;
  const parsed = ScoringModel.safeParse(row.params);
  return parsed.success ? { row, model: parsed.data } : undefined;
}

export async function listModels(db: Executor, tenantId: string): Promise<ScoringModelRow[]> {
  return db
    .select()
    .from(scoringModels)
    .where(eq(scoringModels.tenantId, tenantId))
    .orderBy(desc(scoringModels.version));
}

export async function nextModelVersion(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${scoringModels.version})` })
    .from(scoringModels)
    .where(eq(scoringModels.tenantId, tenantId));
  return Number(row?.max ?? 0) + 1;
}

export interface InsertModelInput {
  tenantId: string;
  version: number;
  model: ScoringModel;
  metrics: Record<string, unknown>;
  decision: string;
  trainedAt: Date;
}

/** Stores a trained version, inactive; `activateModel` is the only way to switch. */
export async function insertModel(db: Executor, input: InsertModelInput): Promise<ScoringModelRow> {
  const [row] = await db
    .insert(scoringModels)
    .values({
      tenantId: input.tenantId,
      version: input.version,
      kind: input.model.kind,
      params: input.model as unknown as Record<string, unknown>,
      metrics: input.metrics,
      decision: input.decision,
      active: false,
      trainedAt: input.trainedAt,
    })
    .returning();
  return row;
}

/**
 * Makes `version` the tenant's one active model, audited. Deactivate-then-activate inside the
 * caller's transaction: the partial unique index on (tenant) where active rejects a concurrent
 * activation instead of leaving two active rows.
 */
export async function activateModel(
  tx: Tx,
  input: { tenantId: string; version: number; reason: string; actor: string; at: Date },
): Promise<ScoringModelRow> {
  const [target] = await tx
    .select()
    .from(scoringModels)
    .where(and(eq(scoringModels.tenantId, input.tenantId), eq(scoringModels.version, input.version)));
  if (!target)
    throw new AppError('not_found', `No model version ${input.version} for this tenant (see porchlight model list)`);
  ScoringModel.parse(target.params);
  await tx
    .update(scoringModels)
    .set({ active: false })
    .where(and(eq(scoringModels.tenantId, input.tenantId), eq(scoringModels.active, true)));
  const [row] = await tx
    .update(scoringModels)
    .set({ active: true, activatedAt: input.at, decision: input.reason })
    .where(eq(scoringModels.id, target.id))
    .returning();
  await recordAudit(tx, {
    tenantId: input.tenantId,
    entity: 'scoring_model',
    entityId: target.id,
    action: 'activated',
    actor: input.actor,
    reason: input.reason,
    data: { version: input.version },
  });
  return row;
}

/**
 * Leaves the tenant with no active trained model, audited: scoring falls back to the default model.
 * Returns the version that was active, or null when none was.
 */
export async function deactivateModels(
  tx: Tx,
  input: { tenantId: string; reason: string; actor: string },
): Promise<number | null> {
  const [was] = await tx
    .update(scoringModels)
    .set({ active: false, decision: input.reason })
    .where(and(eq(scoringModels.tenantId, input.tenantId), eq(scoringModels.active, true)))
    .returning();
  if (!was) return null;
  await recordAudit(tx, {
    tenantId: input.tenantId,
    entity: 'scoring_model',
    entityId: was.id,
    action: 'deactivated',
    actor: input.actor,
    reason: input.reason,
    data: { version: was.version },
  });
  return was.version;
}
