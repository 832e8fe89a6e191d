import { and, desc, eq, ilike, isNull, sql } from 'drizzle-orm';
import { agents, leadActivities, leads, savedSearches } from '../../db/schema/index.ts';
import type { Lead } from '../../db/queries/leads.ts';
import { chatMessage, type ChatField, type ChatMessage } from '../message/chat-message.ts';
import { formatTime } from '../message/format.ts';
import { truncate } from '../render/markdown.ts';
import type { CommandContext } from './command-context.ts';
import { searchSummary } from './search-summary.ts';
import { agentHandle } from './agent-handle.ts';

const MAX_CANDIDATES = 8;

/** `/lead <name|phone|email>`: one lead in full, or the candidates when the name is ambiguous. */
export async function leadCommand(
  ctx: CommandContext,
  args: { query: string; queryKind: 'email' | 'phone' | 'name' },
): Promise<ChatMessage> {
  const found = await findLeads(ctx, args);
  if (found.length === 0) {
    return chatMessage({
      sections: [`No lead matches “${args.query}”. Try part of the name, the phone number or the email.`],
      ephemeral: true,
      tone: 'muted',
    });
  }
  // An exact full-name hit wins over "Ana" also matching "Anabel".
  const exact = found.filter((l) => l.name.toLowerCase() === args.query.toLowerCase());
  const lead = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
  if (!lead) {
    return chatMessage({
      header: `${found.length}${found.length === MAX_CANDIDATES ? '+' : ''} leads match “${args.query}”`,
      sections: [
        found
          .map(
            (l) =>
              `• **${l.name}** · ${l.score ?? '–'} (${l.temperature ?? 'unscored'})${l.email ? ` · ${l.email}` : ''}`,
          )
          .join('\n'),
      ],
      context: ['Narrow it down with the full name, the phone or the email.'],
      ephemeral: true,
    });
  }
  return leadDetail(ctx, lead);
}

async function findLeads(
  ctx: CommandContext,
  args: { query: string; queryKind: 'email' | 'phone' | 'name' },
): Promise<Lead[]> {
  const scope = and(eq(leads.tenantId, ctx.tenant.id), isNull(leads.deletedAt));
  const q = args.query.trim();
  const where =
    args.queryKind === 'email'
      ? eq(leads.email, q.toLowerCase())
      : // Compare digits only, by suffix: "(512) 555-0142" and "+15125550142" are the same phone.
        args.queryKind === 'phone'
        ? sql`regexp_replace(coalesce(${leads.phone}, ''), '\\D', '', 'g') like ${`%${q.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')}`}`
        : ilike(leads.name, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  return ctx.runtime.db
    .select()
    .from(leads)
    .where(and(scope, where))
    .orderBy(sql`${leads.score} desc nulls last`, leads.name)
    .limit(MAX_CANDIDATES);
}

async function leadDetail(ctx: CommandContext, lead: Lead): Promise<ChatMessage> {
  const db = ctx.runtime.db;
  const [searches, activity, assignee] = await Promise.all([
    db
      .select()
      .from(savedSearches)
      .where(
        and(
          eq(savedSearches.tenantId, ctx.tenant.id),
          eq(savedSearches.leadId, lead.id),
          eq(savedSearches.active, true),
        ),
      ),
    db
      .select()
      .from(leadActivities)
      .where(and(eq(leadActivities.tenantId, ctx.tenant.id), eq(leadActivities.leadId, lead.id)))
      .orderBy(desc(leadActivities.occurredAt))
      .limit(5),
    lead.assigneeId
      ? db
          .select()
          .from(agents)
          .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, lead.assigneeId)))
          .then((r) => r[0])
      : undefined,
  ]);

  const scoreText = lead.score != null ? `${lead.score} (${lead.temperature ?? 'unscored'})` : 'not scored yet';
  const sections = [[lead.phone, lead.email].filter(Boolean).join(' · ') || 'No phone or email on file.'];
  const reasons = [...lead.reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 5);
  if (reasons.length)
    sections.push(
      `**Why ${scoreText}**\n${reasons.map((r) => `• ${r.text}${/[+−-]\d+$/.test(r.text) ? '' : ` (${r.contribution >= 0 ? '+' : ''}${Math.round(r.contribution)})`}`).join('\n')}`,
    );
  sections.push(
    `**Saved searches**\n${searches.length ? searches.map((s) => `• ${searchSummary(s)}`).join('\n') : '• none yet: `/alert <criteria> for ' + lead.name + '`'}`,
  );
  if (activity.length) {
    sections.push(
      `**Recent activity**\n${activity
        .map((a) => {
          const what = [a.direction, a.channel, a.kind.replace(/_/g, ' ')].filter(Boolean).join(' ');
          return `• ${formatTime(a.occurredAt.toISOString(), ctx.tenant.timezone)} · ${what}${a.body ? `: “${truncate(a.body.replace(/\s+/g, ' '), 80)}”` : ''}`;
        })
        .join('\n')}`,
    );
  }
  const fields: ChatField[] = [
    { label: 'Score', value: scoreText },
    { label: 'Assigned to', value: assignee ? `${assignee.name} (@${agentHandle(assignee)})` : 'nobody yet' },
  ];
  if (lead.budgetMax != null)
    fields.push({ label: 'Budget', value: `up to $${lead.budgetMax.toLocaleString('en-US')}` });
  if (lead.source) fields.push({ label: 'Source', value: lead.source });
  const tone = lead.temperature === 'hot' ? 'critical' : lead.temperature === 'warm' ? 'high' : 'low';
  return chatMessage({ header: `👤 ${lead.name || 'Unnamed lead'}`, sections, fields, tone });
}
