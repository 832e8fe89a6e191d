import {
  initialQualificationState,
  QualificationState,
  type QualificationCriteria,
  type QualificationTurn,
} from '../../../core/messaging/qualification-flow.ts';
import type { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import type { QualificationSlots } from '../../../core/messaging/extract-qualification.ts';
import type { Lead, NewLead } from '../leads.ts';

const ZIP = /^\d{5}$/;

/**
 * The assistant's state for a lead: stored in `leads.conversation.qualification`, seeded from what
 * the CRM already knows.
 */
export function qualificationStateOf(lead: Lead): QualificationState {
  const stored = QualificationState.safeParse((lead.conversation ?? {}).qualification);
  if (stored.success) return stored.data;
  const known: QualificationSlots = {
    ...(lead.budgetMin ? { budgetMin: lead.budgetMin } : {}),
    ...(lead.budgetMax ? { budgetMax: lead.budgetMax } : {}),
    ...(lead.beds !== null ? { beds: lead.beds } : {}),
    ...(lead.preApproved !== null ? { preApproved: lead.preApproved } : {}),
    ...(lead.timelineMonths !== null
      ? { timelineMonths: lead.timelineMonths, timeline: `${lead.timelineMonths} months` }
      : {}),
    ...(lead.areas.filter((a) => !ZIP.test(a)).length ? { cities: lead.areas.filter((a) => !ZIP.test(a)) } : {}),
    ...(lead.areas.filter((a) => ZIP.test(a)).length ? { postalCodes: lead.areas.filter((a) => ZIP.test(a)) } : {}),
  };
  return initialQualificationState(known);
}

/** Lead columns for the slots a turn changed, plus the new conversation state. */
export function leadFieldsFromTurn(lead: Lead, turn: QualificationTurn): Partial<NewLead> {
  const u = turn.leadUpdates;
  const s = turn.state.slots;
  return {
    ...(u.budgetMin !== undefined || u.budgetMax !== undefined
      ? {
          budgetMin: s.budgetMin ? Math.round(s.budgetMin) : null,
          budgetMax: s.budgetMax ? Math.round(s.budgetMax) : null,
        }
      : {}),
    ...(u.beds !== undefined ? { beds: u.beds } : {}),
    ...(u.preApproved !== undefined ? { preApproved: u.preApproved } : {}),
    ...(u.timelineMonths !== undefined ? { timelineMonths: Math.round(u.timelineMonths) } : {}),
    ...(u.cities || u.postalCodes ? { areas: [...(s.cities ?? []), ...(s.postalCodes ?? [])] } : {}),
    ...(!lead.postalCode && s.postalCodes?.length ? { postalCode: s.postalCodes[0] } : {}),
    conversation: { ...(lead.conversation ?? {}), qualification: turn.state },
  };
}

/** The assistant asks for budget, beds and areas only; the rest of the search stays open, alerting at once. */
export function searchCriteriaOf(criteria: QualificationCriteria): SavedSearchCriteria {
  return { ...criteria, propertyTypes: [], propertySubTypes: [], keywords: [], frequency: 'instant' };
}

/**
 * Whether the qualification assistant answers a text: only a conversational one (no keyword), and
 * only while no agent owns the lead and the assistant has not handed it off or finished.
 */
export function assistantAnswers(known: Lead | undefined, keyword: string): boolean {
  if (keyword !== 'none') return false;
  return !known || (!known.assigneeId && !['handed_off', 'complete'].includes(qualificationStateOf(known).status));
}
