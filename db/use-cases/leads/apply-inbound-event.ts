import { tenantSettingsOf } from '../../../core/settings/read-tenant-settings.ts';
import type { TenantSettings } from '../../../core/settings/tenant-settings.ts';
import type { CrmEvent } from '../../../core/ghl/crm-event.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { Logger } from '../../../core/observability/logger.ts';
import { maskText } from '../../../core/observability/mask.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { applyCrmEvent } from '../../queries/crm-apply/apply-crm-event.ts';
import type { ApplyContext, ApplyEffects } from '../../queries/crm-apply/apply-types.ts';
import { agentByGhlUser, alertsAwaitingContact } from '../../queries/crm-apply/lead-alerts.ts';
import { getInboundEvent, markInboundEvent, type InboundEvent } from '../../queries/inbound-events.ts';
import { lockOrderKey } from '../../queries/inbound/lock-order-key.ts';
import { unappliedContactEvents } from '../../queries/inbound/unapplied-contact-events.ts';
import { getLead } from '../../queries/leads.ts';
import { getTenant } from '../../queries/tenants.ts';
import { actOnAlert } from '../alerts/act-on-alert.ts';
import { closeLeadOutcome } from '../alerts/close-lead-outcome.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { queueAutomationTrigger } from '../../queries/automations/queue-automation-trigger.ts';
import { exitRunsOnReply } from '../automations/exit-runs-on-reply.ts';
import { saveSearch } from '../searches/save-search.ts';

/** What a stored inbound event turns into: the adapter that knows its provider's format decides. */
export type Interpretation =
  | { kind: 'events'; events: CrmEvent[] }
  | { kind: 'ignored' | 'quarantined'; reason: string };

export interface ApplyInboundDeps {
  db: Db;
  queue: JobQueue;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
  /** Keys that sign our lead-page links (`secretKeys(env)`): a CRM engagement on one names its listing. */
  leadPageSecret?: readonly string[];
}

const GHL_ACTOR = { id: 'ghl', role: 'system' } as const;

/**
 * Runs one stored inbound event through the engine: interpret it, apply it and its follow-ups
 * (re-score, reply alert, speed-to-lead, the CRM's saved search) and mark it processed, all in ONE
 * transaction, so a crash leaves either everything or nothing and the retry starts clean. A failure
 * is recorded on the event (`failed` + reason) and rethrown so the job retries and finally
 * dead-letters it. The re-score goes in the event's `lane` and carries when the event reached us,
 * so an alert it raises can say how long the lead waited; a reply alert is raised here and keeps it too.
 *
 * An event with an order key (a GHL contact's) is applied in arrival order across every worker process: the
 * transaction first takes the contact's lock, then applies the contact's earlier events still waiting, then this
 * one. pg-boss's group limit alone does not promise that: two processes fetching at the same moment can each
 * claim a job of one group, and jobs stored in one batch share a creation time, so their fetch order is open.
 * @example await applyInboundEvent({ db, queue, clock, log }, { inboundEventId, interpret, lane: 'fast' })
 */
export async function applyInboundEvent(
  deps: ApplyInboundDeps,
  input: { inboundEventId: string; interpret: (row: InboundEvent) => Interpretation; lane: Lane },
): Promise<void> {
  const row = await getInboundEvent(deps.db, input.inboundEventId);
  if (!row) throw new Error(`inbound event ${input.inboundEventId} does not exist`);
  if (row.status === 'processed') return;
  const applied: Applied[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      let current: InboundEvent | undefined = row;
      if (row.orderKey !== null) {
        await lockOrderKey(tx, row.orderKey);
        // Read under the lock: a worker holding a later event of this contact may have applied this one meanwhile.
        const unapplied = await unappliedContactEvents(tx, row);
        current = unapplied.find((e) => e.id === row.id);
        if (!current) return;
        // A failed earlier event is its own job's to retry: it must not hold the contact's later events back.
        for (const earlier of unapplied.filter((e) => e.seq < row.seq && e.status === 'accepted'))
          await applyEarlier(tx, deps, earlier, input, applied);
      }
      const outcome = await applyOne(tx, deps, current, input);
      if (outcome) applied.push(outcome);
    });
  } catch (error) {
    const reason = maskText(error instanceof Error ? error.message : String(error)).slice(0, 500);
    await markInboundEvent(deps.db, row.id, 'failed', { reason }).catch(() => {});
    throw error;
  }
  for (const { event, appliedAt, details } of applied) {
    observeAlertStage(deps.metrics, 'applied', { lane: input.lane, receivedAt: event.receivedAt, at: appliedAt });
    deps.log.debug(
      { inboundEventId: event.id, provider: event.provider, type: event.type, outcome: details },
      'inbound event applied',
    );
  }
}

interface Applied {
  event: InboundEvent;
  appliedAt: Date;
  details: string[];
}

/**
 * An earlier event of the contact, applied ahead of the one whose job runs. In a savepoint: one that fails is
 * marked failed for its own job to retry, and does not stop the events after it.
 */
async function applyEarlier(
  tx: Tx,
  deps: ApplyInboundDeps,
  event: InboundEvent,
  input: { interpret: (row: InboundEvent) => Interpretation; lane: Lane },
  applied: Applied[],
): Promise<void> {
  try {
    const outcome = await tx.transaction((savepoint) => applyOne(savepoint, deps, event, input));
    if (outcome) applied.push(outcome);
  } catch (error) {
    const reason = maskText(error instanceof Error ? error.message : String(error)).slice(0, 500);
    await markInboundEvent(tx, event.id, 'failed', { reason });
    deps.log.warn(
      { inboundEventId: event.id, err: reason },
      'an earlier event of this contact failed; its job retries it',
    );
  }
}

/** Applies one event inside `tx`; what was applied (for metrics), or undefined when it was only marked. */
async function applyOne(
  tx: Tx,
  deps: ApplyInboundDeps,
  row: InboundEvent,
  input: { interpret: (row: InboundEvent) => Interpretation; lane: Lane },
): Promise<Applied | undefined> {
  if (!row.tenantId) {
    await markInboundEvent(tx, row.id, 'quarantined', {
      reason: 'no tenant resolved for this event; replay it after adding the tenant',
    });
    return undefined;
  }
  const tenantId = row.tenantId;
  const interpretation = input.interpret(row);
  if (interpretation.kind !== 'events') {
    await markInboundEvent(tx, row.id, interpretation.kind, { reason: interpretation.reason });
    return undefined;
  }
  const settings = (await getTenant(tx, tenantId))?.settings ?? tenantSettingsOf({});
  const source = row.provider === 'ghl' ? 'ghl' : 'api';
  const details: string[] = [];
  let appliedAt = deps.clock.now();
  for (const event of interpretation.events) {
    const ctx: ApplyContext = { tenantId, settings, clock: deps.clock, source, leadPageSecret: deps.leadPageSecret };
    const effects = await applyCrmEvent(tx, ctx, event);
    details.push(`${effects.outcome}: ${effects.detail}`);
    appliedAt = deps.clock.now();
    const cause = { receivedAt: row.receivedAt, appliedAt };
    await followUp(tx, deps, { tenantId, settings, effects, cause, lane: input.lane });
  }
  await markInboundEvent(tx, row.id, 'processed', {
    reason: details.join('; ').slice(0, 1000),
    processedAt: deps.clock.now(),
  });
  return { event: row, appliedAt, details };
}

async function followUp(
  tx: Tx,
  deps: ApplyInboundDeps,
  input: {
    tenantId: string;
    settings: TenantSettings;
    effects: ApplyEffects;
    cause: { receivedAt: Date; appliedAt: Date };
    lane: Lane;
  },
): Promise<void> {
  const { queue, clock } = deps;
  const { tenantId, effects, cause } = input;
  for (const leadId of new Set(effects.replied)) {
    await exitRunsOnReply({ db: tx, queue, clock }, { tenantId, leadId });
    const lead = await getLead(tx, tenantId, leadId);
    await raiseAlert(
      tx,
      queue,
      {
        tenantId,
        clock,
        policy: input.settings.alerts,
        signal: { type: 'lead_reply', leadId, leadScore: lead?.score ?? undefined },
        cause,
      },
      deps.metrics,
    );
  }
  for (const contact of effects.humanContact) await markContacted(tx, deps, tenantId, contact);
  for (const { leadId, trigger } of effects.automation ?? [])
    await queueAutomationTrigger(tx, queue, { tenantId, leadId, trigger, lane: input.lane });
  for (const { leadId, status } of effects.outcomes ?? []) {
    const why = `opportunity ${status} in GHL`;
    await closeLeadOutcome(tx, deps, { tenantId, leadId, outcome: status, actor: GHL_ACTOR, why });
  }
  for (const { leadId, criteria } of effects.searches ?? []) {
    await saveSearch(
      { db: tx, queue, clock },
      { kind: 'sync', tenantId, leadId, origin: 'ghl', name: 'From CRM fields', criteria },
    );
  }
  const rescore = {
    trigger: 'crm_event',
    receivedAt: cause.receivedAt.toISOString(),
    appliedAt: cause.appliedAt.toISOString(),
  };
  // A message's text is read for facts first and that job re-scores, so the score (and any alert it raises)
  // includes what the lead just said.
  const readFirst = new Set((effects.said ?? []).map((s) => s.leadId));
  for (const { leadId, activityId } of effects.said ?? [])
    await queue.enqueue(
      'lead.facts',
      { tenantId, leadId, activityId, ...rescore },
      { tx, priority: LANE_PRIORITY[input.lane] },
    );
  // A burst of events on one lead waits as one re-score (the queue coalesces queued jobs per lead and lane,
  // jobs/catalogue.ts); nothing waits for a debounce window.
  for (const leadId of new Set(effects.rescore)) {
    if (readFirst.has(leadId)) continue;
    await queue.enqueue('lead.score', { tenantId, leadId, ...rescore }, { tx, priority: LANE_PRIORITY[input.lane] });
  }
}

/**
 * An outbound message typed by a person in the CRM stops the speed-to-lead clock on the lead's
 * alerts. The core life cycle only allows `contact` after a claim or assignment, so an alert still
 * `open` is first assigned to the agent linked to that GHL user (when there is one). Each alert
 * moves in its own savepoint: one that cannot move (already closed by someone) leaves the rest
 * intact. GHL told us, so nothing is written back to GHL.
 */
async function markContacted(
  tx: Tx,
  deps: ApplyInboundDeps,
  tenantId: string,
  contact: ApplyEffects['humanContact'][number],
): Promise<void> {
  const agent = contact.ghlUserId ? await agentByGhlUser(tx, tenantId, contact.ghlUserId) : undefined;
  // db: tx makes each action a savepoint of this transaction.
  const alertDeps = { db: tx, queue: deps.queue, clock: deps.clock };
  const fromGhl = { writeBackToGhl: false };
  for (const alert of await alertsAwaitingContact(tx, tenantId, contact.leadId)) {
    try {
      if (alert.status === 'open') {
        if (!agent) continue;
        const assign = { type: 'assign', targetAgentId: agent.id, reason: 'replied to the lead in GHL' } as const;
        await actOnAlert(alertDeps, { tenantId, alertId: alert.id, action: assign, actor: GHL_ACTOR }, fromGhl);
      }
      const by = contact.ghlUserId ? `GHL user ${contact.ghlUserId}` : 'user';
      const contacted = { type: 'contact', reason: `human ${by} contacted the lead in the CRM` } as const;
      await actOnAlert(alertDeps, { tenantId, alertId: alert.id, action: contacted, actor: GHL_ACTOR }, fromGhl);
    } catch (error) {
      deps.log.info({ alertId: alert.id, err: maskText((error as Error).message) }, 'alert not moved to contacted');
    }
  }
}
