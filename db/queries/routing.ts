import { and, asc, count, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { alerts, agents, routingRules, routingState } from '../schema/index.ts';
import type { Executor, Tx } from '../client.ts';
import { TERMINAL_STATUSES } from '../../core/alerts/alert-types.ts';
import { parseRoutingRules, RoutingRules } from '../../core/routing/routing-rule.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { RoutingAgent, RoutingState } from '../../core/routing/routing-types.ts';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';
import type { Agent } from './tenants.ts';

/**
 * The table a tenant gets until it writes its own: offer every alert to every active agent; if
 * nobody claims within 5 minutes, round robin over the same agents, then the managers.
 */
export const DEFAULT_ROUTING_RULES: RoutingRules = parseRoutingRules([
  {
    id: 'default',
    name: 'Default: first to claim, everyone',
    position: 0,
    condition: null,
    strategy: 'first_to_claim',
    pool: {},
  },
]);

/** The tenant's rules in position order, validated; the default table when it has none. */
export async function loadRoutingRules(
  db: Executor,
  tenantId: string,
): Promise<{ rules: RoutingRules; isDefault: boolean }> {
  const rows = await db
    .select()
    .from(routingRules)
    .where(eq(routingRules.tenantId, tenantId))
    .orderBy(asc(routingRules.position));
  if (rows.length === 0) return { rules: DEFAULT_ROUTING_RULES, isDefault: true };
  return {
    rules: parseRoutingRules(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        position: r.position,
        enabled: r.enabled,
        condition: r.condition ?? null,
        strategy: r.strategy,
        pool: r.pool,
      })),
    ),
    isDefault: false,
  };
}

/**
 * Validates and replaces a tenant's whole table in one transaction (rules are edited as a
 * document, so there is never a half-written table with no catch-all).
 */
export async function replaceRoutingRules(tx: Tx, tenantId: string, input: unknown): Promise<RoutingRules> {
  const rules = validateRoutingRules(input);
  await tx.delete(routingRules).where(eq(routingRules.tenantId, tenantId));
  if (rules.length > 0) {
    await tx.insert(routingRules).values(
      rules.map((r) => ({
        id: r.id,
        tenantId,
        position: r.position,
        name: r.name,
        condition: r.condition,
        strategy: r.strategy,
        pool: r.pool,
        enabled: r.enabled,
      })),
    );
  }
  return rules;
}

/**
 * Like parseRoutingRules, but every problem names the rule it is in by number and name
 * (`rule 2 "VIP": strategy: Invalid option`), since people edit these by hand.
 */
export function validateRoutingRules(input: unknown): RoutingRules {
  if (!Array.isArray(input)) throw new AppError('validation_failed', 'routing rules must be a list of rules');
  const result = RoutingRules.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') return issue.message;
    const name = (input[index] as { name?: unknown } | undefined)?.name;
    return `rule ${index + 1}${typeof name === 'string' ? ` "${name}"` : ''}: ${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}`;
  });
  throw new AppError('validation_failed', `invalid routing rules: ${problems.join('; ')}`, { issues: problems });
}

/**
 * Rules as users write them: positions default to list order and ids are ours. An id is kept only
 * when it is already one of this tenant's rules (so a GET → edit → PUT keeps round-robin turns);
 * any other id is replaced, since ids are global keys and must never collide with another team's.
 */
export function withRuleIds(input: unknown, existingIds: ReadonlySet<string>, makeId: () => string): unknown {
  if (!Array.isArray(input)) return input;
  const kept = new Set<string>();
  return input.map((rule, index) => {
    if (!rule || typeof rule !== 'object') return rule;
    const r = rule as Record<string, unknown>;
    // An id repeated in one list is kept once; the copy gets a fresh id rather than a key clash.
    const id = typeof r.id === 'string' && existingIds.has(r.id) && !kept.has(r.id) ? r.id : makeId();
    kept.add(id);
    return { ...r, id, position: r.position ?? (index + 1) * 10 };
  });
}

export const toRoutingAgent = (a: Agent): RoutingAgent => ({
  id: a.id,
  name: a.name,
  role: a.role,
  areas: a.areas,
  skills: a.skills,
  languages: a.languages,
  timezone: a.timezone,
  workingHours: (a.workingHours ?? null) as WorkingHours | null,
  paused: a.paused,
  vacationUntil: a.vacationUntil,
  maxOpenAlerts: a.maxOpenAlerts,
  weight: a.weight,
  active: a.active,
});

/** Alerts each agent holds that are not closed yet (their load, and the `max_open_alerts` cap). */
export async function openAlertCounts(db: Executor, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ agentId: alerts.assigneeId, n: count() })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        isNotNull(alerts.assigneeId),
        notInArray(alerts.status, [...TERMINAL_STATUSES]),
      ),
    )
    .groupBy(alerts.assigneeId);
  return Object.fromEntries(rows.map((r) => [r.agentId!, Number(r.n)]));
}

/**
 * Reads the tenant's routing state under a row lock (creating the row on first use). Held until
 * the routing transaction commits, so concurrent routings for one tenant queue up here and each
 * sees the turn and the open counts the previous one left.
 */
export async function lockRoutingState(tx: Tx, tenantId: string): Promise<RoutingState> {
  await tx.insert(routingState).values({ tenantId }).onConflictDoNothing();
  const [row] = await tx.select().from(routingState).where(eq(routingState.tenantId, tenantId)).for('update');
  return { roundRobin: row.roundRobin, openAlerts: await openAlertCounts(tx, tenantId) };
}

export async function saveRoutingState(tx: Tx, tenantId: string, state: RoutingState, now: Date): Promise<void> {
  await tx
    .update(routingState)
    .set({ roundRobin: state.roundRobin, updatedAt: now })
    .where(eq(routingState.tenantId, tenantId));
}

export async function agentsByIds(db: Executor, tenantId: string, ids: string[]): Promise<Agent[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), inArray(agents.id, ids)));
}
