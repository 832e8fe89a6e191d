import { and, eq } from 'drizzle-orm';
import type { TriggerOccurrence } from '../../../core/automations/automation-trigger.ts';
import type { CrmContact } from '../../../core/ghl/crm-event.ts';
import { leads } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import { recordAudit } from '../audit.ts';

/** Her tags before this update (null: a new contact), read under the same transaction as the upsert. */
export async function tagsOfContact(tx: Tx, tenantId: string, ghlContactId: string): Promise<string[] | null> {
  const [row] = await tx
    .select({ tags: leads.tags })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.ghlContactId, ghlContactId)));
  return row ? row.tags : null;
}

/**
 * What a contact upsert means to automations: a new lead (with her source), and each tag added or removed. A
 * replayed event finds the tags already there and the lead already created, so it triggers nothing.
 */
export function contactTriggers(
  event: { eventId: string; contact: Pick<CrmContact, 'source' | 'tags'> },
  input: { leadId: string; created: boolean; before: string[] | null; at: Date },
): Array<{ leadId: string; trigger: TriggerOccurrence }> {
  const at = input.at.toISOString();
  const out: Array<{ leadId: string; trigger: TriggerOccurrence }> = [];
  if (input.created)
    out.push({
      leadId: input.leadId,
      trigger: { event: 'lead_created', occurrence: 'lead_created', at, source: event.contact.source },
    });
  const lower = (tags: readonly string[]) => new Set(tags.map((t) => t.toLowerCase()));
  const before = lower(input.before ?? []);
  const after = lower(event.contact.tags);
  for (const tag of after)
    if (!before.has(tag))
      out.push({
        leadId: input.leadId,
        trigger: { event: 'tag_added', occurrence: `tag_added:${tag}:${event.eventId}`, at, tag },
      });
  for (const tag of before)
    if (!after.has(tag))
      out.push({
        leadId: input.leadId,
        trigger: { event: 'tag_removed', occurrence: `tag_removed:${tag}:${event.eventId}`, at, tag },
      });
  return out;
}

/** The audit action of a contact's tag change from the CRM: the history the automation dry run replays. */
export const TAGS_CHANGED = 'tags_changed';

/**
 * Keeps what the CRM changed in her tags (one audit line per update that changed any), so a dry run of a tag rule
 * can replay real changes; nothing is written when the tags are the same.
 */
export async function recordTagChanges(
  tx: Tx,
  input: {
    tenantId: string;
    leadId: string;
    eventId: string;
    triggers: ReadonlyArray<{ trigger: TriggerOccurrence }>;
    at: Date;
  },
): Promise<void> {
  const tagsOf = (event: 'tag_added' | 'tag_removed') =>
    input.triggers.flatMap(({ trigger }) => (trigger.event === event && trigger.tag ? [trigger.tag] : []));
  const added = tagsOf('tag_added');
  const removed = tagsOf('tag_removed');
  if (!added.length && !removed.length) return;
  await recordAudit(tx, {
    tenantId: input.tenantId,
    entity: 'lead',
    entityId: input.leadId,
    action: TAGS_CHANGED,
    actor: 'ghl',
    reason: [...added.map((t) => `+${t}`), ...removed.map((t) => `-${t}`)].join(' ').slice(0, 500),
    data: { added, removed, eventId: input.eventId },
    createdAt: input.at,
  });
}
