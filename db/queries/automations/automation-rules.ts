import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AutomationRule } from '../../../core/automations/automation-rule.ts';
import type { TriggerEvent } from '../../../core/automations/automation-trigger.ts';
import { automationRules, automationRuleVersions } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';

export type AutomationRuleRow = typeof automationRules.$inferSelect;

/** A stored rule with its parsed definition; `enabled` is the row's (the definition's copy is what was saved). */
export interface StoredAutomationRule {
  ruleId: string;
  version: number;
  enabled: boolean;
  deletedAt: Date | null;
  updatedAt: Date;
  rule: AutomationRule;
}

/** A row that no longer parses (a future release's, or edited by hand) is left out rather than run half-understood. */
function toStored(row: AutomationRuleRow): StoredAutomationRule | undefined {
  const parsed = AutomationRule.safeParse(row.definition);
  if (!parsed.success) return undefined;
  return {
    ruleId: row.ruleId,
    version: row.version,
    enabled: row.enabled,
    deletedAt: row.deletedAt,
    updatedAt: row.updatedAt,
    rule: { ...parsed.data, enabled: row.enabled },
  };
}

/** The team's live rules (not removed), in id order. */
export async function listAutomationRules(db: Executor, tenantId: string): Promise<StoredAutomationRule[]> {
  const rows = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.tenantId, tenantId), isNull(automationRules.deletedAt)))
    .orderBy(asc(automationRules.ruleId));
  return rows.flatMap((row) => toStored(row) ?? []);
}

/** One rule, removed ones included (a waking step must learn its rule is gone). */
export async function getAutomationRule(
  db: Executor,
  tenantId: string,
  ruleId: string,
): Promise<StoredAutomationRule | undefined> {
  const [row] = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.tenantId, tenantId), eq(automationRules.ruleId, ruleId)));
  return row ? toStored(row) : undefined;
}

/** Rules of the team that are on and listen for this event (the partial index `automation_rules_tenant_event_idx`). */
const listening = (tenantId: string, event: TriggerEvent) =>
  and(
    eq(automationRules.tenantId, tenantId),
    eq(automationRules.triggerEvent, event),
    eq(automationRules.enabled, true),
    isNull(automationRules.deletedAt),
  );

/** The enabled rules one kind of event may start. */
export async function enabledRulesFor(
  db: Executor,
  tenantId: string,
  event: TriggerEvent,
): Promise<StoredAutomationRule[]> {
  const rows = await db
    .select()
    .from(automationRules)
    .where(listening(tenantId, event))
    .orderBy(asc(automationRules.ruleId));
  return rows.flatMap((row) => toStored(row) ?? []);
}

/** Does any enabled rule of the team listen for this event? Checked before a trigger job is queued at all. */
export async function hasEnabledRulesFor(db: Executor, tenantId: string, event: TriggerEvent): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(automationRules)
    .where(listening(tenantId, event))
    .limit(1);
  return Boolean(row);
}

/** Tenants with an enabled rule of these events (the tick's work list). */
export async function tenantsWithRulesFor(db: Executor, events: readonly TriggerEvent[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tenantId: automationRules.tenantId })
    .from(automationRules)
    .where(
      and(
        sql`${automationRules.triggerEvent} in ${events}`,
        eq(automationRules.enabled, true),
        isNull(automationRules.deletedAt),
      ),
    );
  return rows.map((r) => r.tenantId);
}

/**
 * Writes one rule as its next version when it differs from what is stored (or was removed), under the row's
 * lock; an identical rule keeps its version. Returns what happened to it.
 */
export async function saveAutomationRule(
  tx: Tx,
  input: { tenantId: string; rule: AutomationRule; actor: string; now: Date },
): Promise<{ ruleId: string; version: number; change: 'added' | 'updated' | 'unchanged' }> {
  const { tenantId, rule, now } = input;
  const [current] = await tx
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.tenantId, tenantId), eq(automationRules.ruleId, rule.id)))
    .for('update');
  const definition = rule as unknown as Record<string, unknown>;
  if (
    current &&
    !current.deletedAt &&
    sameDefinition(current.definition, definition) &&
    current.enabled === rule.enabled
  )
    return { ruleId: rule.id, version: current.version, change: 'unchanged' };
  const version = (current?.version ?? 0) + 1;
  const values = {
    enabled: rule.enabled,
    triggerEvent: rule.when.event,
    definition,
    version,
    deletedAt: null,
    updatedAt: now,
  };
  if (current) await tx.update(automationRules).set(values).where(eq(automationRules.id, current.id));
  else await tx.insert(automationRules).values({ tenantId, ruleId: rule.id, createdAt: now, ...values });
  await tx.insert(automationRuleVersions).values({
    tenantId,
    ruleId: rule.id,
    version,
    enabled: rule.enabled,
    definition,
    actor: input.actor,
    createdAt: now,
  });
  return { ruleId: rule.id, version, change: current && !current.deletedAt ? 'updated' : 'added' };
}

/** Marks a rule removed (PUT of a set without it); its runs keep naming it. */
export async function removeAutomationRule(tx: Tx, tenantId: string, ruleId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(automationRules)
    .set({ deletedAt: now, enabled: false, updatedAt: now })
    .where(
      and(
        eq(automationRules.tenantId, tenantId),
        eq(automationRules.ruleId, ruleId),
        isNull(automationRules.deletedAt),
      ),
    )
    .returning({ id: automationRules.id });
  return rows.length > 0;
}

function sameDefinition(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}
