import { and, eq, ilike, isNotNull, isNull } from 'drizzle-orm';
import { leads, listings } from '../../db/schema/index.ts';
import { createSavedSearch } from '../../db/queries/saved-searches.ts';
import { parseSearchText } from '../../core/search/parse-search-text.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import { usageFor, usageMessage } from '../message/help-message.ts';
import type { CommandContext } from './command-context.ts';
import { searchSummary } from './search-summary.ts';

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
  const candidates = await db
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, ctx.tenant.id),
        isNull(leads.deletedAt),
        ilike(leads.name, `%${args.forLead.replace(/[%_\\]/g, (c) => `\\${c}`)}%`),
      ),
    )
    .limit(5);
  const exact = candidates.filter((l) => l.name.toLowerCase() === args.forLead!.toLowerCase());
  const lead = candidates.length === 1 ? candidates[0] : exact.length === 1 ? exact[0] : undefined;
  if (!lead) {
    const problem =
      candidates.length === 0
        ? `No lead called “${args.forLead}”.`
        : `“${args.forLead}” could be ${candidates.map((c) => `**${c.name}**`).join(', ')}; use the full name.`;
    return usageMessage(problem, usageFor('alert'));
  }

  const cityRows = await db
    .selectDistinct({ city: listings.city })
    .from(listings)
    .where(and(eq(listings.tenantId, ctx.tenant.id), isNotNull(listings.city)))
    .limit(500);
  const parsed = parseSearchText(args.criteria, { knownCities: cityRows.map((r) => r.city!) });
  if (parsed.understood.length === 0) {
    return usageMessage(
      `I could not turn “${args.criteria}” into search criteria${parsed.notUnderstood.length ? ` (not understood: ${parsed.notUnderstood.join(', ')})` : ''}. Try beds, a price and a place, e.g. \`3 bed under 450k in Austin\`.`,
      usageFor('alert'),
    );
  }

  const c = parsed.criteria;
  const search = await db.transaction(async (tx) => {
    const row = await createSavedSearch(tx, {
      tenantId: ctx.tenant.id,
      leadId: lead.id,
      name: args.criteria.slice(0, 200),
      origin: 'chat',
      criteria: c,
      now: ctx.runtime.clock.now(),
    });
    // Same transaction: the search never exists without its first matching pass queued.
    await ctx.runtime.queue.enqueue(
      'listing.match',
      { direction: 'search', tenantId: ctx.tenant.id, savedSearchId: row.id },
      { tx },
    );
    return row;
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
