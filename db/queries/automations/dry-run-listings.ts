import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { leadActivities, listingChanges, matches, openHouses } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

type Window = { since: Date; until: Date };

/** The team's listing changes in the window a `listing_event` rule can ask for (price drops, back on market, new). */
export async function listingChangesBetween(db: Executor, tenantId: string, w: Window) {
  return db
    .select({
      id: listingChanges.id,
      listingKey: listingChanges.listingKey,
      changeType: listingChanges.changeType,
      previousPrice: listingChanges.previousPrice,
      newPrice: listingChanges.newPrice,
      at: listingChanges.createdAt,
    })
    .from(listingChanges)
    .where(
      and(
        eq(listingChanges.tenantId, tenantId),
        gte(listingChanges.createdAt, w.since),
        lte(listingChanges.createdAt, w.until),
        inArray(listingChanges.changeType, ['PriceChange', 'BackOnMarket', 'NewListing']),
      ),
    )
    .orderBy(asc(listingChanges.createdAt));
}
export type DryRunListingChange = Awaited<ReturnType<typeof listingChangesBetween>>[number];

/**
 * The team's open houses first stored in the window, each with its schedule as stored today (only the newest
 * version of an open house is kept): when it reached us is when the live path would have announced it.
 */
export async function openHousesStoredBetween(db: Executor, tenantId: string, w: Window) {
  return db
    .select({
      openHouseKey: openHouses.openHouseKey,
      listingKey: openHouses.listingKey,
      startsAt: openHouses.startsAt,
      status: openHouses.status,
      type: openHouses.type,
      at: openHouses.createdAt,
    })
    .from(openHouses)
    .where(
      and(eq(openHouses.tenantId, tenantId), gte(openHouses.createdAt, w.since), lte(openHouses.createdAt, w.until)),
    )
    .orderBy(asc(openHouses.createdAt));
}
export type DryRunOpenHouse = Awaited<ReturnType<typeof openHousesStoredBetween>>[number];

/** Matches and views of the changed homes by these leads: who a `listing_event` reaches. */
export async function listingTiesOf(
  db: Executor,
  tenantId: string,
  leadIds: string[],
  listingKeys: string[],
  until: Date,
) {
  if (!listingKeys.length) return { matched: [], viewed: [] };
  const [matched, viewed] = await Promise.all([
    db
      .select({
        leadId: matches.leadId,
        listingKey: matches.listingKey,
        triggerKey: matches.triggerKey,
        at: matches.createdAt,
      })
      .from(matches)
      .where(
        and(eq(matches.tenantId, tenantId), inArray(matches.leadId, leadIds), inArray(matches.listingKey, listingKeys)),
      ),
    db
      .select({ leadId: leadActivities.leadId, listingKey: leadActivities.listingKey, at: leadActivities.occurredAt })
      .from(leadActivities)
      .where(
        and(
          eq(leadActivities.tenantId, tenantId),
          inArray(leadActivities.leadId, leadIds),
          eq(leadActivities.kind, 'listing_view'),
          inArray(leadActivities.listingKey, listingKeys),
          lte(leadActivities.occurredAt, until),
        ),
      ),
  ]);
  return { matched, viewed: viewed.flatMap((v) => (v.listingKey ? [{ ...v, listingKey: v.listingKey }] : [])) };
}
