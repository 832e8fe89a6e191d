import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';

/** Leads made from one GHL contact, and the messages recorded on them: each exactly once when nothing doubled. */
export async function leadDetailCounts(db: Db, ghlContactId: string): Promise<{ leads: number; messages: number }> {
  const [row] = rowsOf<{ leads: number; messages: number }>(
    await db.execute(sql`
      select (select count(*)::int from leads where ghl_contact_id = ${ghlContactId}) as leads,
             (select count(*)::int from lead_activities a join leads l on l.id = a.lead_id
               where l.ghl_contact_id = ${ghlContactId} and a.kind = 'message') as messages`),
  );
  return row;
}

/** Jobs per queue and pg-boss state, for every queue that has any. */
export async function jobStates(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = rowsOf<{ name: string; state: string; n: number }>(
    await db.execute(sql`select name, state::text as state, count(*)::int as n from pgboss.job
      where name not like '\_\_pgboss%' group by name, state`),
  );
  const states: Record<string, Record<string, number>> = {};
  for (const r of rows) (states[r.name] ??= {})[r.state] = r.n;
  return states;
}

export async function jobIds(db: Db, where: 'active' | 'retried'): Promise<string[]> {
  const condition = where === 'active' ? sql`state = 'active'` : sql`retry_count > 0`;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text as id from pgboss.job where name not like '\_\_pgboss%' and ${condition}`),
  );
  return rows.map((r) => r.id);
}

/** Of these jobs, how many are not completed yet. */
export async function unfinished(db: Db, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pgboss.job where state <> 'completed'
      and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`),
  );
  return row.n;
}

/**
 * Contacts one of whose events was applied before an event that reached us earlier (its `seq` is lower), by the
 * time each was marked processed.
 */
export async function contactsAppliedOutOfOrder(db: Db): Promise<string[]> {
  const rows = rowsOf<{ order_key: string }>(
    await db.execute(sql`
      select distinct order_key from (
        select order_key, processed_at,
               max(processed_at) over (partition by order_key order by seq
                 rows between unbounded preceding and 1 preceding) as latest_before
        from inbound_events where order_key is not null) e
      where processed_at < latest_before`),
  );
  return rows.map((r) => r.order_key);
}

/** Inbound events by status. */
export async function inboundStatuses(db: Db): Promise<Record<string, number>> {
  const rows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from inbound_events group by status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Leads per GHL contact id prefix, and the message activities on them. */
export async function leadTotals(db: Db, contactPrefix: string): Promise<{ leads: number; messages: number }> {
  const like = `${contactPrefix}%`;
  const [row] = rowsOf<{ leads: number; messages: number }>(
    await db.execute(sql`
      select (select count(*)::int from leads where ghl_contact_id like ${like}) as leads,
             (select count(*)::int from lead_activities a join leads l on l.id = a.lead_id
               where l.ghl_contact_id like ${like} and a.kind = 'message') as messages`),
  );
  return row;
}

/**
 * One cron queue's ticks as pg-boss recorded them: each occurrence is forwarded once through its `send-it` queue,
 * filed under the minute's singleton slot, whichever process's cron pass sent it; and the queue's own jobs.
 */
export async function cronTicks(db: Db, queue: string): Promise<{ forwardsPerTick: number[]; jobs: number }> {
  const ticks = rowsOf<{ forwards: number }>(
    await db.execute(sql`select count(*)::int as forwards from pgboss.job
      where name = '__pgboss__send-it' and singleton_key = ${`${queue}__`}
      group by singleton_on order by singleton_on`),
  );
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${queue}`),
  );
  return { forwardsPerTick: ticks.map((t) => t.forwards), jobs: row.n };
}
