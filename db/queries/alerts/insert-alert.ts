import { sql } from 'drizzle-orm';
import type { AlertCause } from '../../../core/alerts/alert-timings.ts';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { recordAudit } from '../audit.ts';
import type { AlertRow } from './get-alert.ts';

export interface InsertAlertInput {
  tenantId: string;
  kind: string;
  priority: 'critical' | 'high' | 'normal' | 'low';
  leadId: string;
  listingKey: string | null;
  matchId?: string | null;
  dedupeKey: string;
  reason: string;
  expiresAt: Date;
  /** The injected clock's now: speed-to-lead and escalation measure from it. */
  createdAt?: Date;
  details?: Record<string, unknown>;
  /** What caused it and when (an inbound event's receipt, its application and scoring): see AlertTimings. */
  cause?: AlertCause;
}

/**
 * Inserts an alert unless one with the same dedupe key exists. The unique index decides, so two
 * workers raising the same signal at once still produce one alert. Returns null when deduped.
 */
export async function insertAlert(db: Executor, input: InsertAlertInput): Promise<AlertRow | null> {
  const [row] = await db
    .insert(alerts)
    .values({
      tenantId: input.tenantId,
      kind: input.kind,
      priority: input.priority,
      status: 'open',
      leadId: input.leadId,
      listingKey: input.listingKey,
      matchId: input.matchId ?? null,
      dedupeKey: input.dedupeKey,
      reason: input.reason,
      expiresAt: input.expiresAt,
      details: input.details ?? {},
      receivedAt: input.cause?.receivedAt ?? null,
      appliedAt: input.cause?.appliedAt ?? null,
      scoredAt: input.cause?.scoredAt ?? null,
      // Without a clock's now, the same database now() created_at defaults to.
      raisedAt: input.createdAt ?? sql`now()`,
      ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
    })
    .onConflictDoNothing({ target: [alerts.tenantId, alerts.dedupeKey] })
    .returning();
  if (!row) return null;
  await recordAudit(db, {
    tenantId: input.tenantId,
    entity: 'alert',
    entityId: row.id,
    action: 'created',
    actor: 'system',
    reason: input.reason,
    data: { kind: input.kind, priority: input.priority },
  });
  return row;
}
