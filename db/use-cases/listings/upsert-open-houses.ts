import { openHouseNews } from '../../../core/listings/open-house-news.ts';
import type { OpenHouse } from '../../../core/listings/open-house.ts';
import { createHash } from 'node:crypto';
import { validateOpenHouseRow } from '../../../core/listings/validate-open-house-row.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { queueListingTriggers } from '../../queries/automations/queue-listing-triggers.ts';
import { leadsMatchedToListing } from '../../queries/listings/matches.ts';
import {
  lockOpenHouses,
  openHouseValues,
  writeOpenHouses,
  type OpenHouseRow,
} from '../../queries/listings/open-houses.ts';

export interface UpsertOpenHousesResult {
  /** Open houses inserted or replaced by a newer version. */
  upserted: number;
  /** Open houses announced now to the leads who care about their home (new or moved, public, still ahead). */
  announced: number;
  /** One entry per problem; `index` is the position in the input. */
  rejected: Array<{ index: number; field: string; message: string }>;
  /** Valid rows whose ModificationTimestamp is not newer than the stored version (replays). */
  unchanged: number;
}

const CHUNK = 500;

/**
 * The one door for RESO OpenHouse records (the feed, the REST batch). Per chunk, in one transaction: validate
 * every row, lock the stored versions, skip replays, write the newest, and for an open house that is news (new,
 * or moved to another time, public and still ahead) queue the `listing_event` `open_house` trigger for the leads
 * whose search matched the home and those who viewed it, so a rolled-back chunk announces nothing. The occurrence
 * names the open house and its start: a replay starts no second run, a rescheduled one does.
 * @example await upsertOpenHouses({ db, queue, clock }, { tenantId, openHouses: page.records })
 */
export async function upsertOpenHouses(
  deps: { db: Db; queue: JobQueue; clock: Clock },
  input: { tenantId: string; openHouses: readonly unknown[] },
): Promise<UpsertOpenHousesResult> {
  const result: UpsertOpenHousesResult = { upserted: 0, announced: 0, rejected: [], unchanged: 0 };
  for (let start = 0; start < input.openHouses.length; start += CHUNK) {
    const good: OpenHouse[] = [];
    input.openHouses.slice(start, start + CHUNK).forEach((row, offset) => {
      const checked = validateOpenHouseRow(row);
      if (checked.ok) good.push(checked.openHouse);
      else for (const p of checked.problems) result.rejected.push({ index: start + offset, ...p });
    });
    if (good.length) await deps.db.transaction((tx) => upsertChunk(tx, deps, input.tenantId, good, result));
  }
  return result;
}

async function upsertChunk(
  tx: Tx,
  deps: { queue: JobQueue; clock: Clock },
  tenantId: string,
  good: OpenHouse[],
  result: UpsertOpenHousesResult,
): Promise<void> {
  const now = deps.clock.now();
  const stored = await lockOpenHouses(tx, tenantId, [...new Set(good.map((o) => o.OpenHouseKey))]);
  // A key twice in one chunk: only its newest version is written, compared with what was stored before.
  const newest = new Map<string, ReturnType<typeof openHouseValues>>();
  for (const o of good) {
    const previous = newest.get(o.OpenHouseKey) ?? stored.get(o.OpenHouseKey);
    if (previous && !(Date.parse(o.ModificationTimestamp) > previous.modificationTimestamp.getTime())) {
      result.unchanged++;
      continue;
    }
    newest.set(o.OpenHouseKey, openHouseValues(tenantId, o, now));
  }
  const written = await writeOpenHouses(tx, [...newest.values()]);
  result.upserted += written.size;
  for (const key of written) {
    const next = newest.get(key);
    if (!next || !openHouseNews(scheduleOf(stored.get(key)), next, now)) continue;
    await queueListingTriggers(tx, deps.queue, {
      tenantId,
      listingKey: next.listingKey,
      event: 'open_house',
      occurrence: occurrenceOf(key, next.startsAt),
      openHouseKey: key,
      matchedLeadIds: await leadsMatchedToListing(tx, tenantId, next.listingKey),
      now,
    });
    result.announced++;
  }
}

const scheduleOf = (row: OpenHouseRow | undefined) =>
  row ? { startsAt: row.startsAt, status: row.status, type: row.type } : null;

/** Occurrence ids are capped at 300 characters; a key long enough to pass that (up to 255) is hashed instead. */
function occurrenceOf(openHouseKey: string, startsAt: Date): string {
  const named = (key: string) => `listing_event:open_house:${key}:${startsAt.toISOString()}`;
  const occurrence = named(openHouseKey);
  return occurrence.length <= 300 ? occurrence : named(createHash('sha256').update(openHouseKey).digest('hex'));
}
