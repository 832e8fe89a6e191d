import type { Tx } from '../../client.ts';
import { addLeadActivity, type NewLeadActivity } from '../leads.ts';
import { ensureLead } from './ensure-lead.ts';
import { noEffects, type ApplyContext, type ApplyEffects } from './apply-types.ts';

/**
 * Notes, tasks and appointments: one activity each on the contact's lead, idempotent on
 * `externalId`. Events with no contact (a task on nobody) change nothing lead-related.
 */
export async function recordActivity(
  tx: Tx,
  ctx: ApplyContext,
  input: {
    contactId: string | null;
    locationId: string | null;
    externalId: string;
    at: Date;
  } & Pick<NewLeadActivity, 'kind' | 'body' | 'actorId' | 'meta'> &
    Partial<Pick<NewLeadActivity, 'listingKey' | 'channel' | 'direction'>>,
): Promise<ApplyEffects> {
  if (!input.contactId) return noEffects('noop', `${input.kind} ${input.externalId} names no contact`);
  const lead = await ensureLead(tx, ctx.tenantId, input.contactId, input.locationId);
  const row = await addLeadActivity(tx, {
    tenantId: ctx.tenantId,
    leadId: lead.id,
    kind: input.kind,
    body: input.body ?? null,
    actorId: input.actorId ?? null,
    human: input.actorId ? true : null,
    listingKey: input.listingKey ?? null,
    channel: input.channel ?? null,
    direction: input.direction ?? null,
    source: ctx.source,
    externalId: input.externalId,
    occurredAt: input.at,
    meta: input.meta ?? {},
  });
  if (!row) return noEffects('noop', `${input.kind} ${input.externalId} was already recorded`);
  return { ...noEffects('applied', `${input.kind} recorded`), rescore: [lead.id] };
}
