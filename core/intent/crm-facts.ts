import type { MappedLeadFields } from '../ghl/contact-fields.ts';
import type { LeadFact } from './lead-fact.ts';

/**
 * The facts a CRM contact's mapped fields state, each with the field it came from (its source is
 * `crm:<field>`). Only fields the payload carried: a missing field says nothing.
 */
export function factsFromCrmFields(mapped: MappedLeadFields): Array<{ field: string; fact: LeadFact }> {
  const out: Array<{ field: string; fact: LeadFact }> = [];
  if (mapped.preApproved !== undefined)
    out.push({ field: 'preApproved', fact: { kind: 'pre_approved', value: { approved: mapped.preApproved } } });
  if (mapped.timelineMonths !== undefined)
    out.push({
      field: 'timelineMonths',
      fact: { kind: 'timeline', value: { months: Math.min(120, Math.max(0, Math.round(mapped.timelineMonths))) } },
    });
  if (mapped.budgetMax !== undefined && mapped.budgetMax > 0)
    out.push({ field: 'budgetMax', fact: { kind: 'budget_max', value: Math.round(mapped.budgetMax) } });
  if (mapped.areas?.length) out.push({ field: 'areas', fact: { kind: 'areas', value: mapped.areas.slice(0, 20) } });
  if (mapped.beds !== undefined)
    out.push({ field: 'beds', fact: { kind: 'beds_min', value: Math.min(20, Math.max(0, Math.round(mapped.beds))) } });
  return out;
}
