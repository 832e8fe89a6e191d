import { leadFieldsFromFacts, searchFromFacts } from '../../../core/intent/facts-for-lead.ts';
import type { LeadFact, LeadFactKind } from '../../../core/intent/lead-fact.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { setConsent } from '../../queries/consent.ts';
import { currentFacts, recordFacts } from '../../queries/leads/lead-facts.ts';
import { getLiveLead, updateLead } from '../../queries/leads.ts';
import { activeSearchFrom, type SavedSearchRow } from '../../queries/saved-searches.ts';
import { saveSearch } from '../searches/save-search.ts';

export interface RecordLeadFactsInput {
  tenantId: string;
  leadId: string;
  facts: LeadFact[];
  /** The message id the facts were read from, or `crm:<field>`. */
  source: string;
  /** When it was said. */
  at: Date;
  /** Re-score afterwards (the message's own re-score waits for its facts), with the inbound event behind it. */
  rescore?: { trigger: string; lane: Lane; receivedAt?: Date; appliedAt?: Date };
}

export interface RecordLeadFactsResult {
  /** Kinds this statement made current. */
  changed: LeadFactKind[];
  searchChanged: boolean;
}

const SEARCH_KINDS: ReadonlySet<LeadFactKind> = new Set(['budget_max', 'areas', 'beds_min']);

/**
 * What a lead said becomes what we know about her, in one transaction: the dated facts, the lead
 * columns scoring and matching read, her conversation search, a wrong number taken out of every
 * future text, and the re-score that must see all of it before any alert it raises is drawn.
 * @example await recordLeadFacts({ db, queue, clock }, { tenantId, leadId, facts, source: sid, at, rescore })
 */
export async function recordLeadFacts(
  deps: { db: Db | Tx; queue: JobQueue; clock: Clock },
  input: RecordLeadFactsInput,
): Promise<RecordLeadFactsResult | null> {
  const { tenantId, leadId } = input;
  return deps.db.transaction(async (tx) => {
    const lead = await getLiveLead(tx, tenantId, leadId);
    if (!lead) return null;
    const now = deps.clock.now();
    const changed = await recordFacts(tx, {
      tenantId,
      leadId,
      facts: input.facts,
      source: input.source,
      at: input.at,
      now,
    });
    let searchChanged = false;
    if (changed.length) {
      const facts = await currentFacts(tx, tenantId, leadId);
      await updateLead(tx, tenantId, leadId, leadFieldsFromFacts(facts));
      if (changed.some((k) => SEARCH_KINDS.has(k))) {
        const existing = await activeSearchFrom(tx, { tenantId, leadId, origin: 'sms' });
        const criteria = searchFromFacts(facts, existing ? criteriaOf(existing) : {});
        if (criteria) {
          const saved = await saveSearch(
            { db: tx, queue: deps.queue, clock: deps.clock },
            {
              kind: 'sync',
              tenantId,
              leadId,
              origin: 'sms',
              name: existing?.name ?? 'From what the lead said',
              criteria,
            },
          );
          searchChanged = saved.changed;
        }
      }
      // The number reaches someone else: no text of ours, automated or typed, should go to it again.
      if (changed.includes('wrong_number') && lead.phone)
        await setConsent(tx, {
          tenantId,
          channel: 'sms',
          address: lead.phone,
          status: 'suppressed',
          source: 'lead_fact',
          reason: `wrong number (said in ${input.source})`,
        });
      await recordAudit(tx, {
        tenantId,
        entity: 'lead',
        entityId: leadId,
        action: 'facts_recorded',
        actor: 'system',
        reason: `${changed.join(', ')} from ${input.source}`,
        data: { kinds: changed, source: input.source, at: input.at.toISOString() },
      });
    }
    if (input.rescore) {
      const { trigger, lane, receivedAt, appliedAt } = input.rescore;
      await deps.queue.enqueue(
        'lead.score',
        {
          tenantId,
          leadId,
          trigger,
          ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
          ...(appliedAt ? { appliedAt: appliedAt.toISOString() } : {}),
        },
        { tx, priority: LANE_PRIORITY[lane] },
      );
    }
    return { changed, searchChanged };
  });
}

function criteriaOf(row: SavedSearchRow): Partial<SavedSearchCriteria> {
  const present = <T>(v: T | null) => (v === null ? undefined : v);
  return {
    minPrice: present(row.minPrice),
    maxPrice: present(row.maxPrice),
    minBeds: present(row.minBeds),
    minBaths: present(row.minBaths),
    minLivingArea: present(row.minLivingArea),
    cities: row.cities,
    postalCodes: row.postalCodes,
    ...(row.nearLat !== null && row.nearLon !== null && row.nearMiles !== null
      ? { near: { lat: row.nearLat, lon: row.nearLon, miles: row.nearMiles } }
      : {}),
    propertyTypes: row.propertyTypes as SavedSearchCriteria['propertyTypes'],
    propertySubTypes: row.propertySubTypes as SavedSearchCriteria['propertySubTypes'],
    keywords: row.keywords,
    frequency: row.frequency as SavedSearchCriteria['frequency'],
  };
}
