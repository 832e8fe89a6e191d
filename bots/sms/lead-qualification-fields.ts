import {
  initialQualificationState,
  QualificationState,
  type QualificationTurn,
} from '../../core/messaging/qualification-flow.ts';
import type { QualificationSlots } from '../../core/messaging/extract-qualification.ts';
import type { Lead, NewLead } from '../../db/queries/leads.ts';

const ZIP = /^\d{5}$/;

/** The assistant's state for a lead: stored in `leads.conversation.qualification`, seeded from what the CRM already knows. */
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
