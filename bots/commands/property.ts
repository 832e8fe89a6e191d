import { and, desc, eq, sql } from 'drizzle-orm';
import { leads, listings, matches } from '../../db/schema/index.ts';
import { chatMessage, type ChatField, type ChatMessage } from '../message/chat-message.ts';
import { formatBedsBaths, formatPrice } from '../message/format.ts';
import type { CommandContext } from './command-context.ts';
import { listingAddress, type ListingRow } from './listing-summary.ts';

/** `/property <id|address>`: deal score with its reasons, and the leads it matched. */
export async function propertyCommand(
  ctx: CommandContext,
  args: { query: string; queryKind: 'id' | 'address' },
): Promise<ChatMessage> {
  const rows = await findListings(ctx, args);
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
          .map(
            (r) =>
              `• \`${r.listingKey}\` ${listingAddress(r)} · ${r.listPrice != null ? formatPrice(r.listPrice) : 'no price'}`,
          )
          .join('\n'),
      ],
      context: ['Ask again with the listing id.'],
      ephemeral: true,
    });
  }
  return propertyDetail(ctx, rows[0]);
}

async function findListings(
  ctx: CommandContext,
  args: { query: string; queryKind: 'id' | 'address' },
): Promise<ListingRow[]> {
  const q = args.query.trim();
  const scope = eq(listings.tenantId, ctx.tenant.id);
  const [byKey] = await ctx.runtime.db
    .select()
    .from(listings)
    .where(and(scope, sql`lower(${listings.listingKey}) = ${q.toLowerCase()}`));
  if (byKey) return [byKey];
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\s+/g, '%')}%`;
  const address = sql`concat_ws(' ', ${listings.data}->>'UnparsedAddress', ${listings.data}->>'StreetNumber', ${listings.data}->>'StreetName', ${listings.city}, ${listings.postalCode})`;
  return ctx.runtime.db
    .select()
    .from(listings)
    .where(and(scope, sql`${address} ilike ${like}`))
    .limit(6);
}

async function propertyDetail(ctx: CommandContext, row: ListingRow): Promise<ChatMessage> {
  const matched = await ctx.runtime.db
    .select({
      leadName: leads.name,
      score: sql<number>`max(${matches.score})`.mapWith(Number),
      temperature: leads.temperature,
    })
    .from(matches)
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(and(eq(matches.tenantId, ctx.tenant.id), eq(matches.listingKey, row.listingKey)))
    .groupBy(leads.id, leads.name, leads.temperature)
    .orderBy(desc(sql`max(${matches.score})`))
    .limit(8);

  const sections = [`**${listingAddress(row)}** · ${row.standardStatus}`];
  const reasons = [...row.dealReasons].sort((a, b) => b.contribution - a.contribution).slice(0, 5);
  if (reasons.length)
    sections.push(`**Why deal score ${row.dealScore ?? '–'}**\n${reasons.map((r) => `• ${r.text}`).join('\n')}`);
  sections.push(
    `**Matched leads**\n${matched.length ? matched.map((m) => `• ${m.leadName} · match ${m.score}/100${m.temperature ? ` · ${m.temperature}` : ''}`).join('\n') : '• none yet'}`,
  );

  const fields: ChatField[] = [];
  if (row.listPrice != null) fields.push({ label: 'Price', value: formatPrice(row.listPrice) });
  if (row.originalListPrice != null && row.listPrice != null && row.originalListPrice > row.listPrice) {
    fields.push({
      label: 'Was',
      value: `${formatPrice(row.originalListPrice)} (−${Math.round((1 - row.listPrice / row.originalListPrice) * 100)}%)`,
    });
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
