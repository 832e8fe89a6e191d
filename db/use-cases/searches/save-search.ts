import { AppError } from '../../../core/errors/app-error.ts';
import type { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { getLiveLead } from '../../queries/leads.ts';
import {
  activeSearchFrom,
  createSavedSearch,
  criteriaValues,
  updateSavedSearch,
  type SavedSearchRow,
  type SearchOrigin,
} from '../../queries/saved-searches.ts';

export interface SaveSearchDeps {
  /** The database, or the caller's open transaction (the search then commits with the caller's rows). */
  db: Executor;
  queue: JobQueue;
  clock: Clock;
}

export type SaveSearchInput = {
  tenantId: string;
  criteria: SavedSearchCriteria;
  name?: string;
  /**
   * false: do not match the listings already stored. Only for seeding a team whose market is
   * already there: that market is not news, its changes will be.
   */
  matchNow?: boolean;
} & (
  | { kind: 'create'; leadId: string; origin: SearchOrigin }
  | { kind: 'update'; id: string }
  /** The lead's one search from this door (CRM fields, SMS assistant): created, or rewritten when it changed. */
  | { kind: 'sync'; leadId: string; origin: SearchOrigin }
);

export interface SaveSearchResult {
  search: SavedSearchRow;
  /** False when a sync found the stored criteria already equal: nothing new to match. */
  changed: boolean;
}

/**
 * The one way a saved search is written, whichever door it came through (REST, `/alert` in chat,
 * the SMS assistant, CRM fields). A new or changed search queues `listing.match` in the same
 * transaction, so it never exists without its first matching pass.
 * @example await saveSearch({ db, queue, clock }, { kind: 'create', tenantId, leadId, origin: 'api', criteria })
 */
export async function saveSearch(deps: SaveSearchDeps, input: SaveSearchInput): Promise<SaveSearchResult> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const result = await write(tx, input, now);
    if (result.changed && input.matchNow !== false)
      await deps.queue.enqueue(
        'listing.match',
        { direction: 'search', tenantId: input.tenantId, savedSearchId: result.search.id },
        { tx },
      );
    return result;
  });
}

async function write(db: Executor, input: SaveSearchInput, now: Date): Promise<SaveSearchResult> {
  const { tenantId, criteria, name } = input;
  if (input.kind === 'update') {
    const search = await updateSavedSearch(db, { tenantId, id: input.id, criteria, name, now });
    if (!search) throw new AppError('not_found', 'No such saved search');
    return { search, changed: true };
  }
  if (!(await getLiveLead(db, tenantId, input.leadId)))
    throw new AppError('validation_failed', `leadId: no lead ${input.leadId} in this team`);
  const { leadId, origin } = input;
  const existing = input.kind === 'sync' ? await activeSearchFrom(db, { tenantId, leadId, origin }) : undefined;
  if (!existing) {
    const search = await createSavedSearch(db, { tenantId, leadId, origin, criteria, name, now });
    return { search, changed: true };
  }
  if (sameCriteria(existing, criteria)) return { search: existing, changed: false };
  const search = await updateSavedSearch(db, { tenantId, id: existing.id, criteria, name, now });
  return { search: search ?? existing, changed: true };
}

function sameCriteria(row: SavedSearchRow, criteria: SavedSearchCriteria): boolean {
  const wanted = criteriaValues(criteria);
  return (Object.keys(wanted) as Array<keyof typeof wanted>).every(
    (k) => JSON.stringify(row[k]) === JSON.stringify(wanted[k]),
  );
}
