import type { Listing } from '../../core/listings/listing.ts';
import { CandidateIndex } from '../../core/matching/candidate-index.ts';
import { createSearchCompactor } from '../../core/matching/compact-search.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { SavedSearch } from '../../core/search/saved-search.ts';
import type { Database } from '../../db/client.ts';
import { listenTo, type Listener } from '../../db/listen.ts';
import {
  activeSearchesByIds,
  activeSearchesPage,
  parseSavedSearchChange,
  SAVED_SEARCH_CHANNEL,
  savedSearchVersion,
  type SavedSearchChange,
} from '../../db/queries/saved-searches-changes.ts';
import type { SearchCandidateSource } from '../../db/use-cases/listings/match-listing-change.ts';

export interface SavedSearchIndexOptions {
  log?: Pick<Logger, 'warn'>;
  /** Searches read per query while loading a tenant; default 1000. */
  pageSize?: number;
  /**
   * How long a tenant's copy may disagree with the database's version, with nothing left to apply, before it
   * is reloaded instead of waiting for a NOTIFY that is not coming; default 2 s.
   */
  staleAfterMs?: number;
  /** After a failed load or listen, how long lookups go to the database without retrying; default 5 s. */
  retryAfterMs?: number;
  /** A tenant's copy no lookup asked for in this long is dropped and its memory freed; default 30 min. */
  idleAfterMs?: number;
  /**
   * Searches held across all tenants; when a load goes past it, the least recently used other tenants are
   * dropped (a single tenant bigger than this is still held); default 400,000.
   */
  maxSearches?: number;
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number;
}

export interface SavedSearchIndex extends SearchCandidateSource {
  /** The version the tenant's copy is at, or null while it is not loaded (tests, diagnostics). */
  versionOf(tenantId: string): number | null;
  close(): Promise<void>;
}

/** One tenant's copy. `version` is null while the first load runs; `pending` holds NOTIFYs not applied yet. */
interface TenantCopy {
  index: CandidateIndex;
  version: number | null;
  pending: SavedSearchChange[];
  applying: boolean;
  /** When a lookup first found the database at another version, since the copy last moved. */
  mismatchSince: number | null;
  /** When a lookup last asked for this tenant. */
  usedAt: number;
}

/** A page that waited behind slow lookups (PGlite) would otherwise pause the load for as long. */
const PAGE_PAUSE_MAX_MS = 100;
/** Ids fetched per catch-up query: a burst of edits is applied in a few reads, not one per NOTIFY. */
const MAX_IDS_PER_CATCH_UP = 500;

/**
 * Each worker process's copy of its tenants' active saved searches, bucketed for the listing → searches
 * prefilter (core/matching/candidate-index.ts), so a listing change is matched without a query over 100k rows.
 *
 * Kept current by the saved-search change feed (migration 0016): every write to saved_searches, by any query,
 * bumps the tenant's version and NOTIFYs it with the ids written, on commit. The copy applies each NOTIFY by
 * re-reading those ids, and answers a lookup only when it is at exactly the version the caller read beside the
 * listing; otherwise (loading, a NOTIFY still in flight, one lost) the caller uses the SQL prefilter, so a match is
 * never slower than without the index nor different from it. A gap in the versions, a bulk write, a reconnect of
 * the listener or a disagreement that outlasts `staleAfterMs` reloads the tenant in the background.
 *
 * Nothing is loaded until a lookup found a tenant cold and was answered by SQL (`warm`), so processes that never
 * match listings hold nothing, and that first match never waits for the load. A tenant no lookup asked for in
 * `idleAfterMs` is dropped, and past `maxSearches` the least recently used ones are, so a worker's memory follows
 * the tenants it is matching for, not every tenant it ever matched for.
 * @example const index = createSavedSearchIndex(database, { log }); index.candidates(tenantId, listing, version)
 */
export function createSavedSearchIndex(database: Database, options: SavedSearchIndexOptions = {}): SavedSearchIndex {
  const pageSize = options.pageSize ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 2000;
  const retryAfterMs = options.retryAfterMs ?? 5000;
  const now = options.now ?? (() => performance.now());
  const idleAfterMs = options.idleAfterMs ?? 30 * 60_000;
  const maxSearches = options.maxSearches ?? 400_000;
  // Idle copies are looked for on lookups, not by a timer: a process that stops matching stops paying too.
  const sweepEveryMs = Math.min(idleAfterMs, 60_000);
  let sweptAt = now();
  const { db } = database;
  const tenants = new Map<string, TenantCopy>();
  const running = new Set<Promise<void>>();
  // One per process: every tenant's searches share the same lists and words.
  const compact = createSearchCompactor();
  let listener: Promise<Listener> | undefined;
  let quietUntil = -Infinity;
  let closed = false;

  const warn = (error: unknown, message: string) => {
    if (!closed) options.log?.warn({ err: error }, message);
  };
  /** Background work: never rejects, and `close` waits for it. */
  const track = (work: Promise<void>) => {
    const done = work
      .catch((error) => warn(error, 'saved-search index work failed'))
      .finally(() => running.delete(done));
    running.add(done);
  };
  const current = (tenantId: string, copy: TenantCopy) => !closed && tenants.get(tenantId) === copy;

  const listen = (): Promise<Listener> => {
    listener ??= listenTo(database, SAVED_SEARCH_CHANNEL, onNotify, {
      // Notifications sent while the connection was down are gone: every copy may be behind.
      onResync: () => {
        for (const tenantId of [...tenants.keys()]) reload(tenantId);
      },
      onError: (error) => warn(error, 'saved-search change listener lost; reconnecting'),
    }).catch((error: unknown) => {
      listener = undefined;
      throw error;
    });
    return listener;
  };

  function onNotify(payload: string): void {
    const change = parseSavedSearchChange(payload);
    const copy = change && tenants.get(change.tenantId);
    if (!change || !copy) return;
    copy.pending.push(change);
    if (copy.version !== null && !copy.applying) track(catchUp(change.tenantId, copy));
  }

  function reload(tenantId: string): void {
    if (closed) return;
    const copy: TenantCopy = {
      index: new CandidateIndex(),
      version: null,
      pending: [],
      applying: false,
      mismatchSince: null,
      usedAt: tenants.get(tenantId)?.usedAt ?? now(),
    };
    tenants.set(tenantId, copy);
    track(
      load(tenantId, copy).catch((error: unknown) => {
        // Lookups go to the database until the quiet period ends, then the next one tries again.
        if (tenants.get(tenantId) === copy) tenants.delete(tenantId);
        quietUntil = now() + retryAfterMs;
        throw error;
      }),
    );
  }

  /**
   * Listening starts before the version is read, and every search committed up to that version is in the
   * pages read after it; a later write arrives as a NOTIFY with a higher version and is applied on top.
   */
  async function load(tenantId: string, copy: TenantCopy): Promise<void> {
    await listen();
    if (!current(tenantId, copy)) return;
    const version = await savedSearchVersion(db, tenantId);
    // A page at a time. On PostgreSQL each page is followed by a pause as long as it took (up to
    // PAGE_PAUSE_MAX_MS), so lookups answered by SQL meanwhile share the CPU (this event loop, the server) with
    // a load at half speed. PGlite runs one query at a time, in order, so there a lookup waits behind at most
    // one page anyway; and its queries resolve without ever leaving the microtask queue, so a run of lookups
    // would starve a timer, and the load with it, for as long as the run lasts.
    const pause = database.kind === 'postgres';
    for (let after = ''; ; ) {
      const started = now();
      const page = await activeSearchesPage(db, tenantId, after, pageSize);
      if (!current(tenantId, copy)) return;
      for (const search of page) copy.index.upsert(compact(search));
      if (page.length < pageSize) break;
      after = page[page.length - 1].id;
      if (pause) await new Promise((resolve) => setTimeout(resolve, Math.min(now() - started, PAGE_PAUSE_MAX_MS)));
    }
    copy.version = version;
    makeRoomBeside(tenantId);
    await catchUp(tenantId, copy);
  }

  /** Past `maxSearches`, drops the least recently used other tenants until the rest fit. */
  function makeRoomBeside(tenantId: string): void {
    let held = 0;
    for (const copy of tenants.values()) held += copy.index.size;
    const others = [...tenants].filter(([id]) => id !== tenantId).sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [id, copy] of others) {
      if (held <= maxSearches) break;
      tenants.delete(id);
      held -= copy.index.size;
    }
  }

  /** Drops the copies no lookup asked for in `idleAfterMs`; a load still running for one stops at its next page. */
  function dropIdle(at: number): void {
    if (at - sweptAt < sweepEveryMs) return;
    sweptAt = at;
    for (const [id, copy] of tenants) if (at - copy.usedAt >= idleAfterMs) tenants.delete(id);
  }

  /** Applies pending NOTIFYs in version order; a gap or a write too big to list reloads the tenant. */
  async function catchUp(tenantId: string, copy: TenantCopy): Promise<void> {
    if (copy.applying || copy.version === null) return;
    copy.applying = true;
    try {
      while (copy.pending.length > 0 && current(tenantId, copy)) {
        let version: number = copy.version;
        const ids = new Set<string>();
        while (copy.pending.length > 0 && ids.size < MAX_IDS_PER_CATCH_UP) {
          const next = copy.pending[0];
          // Already in the pages the load read.
          if (next.version <= version) {
            copy.pending.shift();
            continue;
          }
          if (next.version !== version + 1 || next.ids === null) return reload(tenantId);
          copy.pending.shift();
          version = next.version;
          for (const id of next.ids) ids.add(id);
        }
        if (version === copy.version) continue;
        const fresh = await activeSearchesByIds(db, tenantId, [...ids]);
        if (!current(tenantId, copy)) return;
        // Ids not read back were deleted or paused.
        for (const id of ids) copy.index.remove(id);
        for (const search of fresh) copy.index.upsert(compact(search));
        copy.version = version;
        copy.mismatchSince = null;
      }
    } catch (error) {
      // The NOTIFYs taken off the queue are not applied: only a reload can make the copy whole again.
      if (current(tenantId, copy)) reload(tenantId);
      throw error;
    } finally {
      copy.applying = false;
    }
  }

  return {
    candidates(tenantId: string, listing: Listing, version: number): readonly SavedSearch[] | null {
      if (closed) return null;
      const at = now();
      dropIdle(at);
      const copy = tenants.get(tenantId);
      if (!copy) return null;
      copy.usedAt = at;
      if (copy.version === version) {
        copy.mismatchSince = null;
        return copy.index.candidates(listing);
      }
      if (copy.version === null || copy.applying || copy.pending.length > 0) return null;
      // Behind with nothing to apply (a lost NOTIFY), or ahead of what the caller read (a NOTIFY that beat the
      // caller's read, which the next lookup will agree with; or a database that went back to an older state).
      copy.mismatchSince ??= at;
      if (at - copy.mismatchSince >= staleAfterMs) reload(tenantId);
      return null;
    },

    warm(tenantId: string): void {
      const at = now();
      dropIdle(at);
      const copy = tenants.get(tenantId);
      if (copy) copy.usedAt = at;
      else if (!closed && at >= quietUntil) reload(tenantId);
    },

    versionOf(tenantId: string): number | null {
      return tenants.get(tenantId)?.version ?? null;
    },

    async close(): Promise<void> {
      closed = true;
      tenants.clear();
      const live = listener;
      listener = undefined;
      await Promise.allSettled([...running]);
      await live?.then((l) => l.close()).catch(() => {});
    },
  };
}
