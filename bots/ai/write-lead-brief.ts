import type { LeadBriefInput } from '../../integrations/openai/lead-brief.ts';
import { extractFeatures } from '../../core/scoring/lead-features.ts';
import { loadLeadSnapshot } from '../../db/queries/leads/lead-snapshot.ts';
import type { LeadDetail } from '../../db/queries/leads/lead-detail.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/**
 * The brief goes to OpenAI only for a tenant that opted in (`settings.ai.enabled`); otherwise the
 * client is built disabled and answers with the deterministic brief without any request. Either
 * way the client's own deadline bounds the wait.
 */
export async function writeBrief(
  rt: Runtime,
  tenantId: string,
  d: LeadDetail,
): Promise<{ text: string; source: 'ai' | 'fallback' }> {
  const tenant = await getTenant(rt.db, tenantId);
  const enabled = tenant?.settings.ai.enabled === true;
  const ai = rt.providers.openai(enabled);
  const loaded = await loadLeadSnapshot(rt.db, tenantId, d.lead.id, rt.clock);
  const l = d.lead;
  const input: LeadBriefInput = {
    firstName: l.firstName ?? l.name.split(/\s+/)[0] ?? null,
    score: l.score,
    temperature: l.temperature,
    reasons: l.reasons.map((r) => ({ text: r.text })),
    source: l.source,
    preApproved: l.preApproved,
    budgetMin: l.budgetMin,
    budgetMax: l.budgetMax,
    timelineMonths: l.timelineMonths,
    areas: l.areas,
    beds: l.beds,
    savedSearchCount: d.savedSearches.length,
    daysSinceHumanContact: loaded ? extractFeatures(loaded.snapshot, rt.clock).days_since_human_contact : null,
    recentMessages: d.activities
      .filter((a) => a.kind === 'message' && a.body && a.direction)
      .slice(0, 6)
      .reverse()
      .map((a) => ({ direction: a.direction!, body: a.body!.slice(0, 500) })),
  };
  const result = await ai.writeLeadBrief(input);
  return { text: result.value, source: result.source };
}
