import { chatMessage, type ChatMessage } from './chat-message.ts';

/** One entry per command in design.md §6; usage lines double as the replies to bad input. */
export const COMMAND_HELP = [
  {
    name: 'top-deals',
    usage: '/top-deals [area] [n]',
    summary: 'Best-scored deals, optionally in a city or postal code (n: 1–25, default 5).',
  },
  { name: 'lead', usage: '/lead <name|phone|email>', summary: "A lead's score, reasons, searches and who has them." },
  { name: 'property', usage: '/property <id|address>', summary: 'A listing with its deal score and matched leads.' },
  { name: 'pipeline', usage: '/pipeline', summary: 'Leads per stage, with a chart.' },
  {
    name: 'alert',
    usage: '/alert <criteria in plain words> [for <lead>]',
    summary: 'Save a search, e.g. `/alert 3 bed in Austin under 450k for Ana Lopez`.',
  },
  { name: 'leaderboard', usage: '/leaderboard [7d|30d]', summary: 'Deals and contacts per agent, with a chart.' },
  {
    name: 'alerts',
    usage: '/alerts [mine|team|unclaimed] [kind] [priority] [page N]',
    summary: 'Open alerts, most urgent then newest, with their buttons; managers act on several at once.',
  },
  {
    name: 'team',
    usage: '/team | pause <agent> | resume <agent>',
    summary: 'Who is on shift, their load and pace, who round robin picks next; managers pause and resume.',
  },
  {
    name: 'automations',
    usage: '/automations | on <rule> | off <rule> | test [days] [rules.json]',
    summary: "The team's automation rules and how many leads each holds; managers switch them; test is a dry run.",
  },
  {
    name: 'report',
    usage: '/report [7d|30d|90d] [by agent|source|kind|area]',
    summary: 'Alerts, claim rate, minutes to claim and contact, appointments and wins (default: 7d by kind).',
  },
  {
    name: 'rules',
    usage: '/rules simulate [days] [rules.json]',
    summary: 'Managers: replay past alerts through an attached rules file beside the current rules (changes nothing).',
  },
  {
    name: 'away',
    usage: '/away [until <date>]',
    summary: 'Take no new alerts until that date (default: tomorrow morning).',
  },
  { name: 'back', usage: '/back', summary: 'Take alerts again after /away or a pause.' },
  {
    name: 'hours',
    usage: '/hours <from>-<to>',
    summary: 'Your working hours, e.g. `/hours 9-18` or `/hours mon-fri 8-17`.',
  },
  {
    name: 'export',
    usage: '/export <leads|alerts|deals|report> [7d|30d|90d|since <date>]',
    summary: "The team's data as a CSV file in this conversation (managers).",
  },
  {
    name: 'porchlight',
    usage: '/porchlight help | link [email] | settings [set <key> <value>]',
    summary: 'This help, link your chat account, or (managers) see and change team settings.',
  },
] as const;

export type CommandName = (typeof COMMAND_HELP)[number]['name'];

export const ALERT_ACTION_HELP = [
  { usage: 'claim <alert>', summary: 'Take the alert (first claim wins).' },
  { usage: 'assign <alert> <agent>', summary: 'Hand it to an agent (managers).' },
  { usage: 'ack <alert>', summary: 'Acknowledge an alert you hold.' },
  { usage: 'snooze <alert>', summary: 'Snooze for one hour.' },
  { usage: 'dismiss <alert>', summary: 'Dismiss it.' },
  { usage: 'send <alert>', summary: 'Send the matched listing to the lead.' },
  { usage: 'won <alert>', summary: "The deal is won (holder or manager): GHL hears, the lead's other alerts close." },
  { usage: 'lost <alert>', summary: "The deal is lost (holder or manager): GHL hears, the lead's other alerts close." },
  {
    usage: 'ack|snooze|dismiss <alert>,<alert>,…',
    summary: 'The same on several alerts at once (managers); after `/alerts`, row numbers stand for its rows.',
  },
  { usage: 'assign <alert>,<alert>,… <agent>', summary: 'Hand several alerts nobody holds to one agent (managers).' },
] as const;

export function usageFor(name: CommandName): string {
  return COMMAND_HELP.find((c) => c.name === name)!.usage;
}

export function helpMessage(): ChatMessage {
  return chatMessage({
    header: 'Porchlight commands',
    sections: [
      COMMAND_HELP.map((c) => `\`${c.usage}\`: ${c.summary}`).join('\n'),
      `**Alert buttons** (typed in the terminal):\n${ALERT_ACTION_HELP.map((a) => `\`${a.usage}\`: ${a.summary}`).join('\n')}`,
    ],
    context: ['Alerts arrive here as they happen; buttons on each alert do the same as the typed actions.'],
    ephemeral: true,
  });
}

/** What a user sees after a typo: the problem in one line, then how to say it. Never a stack trace. */
export function usageMessage(problem: string, usage?: string): ChatMessage {
  const sections = [problem];
  if (usage) sections.push(`Usage: \`${usage}\``);
  return chatMessage({
    sections,
    context: ['Type `/porchlight help` for every command.'],
    ephemeral: true,
    tone: 'muted',
  });
}
