import { findLeads } from '../../db/queries/leads/find-leads.ts';
import { leadDetail, type LeadDetail } from '../../db/queries/leads/lead-detail.ts';
import { leadAutomations } from '../../db/queries/automations/lead-automations.ts';
import { describeRun, type AutomationRunView } from '../../core/automations/run-view.ts';
import { chatMessage, type ChatField, type ChatMessage } from '../message/chat-message.ts';
import { formatTime } from '../message/format.ts';
import { truncate } from '../render/markdown.ts';
import type { CommandContext } from './command-context.ts';
import { searchSummary } from './search-summary.ts';
import { leadFactLines } from './fact-lines.ts';
import { agentHandle } from './agent-handle.ts';

const MAX_CANDIDATES = 8;

/** `/lead <name|phone|email>`: one lead in full, or the candidates when the name is ambiguous. */
export async function leadCommand(
  ctx: CommandContext,
  args: { query: string; queryKind: 'email' | 'phone' | 'name' },
): Promise<ChatMessage> {
  const found = await findLeads(
    ctx.runtime.db,
    ctx.tenant.id,
    { text: args.query, kind: args.queryKind },
    MAX_CANDIDATES,
  );
  const noMatch = () =>
    chatMessage({
      sections: [`No lead matches “${args.query}”. Try part of the name, the phone number or the email.`],
      ephemeral: true,
      tone: 'muted',
    });
  if (found.length === 0) return noMatch();
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
  const detail = await leadDetail(ctx.runtime.db, ctx.tenant.id, lead.id, { activityLimit: 5 });
  if (!detail) return noMatch();
  const runs = await leadAutomations(ctx.runtime.db, ctx.tenant.id, lead.id);
  return leadCard(
    ctx,
    detail,
    runs.filter((r) => r.status === 'active'),
  );
}

function leadCard(
  ctx: CommandContext,
  { lead, savedSearches: searches, activities: activity, assignee, facts }: LeadDetail,
  activeRuns: AutomationRunView[],
): ChatMessage {
  const scoreText = lead.score != null ? `${lead.score} (${lead.temperature ?? 'unscored'})` : 'not scored yet';
  const sections = [[lead.phone, lead.email].filter(Boolean).join(' · ') || 'No phone or email on file.'];
  const reasons = [...lead.reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 5);
  if (reasons.length) sections.push(`**Why ${scoreText}**\n${reasons.map(reasonLine).join('\n')}`);
  if (facts.length) sections.push(`**What they told us**\n${leadFactLines(facts, ctx.tenant.timezone).join('\n')}`);
  const searchLines = searches.length
    ? searches.map((s) => `• ${searchSummary(s)}`)
    : [`• none yet: \`/alert <criteria> for ${lead.name}\``];
  sections.push(`**Saved searches**\n${searchLines.join('\n')}`);
  if (activeRuns.length)
    sections.push(`**Automations**\n${activeRuns.map((r) => `• ${describeRun(r, ctx.tenant.timezone)}`).join('\n')}`);
  if (activity.length) {
    const lines = activity.map((a) => {
      const what = [a.direction, a.channel, a.kind.replace(/_/g, ' ')].filter(Boolean).join(' ');
      const said = a.body ? `: “${truncate(a.body.replace(/\s+/g, ' '), 80)}”` : '';
      return `• ${formatTime(a.occurredAt.toISOString(), ctx.tenant.timezone)} · ${what}${said}`;
    });
    sections.push(`**Recent activity**\n${lines.join('\n')}`);
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

/** A reason's text usually ends with its points ("Replied 3× this week +12"); add them when it does not. */
function reasonLine(r: { text: string; contribution: number }): string {
  if (/[+−-]\d+$/.test(r.text)) return `• ${r.text}`;
  return `• ${r.text} (${r.contribution >= 0 ? '+' : ''}${Math.round(r.contribution)})`;
}
