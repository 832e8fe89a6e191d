import type { QualificationExtraction } from '../../core/messaging/extract-qualification.ts';
import { OpenAiClient } from '../../integrations/openai/openai-client.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { messagingSettings } from '../../core/messaging/messaging-settings.ts';

const CONFIDENT = 0.6;

/**
 * What the model reads in one text, in the qualification flow's shape, or undefined when the
 * tenant has not enabled AI, no key is configured, or the model failed (the flow's own
 * deterministic parse then stands alone). No lead text leaves the process unless the tenant opted in.
 */
export async function aiQualification(
  runtime: Runtime,
  tenant: Tenant,
  text: string,
): Promise<QualificationExtraction | undefined> {
  const enabled = messagingSettings(tenant).ai.enabled;
  if (!enabled || !runtime.env.OPENAI_API_KEY) return undefined;
  const ai = new OpenAiClient({
    enabled,
    apiKey: runtime.env.OPENAI_API_KEY,
    baseURL: runtime.env.OPENAI_BASE_URL,
    model: runtime.env.OPENAI_MODEL,
    logger: runtime.logger,
  });
  const [criteria, intent] = await Promise.all([ai.extractCriteria(text), ai.extractIntent(text)]);
  if (criteria.source !== 'ai' && intent.source !== 'ai') return undefined;
  const slots: QualificationExtraction['slots'] = {};
  if (criteria.source === 'ai') {
    const c = criteria.value;
    if (c.minPrice) slots.budgetMin = c.minPrice;
    if (c.maxPrice) slots.budgetMax = c.maxPrice;
    if (c.minBeds !== undefined) slots.beds = c.minBeds;
    if (c.cities.length) slots.cities = c.cities;
    if (c.postalCodes.length) slots.postalCodes = c.postalCodes;
    if (c.timelineMonths !== undefined)
      Object.assign(slots, {
        timelineMonths: c.timelineMonths,
        timeline: c.timelineMonths === 0 ? 'ASAP' : `${c.timelineMonths} months`,
      });
    if (c.preApproved !== undefined) slots.preApproved = c.preApproved;
  }
  const sure = intent.source === 'ai' && intent.value.confidence >= CONFIDENT;
  return {
    slots,
    intents: {
      wantsShowing: sure && intent.value.intent === 'wants_showing',
      wantsPerson: sure && intent.value.intent === 'asks_for_person',
    },
  };
}
