import { leaderboard } from '../../db/queries/reports/leaderboard.ts';
import { leaderboardMessage } from '../message/leaderboard-message.ts';
import { chatMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

const DAYS = { '7d': 7, '30d': 30 } as const;

/**
 * `/leaderboard [7d|30d]`: per agent, alerts claimed, leads contacted and deals won in the period.
 */
export async function leaderboardCommand(ctx: CommandContext, args: { period: '7d' | '30d' }): Promise<ChatMessage> {
  const since = new Date(ctx.runtime.clock.now().getTime() - DAYS[args.period] * 86_400_000);
  const rows = (await leaderboard(ctx.runtime.db, ctx.tenant.id, since))
    .map((a) => ({ agent: a.name, claimed: a.claimed, contacts: a.contacted, deals: a.won }))
    .filter((r) => r.claimed + r.contacts + r.deals > 0);

  const message = leaderboardMessage({ period: args.period, rows });
  if (!message.table) return message;
  // The chart shows deals and contacts; claims go in the text so speed-to-claim still counts.
  const byAgent = new Map(rows.map((r) => [r.agent, r.claimed]));
  return chatMessage({
    ...message,
    sections: [
      ...message.sections,
      `Alerts claimed: ${rows
        .sort((a, b) => b.claimed - a.claimed)
        .map((r) => `${r.agent} ${r.claimed}`)
        .join(', ')}`,
    ],
    table: {
      columns: [...message.table.columns, 'Claimed'],
      rows: message.table.rows.map((r) => [...r, String(byAgent.get(r[1]) ?? 0)]),
    },
  });
}
