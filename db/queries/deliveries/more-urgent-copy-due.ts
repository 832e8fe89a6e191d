import { and, eq, gt, isNull, lte, min, ne, or, sql } from 'drizzle-orm';
import { alerts, deliveries } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** How long a `sending` copy counts as in flight; past it, its worker died and its job is picked up again. */
const IN_FLIGHT_MS = 60_000;
/**
 * A more urgent copy held back for at most this long (a provider's rate limit) is waited for; one held
 * for longer (quiet hours until the morning) is not.
 */
const WAIT_FOR_MS = 120_000;

const rankOf = (priority: unknown) =>
  sql`case ${priority} when 'critical' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`;

/**
 * When the next more urgent copy to the same address goes out, if one is in flight or due within
 * WAIT_FOR_MS (`now` when it is already due); undefined when there is none. pg-boss runs one job per
 * address at a time, but two workers fetching at once can each take a job of the same address (neither
 * sees the other's uncommitted claim), and copies held back by different 429s become due at different
 * times: without this, a normal copy could go out ahead of a critical one after a rate-limit storm.
 */
export async function moreUrgentCopyDue(
  db: Executor,
  copy: { id: string; tenantId: string; channel: string; recipient: string; priority: string },
  now: Date,
): Promise<Date | undefined> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number), dueAt: min(deliveries.sendAfter) })
    .from(deliveries)
    .innerJoin(alerts, eq(alerts.id, deliveries.alertId))
    .where(
      and(
        eq(deliveries.tenantId, copy.tenantId),
        eq(deliveries.channel, copy.channel),
        eq(deliveries.recipient, copy.recipient),
        ne(deliveries.id, copy.id),
        or(
          and(
            // A pending copy that was tried already failed and waits for its retry: not worth waiting for.
            or(eq(deliveries.status, 'deferred'), and(eq(deliveries.status, 'pending'), eq(deliveries.attempts, 0))),
            or(isNull(deliveries.sendAfter), lte(deliveries.sendAfter, new Date(now.getTime() + WAIT_FOR_MS))),
          ),
          and(eq(deliveries.status, 'sending'), gt(deliveries.statusAt, new Date(now.getTime() - IN_FLIGHT_MS))),
        ),
        sql`${rankOf(alerts.priority)} > ${rankOf(copy.priority)}`,
      ),
    );
  if (!row?.n) return undefined;
  const dueAt = row.dueAt ? new Date(row.dueAt) : now;
  return dueAt > now ? dueAt : now;
}
