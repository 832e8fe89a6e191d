import { factsFromCrmFields } from '../../../core/intent/crm-facts.ts';
import { leadFieldsFromFacts } from '../../../core/intent/facts-for-lead.ts';
import { mapCustomFields } from '../../../core/ghl/contact-fields.ts';
import type { CrmContact } from '../../../core/ghl/crm-event.ts';
import type { Tx } from '../../client.ts';
import { currentFacts, lastCrmFact, recordFacts } from '../leads/lead-facts.ts';
import { updateLead } from '../leads.ts';
import type { ApplyContext } from './apply-types.ts';

/**
 * A contact's qualification fields become facts (`crm:<field>`) when their value changed since the
 * CRM last told us, so a contact update that merely repeats an old field does not outvote what the
 * lead said since. The lead's columns are then put back to the current facts: the upsert before
 * this wrote the CRM's copy over them.
 */
export async function recordCrmFacts(
  tx: Tx,
  ctx: ApplyContext,
  input: { leadId: string; contact: CrmContact; at: Date },
): Promise<void> {
  const mapped = mapCustomFields(input.contact.customFields, ctx.settings.ghlFieldMap);
  const now = ctx.clock.now();
  for (const { field, fact } of factsFromCrmFields(mapped)) {
    const last = await lastCrmFact(tx, ctx.tenantId, input.leadId, fact.kind);
    if (last && JSON.stringify(last.value) === JSON.stringify(fact.value)) continue;
    const source = `crm:${field}`;
    await recordFacts(tx, { tenantId: ctx.tenantId, leadId: input.leadId, facts: [fact], source, at: input.at, now });
  }
  const facts = await currentFacts(tx, ctx.tenantId, input.leadId);
  if (facts.length) await updateLead(tx, ctx.tenantId, input.leadId, leadFieldsFromFacts(facts));
}
