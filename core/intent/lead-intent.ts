import { z } from 'zod';

export const IntentKind = z.enum(['wants_showing', 'pre_approved', 'asks_for_person', 'just_browsing', 'unknown']);
export type IntentKind = z.infer<typeof IntentKind>;

/** What a lead's message asks for, with how sure the reader (model or rules) is. */
export const LeadIntent = z.object({
  intent: IntentKind,
  confidence: z.number().min(0).max(1),
});
export type LeadIntent = z.infer<typeof LeadIntent>;
