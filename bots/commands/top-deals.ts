import { topDeals } from '../../db/queries/listings/top-deals.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';
import { listingLine } from './listing-summary.ts';

/** `/top-deals [area] [n]`: active listings with the best deal scores, in a city or postal code if named. */
export async function topDealsCommand(
  ctx: CommandContext,
  args: { area?: string; limit: number },
): Promise<ChatMessage> {
  const area = args.area?.trim();
  const rows = await topDeals(ctx.runtime.db, ctx.tenant.id, { area, limit: args.limit });
  const where = area ? ` in ${area}` : '';
  if (rows.length === 0) {
    return chatMessage({
      header: `Top deals${where}`,
      sections: [
        area
          ? `No scored active listings in ${area}. Try a city name or a five-digit postal code.`
          : 'No scored active listings yet.',
      ],
      tone: 'muted',
    });
  }
  return chatMessage({
    header: `🏷️ Top ${rows.length} deal${rows.length === 1 ? '' : 's'}${where}`,
    sections: rows.map((row, i) => {
      const why = row.dealReasons.slice().sort((a, b) => b.contribution - a.contribution)[0]?.text;
      return `${i + 1}. ${listingLine(row)} · \`${row.listingKey}\`${why ? `\n    _${why}_` : ''}`;
    }),
    context: ['`/property <id>` shows the reasons and matched leads.'],
  });
}
