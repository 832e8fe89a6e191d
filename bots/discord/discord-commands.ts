import { SlashCommandBuilder } from '@discordjs/builders';
import { AlertKind, AlertPriority } from '../../core/alerts/alert-types.ts';

/**
 * The slash commands registered per guild (`porchlight discord register`). Options are free text
 * named after what they hold; the interactions route joins them back into one command line, so
 * Discord goes through the same parser as Slack and the terminal.
 */
export function discordCommandDefinitions() {
  return [
    new SlashCommandBuilder()
      .setName('top-deals')
      .setDescription('Best-scored active deals')
      .addStringOption((o) => o.setName('area').setDescription('City or postal code'))
      .addIntegerOption((o) => o.setName('n').setDescription('How many (1-25)').setMinValue(1).setMaxValue(25)),
    new SlashCommandBuilder()
      .setName('lead')
      .setDescription("A lead's score, reasons, searches and owner")
      .addStringOption((o) => o.setName('who').setDescription('Name, phone or email').setRequired(true)),
    new SlashCommandBuilder()
      .setName('property')
      .setDescription('A listing with deal score and matched leads')
      .addStringOption((o) => o.setName('listing').setDescription('Listing id or address').setRequired(true)),
    new SlashCommandBuilder().setName('pipeline').setDescription('Leads per stage, with a chart'),
    new SlashCommandBuilder()
      .setName('alert')
      .setDescription('Save a search for a lead from plain words')
      .addStringOption((o) => o.setName('criteria').setDescription('e.g. 3 bed under 450k in Austin').setRequired(true))
      .addStringOption((o) => o.setName('for').setDescription('Lead name').setRequired(true)),
    new SlashCommandBuilder()
      .setName('leaderboard')
      .setDescription('Claims, contacts and wins per agent')
      .addStringOption((o) =>
        o
          .setName('period')
          .setDescription('7d or 30d')
          .addChoices({ name: '7 days', value: '7d' }, { name: '30 days', value: '30d' }),
      ),
    new SlashCommandBuilder()
      .setName('report')
      .setDescription('Alerts, claim and contact minutes, appointments and wins, with a chart')
      .addStringOption((o) =>
        o
          .setName('range')
          .setDescription('Period (default 7 days)')
          .addChoices(...['7d', '30d', '90d'].map((r) => ({ name: r.replace('d', ' days'), value: r }))),
      )
      .addStringOption((o) =>
        o
          .setName('by')
          .setDescription('Group by (default kind)')
          .addChoices(...['agent', 'source', 'kind', 'area'].map((d) => ({ name: d, value: d }))),
      ),
    new SlashCommandBuilder()
      .setName('rules')
      .setDescription('Routing rules (managers)')
      .addSubcommand((sub) =>
        sub
          .setName('simulate')
          .setDescription('Replay past alerts through a rules file beside the current rules; changes nothing')
          .addAttachmentOption((o) => o.setName('rules').setDescription('Rules file (JSON)').setRequired(true))
          .addIntegerOption((o) =>
            o.setName('days').setDescription('Days of alerts (default 30)').setMinValue(1).setMaxValue(366),
          ),
      ),
    new SlashCommandBuilder()
      .setName('alerts')
      .setDescription('Open alerts, most urgent first, with their buttons')
      .addStringOption((o) =>
        o
          .setName('view')
          .setDescription('Whose alerts (default: the team for managers, yours for agents)')
          .addChoices(...['mine', 'team', 'unclaimed'].map((v) => ({ name: v, value: v }))),
      )
      .addStringOption((o) =>
        o
          .setName('kind')
          .setDescription('Only this kind')
          .addChoices(...AlertKind.options.map((k) => ({ name: k.replace(/_/g, ' '), value: k }))),
      )
      .addStringOption((o) =>
        o
          .setName('priority')
          .setDescription('Only this priority')
          .addChoices(...AlertPriority.options.map((p) => ({ name: p, value: p }))),
      )
      .addIntegerOption((o) => o.setName('page').setDescription('Page (10 a page)').setMinValue(1).setMaxValue(1000)),
    new SlashCommandBuilder()
      .setName('team')
      .setDescription('Who is on shift, their load, who round robin picks next; managers pause and resume'),
    new SlashCommandBuilder()
      .setName('automations')
      .setDescription('Automation rules and the leads in each; managers switch them on and off')
      .addStringOption((o) =>
        o
          .setName('do')
          .setDescription('list (default), or test: a dry run on past events')
          .addChoices(...['list', 'test'].map((v) => ({ name: v, value: v }))),
      )
      .addIntegerOption((o) =>
        o.setName('days').setDescription('Days of past events to test on (default 30)').setMinValue(1).setMaxValue(366),
      )
      .addAttachmentOption((o) => o.setName('rules').setDescription('Rules file (JSON) to test instead of yours')),
    new SlashCommandBuilder()
      .setName('away')
      .setDescription('Take no new alerts until a date (default: tomorrow morning)')
      .addStringOption((o) => o.setName('until').setDescription('Date, e.g. 2026-07-15')),
    new SlashCommandBuilder().setName('back').setDescription('Take alerts again'),
    new SlashCommandBuilder()
      .setName('hours')
      .setDescription('Your working hours')
      .addStringOption((o) => o.setName('hours').setDescription('e.g. 9-18 or mon-fri 08:00-17:00').setRequired(true)),
    new SlashCommandBuilder()
      .setName('export')
      .setDescription("The team's data as a CSV file (managers)")
      .addStringOption((o) =>
        o
          .setName('what')
          .setDescription('What to export')
          .setRequired(true)
          .addChoices(...['leads', 'alerts', 'deals', 'report'].map((w) => ({ name: w, value: w }))),
      )
      .addStringOption((o) => o.setName('range').setDescription('7d, 30d, 90d or since <date> (default: everything)')),
    new SlashCommandBuilder()
      .setName('porchlight')
      .setDescription('Help, or link your Discord account')
      .addSubcommand((s) => s.setName('help').setDescription('Every command'))
      .addSubcommand((s) =>
        s
          .setName('link')
          .setDescription('Link your account to your agent profile')
          .addStringOption((o) => o.setName('email').setDescription('Your work email').setRequired(true)),
      )
      .addSubcommand((s) =>
        s
          .setName('settings')
          .setDescription('Team settings (managers): show them, or change one')
          .addStringOption((o) =>
            o
              .setName('key')
              .setDescription('The setting to change')
              .addChoices(
                ...[
                  'delivery.perHour',
                  'delivery.perDay',
                  'matching.threshold',
                  'alerts.hotScore',
                  'ai.enabled',
                  'sms.approveDrafts',
                  'officeHours',
                  'reports.channel',
                  'reports.weekly',
                ].map((k) => ({ name: k, value: k })),
              ),
          )
          .addStringOption((o) => o.setName('value').setDescription('New value (JSON or text)')),
      ),
  ].map((c) => c.toJSON());
}

interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: InteractionOption[];
}

/** An interaction's `data.resolved`: attachment options carry only an id, the file is described here. */
export interface InteractionResolved {
  attachments?: Record<string, { url?: string }>;
}

const ATTACHMENT_OPTION = 11;

/**
 * `/alert criteria:… for:Ana` → `alert 3 bed … for Ana`; sub-commands become words and an
 * attachment becomes its URL (`rules simulate 30 https://cdn.discordapp.com/…`).
 */
export function commandLineFromInteraction(
  name: string,
  options: InteractionOption[] = [],
  resolved: InteractionResolved = {},
): string {
  const words = [name];
  for (const o of options) {
    // A sub-command (type 1) or group (2) with nothing filled in may arrive without `options` at all.
    if (o.options !== undefined || o.type === 1 || o.type === 2)
      words.push(o.name, commandLineFromInteraction('', o.options, resolved).trim());
    else if (o.type === ATTACHMENT_OPTION) words.push(resolved.attachments?.[String(o.value)]?.url ?? '');
    else if (o.name === 'for') words.push('for', String(o.value));
    else if (o.value !== undefined) words.push(String(o.value));
  }
  return words.filter(Boolean).join(' ');
}
