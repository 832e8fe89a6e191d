import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import type { Db, Tx } from '../../db/client.ts';
import { ApiCrmEvent, apiEventToCrmEvent } from '../../core/ghl/api-crm-event.ts';
import { applyCrmEvent } from '../../db/queries/crm-apply/apply-crm-event.ts';
import type { ApplyEffects } from '../../db/queries/crm-apply/apply-types.ts';
import { agentByGhlUser, alertsAwaitingContact } from '../../db/queries/crm-apply/lead-alerts.ts';
import { applyAlertAction } from '../../db/queries/alert-actions.ts';
import { getInboundEvent, markInboundEvent, type InboundEvent } from '../../db/queries/inbound-events.ts';
import { getLead } from '../../db/queries/leads.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import type { CrmEvent } from '../../core/ghl/crm-event.ts';
import { maskText } from '../../core/observability/mask.ts';
import { raiseAlert } from '../shared/raise-alert.ts';

/** What a stored inbound event turns into when its job runs. */
export type Interpretation =
  | { kind: 'events'; events: CrmEvent[] }
  | { kind: 'ignored' | 'quarantined'; reason: string };

const GHL_ACTOR = { id: 'ghl', role: 'system' } as const;
/** Collapses a burst of events on one lead into one re-score (pg-boss debounce slot). */
const RESCORE_DEBOUNCE_SECONDS = 2;

/**
 * Runs one stored inbound event through the engine: interpret it, apply it and its follow-ups
 * (re-score, reply alert, speed-to-lead) and mark it processed, all in ONE transaction, so a
 * crash leaves either everything or nothing and the retry starts clean. A failure is recorded on
 * the event (`failed` + reason) and rethrown so pg-boss retries and finally dead-letters it.
 */
export async function processInboundEvent(
  runtime: Runtime,
  inboundEventId: string,
  interpret: (row: InboundEvent) => Interpretation,
): Promise<void> {
  const row = await getInboundEvent(runtime.db, inboundEventId);
  if (!row) throw new Error(`inbound event ${inboundEventId} does not exist`);
  if (row.status === 'processed') return;
  const log = runtime.logger.child({ inboundEventId, provider: row.provider, type: row.type });
  if (!row.tenantId) {
    await markInboundEvent(runtime.db, row.id, 'quarantined', {
      reason: 'no tenant resolved for this event; replay it after adding the tenant',
    });
    return;
  }
  const tenantId = row.tenantId;
  try {
    const interpretation = interpret(row);
    if (interpretation.kind !== 'events') {
      await markInboundEvent(runtime.db, row.id, interpretation.kind, { reason: interpretation.reason });
      return;
    }
    const tenant = await getTenant(runtime.db, tenantId);
    const settings = tenant?.settings ?? {};
    const details: string[] = [];
    await runtime.db.transaction(async (tx) => {
      for (const event of interpretation.events) {
        const effects = await applyCrmEvent(
          tx,
          { tenantId, settings, clock: runtime.clock, source: row.provider === 'ghl' ? 'ghl' : 'api' },
          event,
        );
        details.push(`${effects.outcome}: ${effects.detail}`);
        await followUp(runtime, tx, tenantId, settings, effects);
      }
      await markInboundEvent(tx, row.id, 'processed', {
        reason: details.join('; ').slice(0, 1000),
        processedAt: runtime.clock.now(),
      });
    });
    log.debug({ outcome: details }, 'inbound event applied');
  } catch (error) {
    const reason = maskText(error instanceof Error ? error.message : String(error)).slice(0, 500);
    await markInboundEvent(runtime.db, row.id, 'failed', { reason }).catch(() => {});
    throw error;
  }
}

async function followUp(
  runtime: Runtime,
  tx: Tx,
  tenantId: string,
  settings: Record<string, unknown>,
  effects: ApplyEffects,
): Promise<void> {
  const { queue, clock } = runtime;
  for (const leadId of new Set(effects.replied)) {
    const lead = await getLead(tx, tenantId, leadId);
    await raiseAlert(tx, queue, {
      tenantId,
      clock,
      policy: settings.alerts,
      signal: { type: 'lead_reply', leadId, leadScore: lead?.score ?? undefined },
    });
  }
  for (const contact of effects.humanContact) await markContacted(runtime, tx, tenantId, contact);
  for (const savedSearchId of new Set(effects.searches ?? [])) {
    await queue.enqueue('listing.match', { direction: 'search', tenantId, savedSearchId }, { tx });
  }
  for (const leadId of new Set(effects.rescore)) {
    await queue.enqueue(
      'lead.score',
      { tenantId, leadId, trigger: 'crm_event' },
      {
        tx,
        singletonKey: leadId,
        singletonSeconds: RESCORE_DEBOUNCE_SECONDS,
        singletonNextSlot: true,
      },
    );
  }
}

/**
 * An outbound message typed by a person in the CRM stops the speed-to-lead clock on the lead's
 * alerts. The core life cycle only allows `contact` after a claim or assignment, so an alert still
 * `open` is first assigned to the agent linked to that GHL user (when there is one). Each alert
 * moves in its own savepoint: one that cannot move (already closed by someone) leaves the rest intact.
 */
async function markContacted(
  runtime: Runtime,
  tx: Tx,
  tenantId: string,
  contact: ApplyEffects['humanContact'][number],
): Promise<void> {
  const agent = contact.ghlUserId ? await agentByGhlUser(tx, tenantId, contact.ghlUserId) : undefined;
  const after = async (inner: Tx, alert: { id: string }) => {
    await runtime.queue.enqueue('alert.refresh', { tenantId, alertId: alert.id }, { tx: inner });
  };
  // Nested transaction = savepoint on the worker's transaction.
  const db = tx as unknown as Db;
  for (const alert of await alertsAwaitingContact(tx, tenantId, contact.leadId)) {
    try {
      if (alert.status === 'open') {
        if (!agent) continue;
        await applyAlertAction(db, {
          tenantId,
          alertId: alert.id,
          action: { type: 'assign', targetAgentId: agent.id, reason: 'replied to the lead in GHL' },
          actor: GHL_ACTOR,
          clock: runtime.clock,
        });
      }
      await applyAlertAction(db, {
        tenantId,
        alertId: alert.id,
        action: {
          type: 'contact',
          reason: `human ${contact.ghlUserId ? `GHL user ${contact.ghlUserId}` : 'user'} contacted the lead in the CRM`,
        },
        actor: GHL_ACTOR,
        clock: runtime.clock,
        after,
      });
    } catch (error) {
      runtime.logger.info(
        { alertId: alert.id, err: maskText((error as Error).message) },
        'alert not moved to contacted',
      );
    }
  }
}

/** `crm.event`: events posted to `POST /api/v1/events` by a non-GHL CRM. */
export default defineHandler('crm.event', async (data, { runtime }) => {
  await processInboundEvent(runtime, data.inboundEventId, (row) => {
    let body: unknown;
    try {
      body = JSON.parse(row.rawBody);
    } catch {
      return { kind: 'quarantined', reason: 'stored body is not JSON' };
    }
    const parsed = ApiCrmEvent.safeParse(body);
    if (!parsed.success)
      return {
        kind: 'quarantined',
        reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    return { kind: 'events', events: [apiEventToCrmEvent(parsed.data)] };
  });
});
