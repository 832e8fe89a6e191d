import type { ListingRow } from '../../db/queries/listings/get-listing.ts';
import { findListings } from '../../db/queries/listings/find-listings.ts';
import { bestMatchedLeads } from '../../db/queries/listings/matches.ts';
import { chatMessage, type ChatField, type ChatMessage } from '../message/chat-message.ts';
import { formatBedsBaths, formatPrice } from '../message/format.ts';
import type { CommandContext } from './command-context.ts';
import { listingAddress } from './listing-summary.ts';

const MAX_MATCHED_LEADS = 8;

/** `/property <id|address>`: deal score with its reasons, and the leads it matched. */
export async function propertyCommand(
  ctx: CommandContext,
  args: { query: string; queryKind: 'id' | 'address' },
): Promise<ChatMessage> {
  const rows = await findListings(ctx.runtime.db, ctx.tenant.id, args.query);
  if (rows.length === 0) {
    return chatMessage({
      sections: [
        `No listing matches “${args.query}”. Use the listing id from \`/top-deals\` or part of the street address.`,
      ],
      ephemeral: true,
      tone: 'muted',
    });
  }
  if (rows.length > 1) {
    return chatMessage({
      header: `${rows.length} listings match “${args.query}”`,
      sections: [
        rows
          .map((r) => {
            const price = r.listPrice != null ? formatPrice(r.listPrice) : 'no price';
            return `• \`${r.listingKey}\` ${listingAddress(r)} · ${price}`;
          })
          .join('\n'),
      ],
      context: ['Ask again with the listing id.'],
      ephemeral: true,
    });
  }
  return propertyDetail(ctx, rows[0]);
}

async function propertyDetail(ctx: CommandContext, row: ListingRow): Promise<ChatMessage> {
  const matched = await bestMatchedLeads(ctx.runtime.db, ctx.tenant.id, row.listingKey, MAX_MATCHED_LEADS);

  const sections = [`**${listingAddress(row)}** · ${row.standardStatus}`];
  const reasons = [...row.dealReasons].sort((a, b) => b.contribution - a.contribution).slice(0, 5);
  if (reasons.length)
    sections.push(`**Why deal score ${row.dealScore ?? '–'}**\n${reasons.map((r) => `• ${r.text}`).join('\n')}`);
  const matchLines = matched.map(
    (m) => `• ${m.name} · match ${m.score}/100${m.temperature ? ` · ${m.temperature}` : ''}`,
  );
  sections.push(`**Matched leads**\n${matchLines.length ? matchLines.join('\n') : '• none yet'}`);

  const fields: ChatField[] = [];
  if (row.listPrice != null) fields.push({ label: 'Price', value: formatPrice(row.listPrice) });
  if (row.originalListPrice != null && row.listPrice != null && row.originalListPrice > row.listPrice) {
    const drop = Math.round((1 - row.listPrice / row.originalListPrice) * 100);
    fields.push({ label: 'Was', value: `${formatPrice(row.originalListPrice)} (−${drop}%)` });
  }
  const rooms = formatBedsBaths(row.bedroomsTotal, row.bathroomsTotalInteger);
  if (rooms) fields.push({ label: 'Beds / baths', value: rooms });
  if (row.livingArea != null)
    fields.push({ label: 'Living area', value: `${Math.round(row.livingArea).toLocaleString('en-US')} sq ft` });
  fields.push({ label: 'Deal score', value: row.dealScore != null ? `${row.dealScore}/100` : 'not scored' });
  if (row.daysOnMarket != null) fields.push({ label: 'Days on market', value: String(row.daysOnMarket) });
  return chatMessage({
    header: `🏡 ${row.listingKey}`,
    sections,
    fields,
    context: [row.propertySubType ?? row.propertyType ?? 'Listing'],
  });
}
