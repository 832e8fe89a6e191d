import { sql } from 'drizzle-orm';
import type { Executor } from '../../client.ts';
import type { InboundStatus } from '../inbound-events.ts';
import { rowsOf } from '../rows-of.ts';

/** Every status a stored inbound event can have (queries/inbound-events.ts). */
const STATUSES: readonly InboundStatus[] = ['accepted', 'ignored', 'quarantined', 'processed', 'failed', 'rejected'];

/**
 * Inbound events (webhooks and API events, whatever became of them) stored in the last 60 seconds by the
 * database's clock. Naming every status lets the (status, received_at) index answer, one short range per status,
 * instead of a scan of every stored body.
 */
export async function inboundEventsLastMinute(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from inbound_events
      where status in (${sql.join(
        STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )}) and received_at > now() - interval '60 seconds'`),
  );
  return Number(row?.n ?? 0);
}
