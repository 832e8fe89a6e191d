import { findLeads } from '../../db/queries/leads/find-leads.ts';
import { knownCities } from '../../db/queries/listings/known-cities.ts';
import { saveSearch } from '../../db/use-cases/searches/save-search.ts';
import { parseSearchText } from '../../core/search/parse-search-text.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import { usageFor, usageMessage } from '../message/help-message.ts';
import type { CommandContext } from './command-context.ts';
import { searchSummary } from './search-summary.ts';

const MAX_CANDIDATES = 5;

/**
 * `/alert <criteria> for <lead>`: saves a search for the lead from plain words and starts matching
 * it at once. What the parser did not understand is shown back, never guessed at, so the agent can
 * rephrase before a lead gets the wrong homes.
 */
export async function alertCommand(
  ctx: CommandContext,
  args: { criteria: string; forLead?: string },
): Promise<ChatMessage> {
  if (!args.forLead) return usageMessage('Who is the search for? End with `for <lead name>`.', usageFor('alert'));
  const db = ctx.runtime.db;
  const candidates = await findLeads(db, ctx.tenant.id, { text: args.forLead, kind: 'name' }, MAX_CANDIDATES);
  const exact = candidates.filter((l) => l.name.toLowerCase() === args.forLead!.toLowerCase());
  const lead = candidates.length === 1 ? candidates[0] : exact.length === 1 ? exact[0] : undefined;
  if (!lead) {
    const problem =
      candidates.length === 0
        ? `No lead called “${args.forLead}”.`
        : `“${args.forLead}” could be ${candidates.map((c) => `**${c.name}**`).join(', ')}; use the full name.`;
    return usageMessage(problem, usageFor('alert'));
  }

  const parsed = parseSearchText(args.criteria, { knownCities: await knownCities(db, ctx.tenant.id) });
  if (parsed.understood.length === 0) {
    const missed = parsed.notUnderstood.length ? ` (not understood: ${parsed.notUnderstood.join(', ')})` : '';
    return usageMessage(
      `I could not turn “${args.criteria}” into search criteria${missed}. ` +
        'Try beds, a price and a place, e.g. `3 bed under 450k in Austin`.',
      usageFor('alert'),
    );
  }

  const { search } = await saveSearch(ctx.runtime, {
    kind: 'create',
    tenantId: ctx.tenant.id,
    leadId: lead.id,
    origin: 'chat',
    name: args.criteria.slice(0, 200),
    criteria: parsed.criteria,
  });

  const sections = [
    `Saved for **${lead.name}**: ${searchSummary(search)}`,
    `**Understood**\n${parsed.understood.map((u) => `• ${u}`).join('\n')}`,
  ];
  if (parsed.notUnderstood.length)
    sections.push(`**Not understood** (left out)\n${parsed.notUnderstood.map((u) => `• ${u}`).join('\n')}`);
  return chatMessage({
    header: '🔔 Search saved',
    sections,
    context: [`Matching current listings now; new matches will alert the lead's agent.`],
    tone: 'success',
  });
}
