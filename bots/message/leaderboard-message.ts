import { barChartSvg } from '../charts/bar-chart-svg.ts';
import { svgToPng } from '../charts/svg-to-png.ts';
import { chatMessage, type ChatMessage } from './chat-message.ts';

export interface LeaderboardView {
  period: '7d' | '30d';
  rows: { agent: string; deals: number; contacts: number }[];
}

const PERIOD_TEXT = { '7d': 'last 7 days', '30d': 'last 30 days' } as const;

/** `/leaderboard`: a PNG bar chart for Slack/Discord, the same numbers as a table for the terminal. */
export function leaderboardMessage(view: LeaderboardView): ChatMessage {
  const rows = [...view.rows].sort((a, b) => b.deals - a.deals || b.contacts - a.contacts);
  const header = `🏆 Leaderboard, ${PERIOD_TEXT[view.period]}`;
  if (rows.length === 0)
    return chatMessage({ header, sections: ['No deals or contacts recorded in this period yet.'] });

  const svg = barChartSvg({
    title: header.replace(/^\S+\s/, ''),
    categories: rows.map((r) => r.agent),
    series: [
      { name: 'Deals', values: rows.map((r) => r.deals) },
      { name: 'Contacts', values: rows.map((r) => r.contacts) },
    ],
  });
  const leader = rows[0];
  return chatMessage({
    header,
    sections: [
      `**${leader.agent}** leads with ${leader.deals} deal${leader.deals === 1 ? '' : 's'} and ${leader.contacts} contacts.`,
    ],
    image: {
      png: svgToPng(svg).png,
      alt: `Deals and contacts per agent, ${PERIOD_TEXT[view.period]}: ${rows.map((r) => `${r.agent} ${r.deals}/${r.contacts}`).join(', ')}`,
      filename: `leaderboard-${view.period}.png`,
    },
    table: {
      columns: ['#', 'Agent', 'Deals', 'Contacts'],
      rows: rows.map((r, i) => [String(i + 1), r.agent, String(r.deals), String(r.contacts)]),
    },
  });
}
