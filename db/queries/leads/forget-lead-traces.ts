import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, consentEvents, consents, inboundEvents } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { rowsOf } from '../rows-of.ts';
import type { LeadTraces } from '../../../core/privacy/lead-traces.ts';

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** `column` mentions one of the traces: a case-insensitive substring, or the phone's digits in any punctuation. */
function mentions(column: SQL, traces: LeadTraces): SQL {
  const patterns = traces.texts.map((t) => sql`${likeEscaped(t)}`);
  const anyText = patterns.length
    ? sql`${column} ilike any (array[${sql.join(patterns, sql`, `)}]::text[])`
    : sql`false`;
  if (!traces.phoneDigits) return anyText;
  return sql`(${anyText} or regexp_replace(${column}, '[^0-9]', '', 'g') like ${likeEscaped(traces.phoneDigits)})`;
}

/**
 * Blanks the stored raw body and headers of every webhook of the tenant (or of no tenant yet) that mentions
 * the lead. The rows stay (dedupe keys, status, times); a quarantined one left with no body has nothing to
 * replay, which is the point.
 */
export async function scrubInboundEventsMentioning(
  db: Executor,
  input: { tenantId: string; traces: LeadTraces },
): Promise<number> {
  const { tenantId, traces } = input;
  if (!traces.texts.length && !traces.phoneDigits) return 0;
  const rows = await db
    .update(inboundEvents)
    .set({ rawBody: '', headers: {} })
    .where(
      and(
        sql`(${inboundEvents.tenantId} = ${tenantId} or ${inboundEvents.tenantId} is null)`,
        sql`${inboundEvents.rawBody} <> ''`,
        mentions(sql`${inboundEvents.rawBody}`, traces),
      ),
    )
    .returning({ id: inboundEvents.id });
  return rows.length;
}

/** Audit entries are append-only, except that an entry's data must not keep a forgotten person's details. */
export async function scrubAuditMentioning(db: Executor, input: { tenantId: string; traces: LeadTraces }) {
  const { tenantId, traces } = input;
  if (!traces.texts.length && !traces.phoneDigits) return 0;
  const rows = await db
    .update(auditLog)
    .set({ data: { redacted: 'lead forgotten' }, reason: null })
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        or(mentions(sql`${auditLog.data}::text`, traces), mentions(sql`coalesce(${auditLog.reason}, '')`, traces)),
      ),
    )
    .returning({ seq: auditLog.seq });
  return rows.length;
}

/**
 * Moves an address's consent (current state and ledger) to its forgotten form. If the forgotten form already
 * has a state (the address was forgotten before), the newer of the two wins, as lookups would decide.
 */
export async function forgetConsentAddress(
  db: Executor,
  input: { tenantId: string; channel: string; address: string; forgotten: string },
): Promise<number> {
  const { tenantId, channel, address, forgotten } = input;
  await db.execute(sql`
    insert into ${consents} (tenant_id, channel, address, status, reason, updated_at)
    select tenant_id, channel, ${forgotten}, status, reason, updated_at from ${consents}
    where tenant_id = ${tenantId} and channel = ${channel} and address = ${address}
    on conflict (tenant_id, channel, address) do update
      set status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at
      where ${consents}.updated_at <= excluded.updated_at`);
  const moved = await db
    .delete(consents)
    .where(and(eq(consents.tenantId, tenantId), eq(consents.channel, channel), eq(consents.address, address)))
    .returning({ status: consents.status });
  const ledger = await db
    .update(consentEvents)
    .set({ address: forgotten })
    .where(
      and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.channel, channel), eq(consentEvents.address, address)),
    )
    .returning({ id: consentEvents.id });
  return moved.length + ledger.length;
}

/**
 * Job payloads and results kept by pg-boss (done, failed, dead-lettered) that mention the lead are blanked;
 * waiting ones are cancelled and blanked, since what they would act on is gone. A running job is left to
 * finish. Most payloads carry only ids; a text's sender, an email event's address or a failure's reason
 * may carry more.
 */
export async function scrubJobsMentioning(db: Executor, input: { tenantId: string; traces: LeadTraces }) {
  const { tenantId, traces } = input;
  if (!traces.texts.length && !traces.phoneDigits) return 0;
  const result = await db.execute<{ id: string }>(sql`
    update pgboss.job
    set data = '{"redacted":"lead forgotten"}'::jsonb, output = null, source_output = null,
      state = case when state in ('created', 'retry') then 'cancelled'::pgboss.job_state else state end,
      completed_on = case when state in ('created', 'retry') then now() else completed_on end
    where state <> 'active'
      and (data->>'tenantId' = ${tenantId} or data->>'tenantId' is null)
      and (${mentions(sql`data::text`, traces)} or ${mentions(sql`coalesce(output::text, '') || coalesce(source_output::text, '')`, traces)})
    returning id`);
  return rowsOf(result).length;
}
