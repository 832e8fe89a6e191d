import { ExportKind } from '../../core/exports/export-kind.ts';
import { parseSince } from '../../core/exports/parse-since.ts';
import type { ReportDimension, ReportRange } from '../../core/reports/report-options.ts';
import { isAlertId, type AlertActionName } from '../message/action-id.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { ALERT_ACTION_HELP, COMMAND_HELP, usageFor, usageMessage } from '../message/help-message.ts';
import { parseReportArgs } from './parse-report.ts';
import { parseRulesArgs } from './parse-rules.ts';
import { parseAutomationsArgs, type AutomationsArgs } from './parse-automations.ts';
import { parseAlertsArgs, parseBulkAlertArgs, type AlertsArgs, type BulkAlertArgs } from './parse-list-commands.ts';

/** Every command a person can type or click, after parsing; handlers switch on `name`. */
export type Command =
  | { name: 'top-deals'; area?: string; limit: number }
  | { name: 'lead'; query: string; queryKind: 'email' | 'phone' | 'name' }
  | { name: 'property'; query: string; queryKind: 'id' | 'address' }
  | { name: 'pipeline' }
  | { name: 'alert'; criteria: string; forLead?: string }
  | { name: 'leaderboard'; period: '7d' | '30d' }
  | { name: 'report'; range: ReportRange; by: ReportDimension }
  | { name: 'rules-simulate'; days: number; source?: string }
  | { name: 'help' }
  | { name: 'link'; email?: string }
  | { name: 'away'; until?: string }
  | { name: 'back' }
  | { name: 'hours'; hours: string }
  | { name: 'settings'; key?: string; value?: string }
  | { name: 'export'; what: ExportKind; since?: string }
  | { name: 'alert-action'; action: AlertActionName; alertId: string; targetAgent?: string }
  | ({ name: 'alerts' } & AlertsArgs)
  | ({ name: 'bulk-alert-action' } & BulkAlertArgs)
  | { name: 'team' }
  | { name: 'pause-agent'; agent: string; paused: boolean }
  | AutomationsArgs;

export type ParseResult = { ok: true; command: Command } | { ok: false; problem: string; reply: ChatMessage };

export const TOP_DEALS_DEFAULT = 5;
export const TOP_DEALS_MAX = 25;

const ACTION_WORDS: Record<string, AlertActionName> = {
  claim: 'claim',
  assign: 'assign',
  ack: 'acknowledge',
  acknowledge: 'acknowledge',
  snooze: 'snooze',
  dismiss: 'dismiss',
  send: 'send',
  won: 'win',
  win: 'win',
  lost: 'lose',
  lose: 'lose',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Parses one command line as typed in the terminal or sent by Slack/Discord (`/top-deals austin 5`,
 * `lead ana`, `claim 12`). Never throws: bad input comes back as a usage reply to show the user.
 * @example parseCommand('/top-deals round rock 3') // { ok: true, command: { name: 'top-deals', area: 'round rock', limit: 3 } }
 */
export function parseCommand(line: string): ParseResult {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return fail('Type a command.', '/porchlight help');
  const [head, ...args] = words;
  const name = head.replace(/^\//, '').toLowerCase();
  const rest = args.join(' ');

  switch (name) {
    case 'top-deals':
      return parseTopDeals(args);
    case 'lead':
      if (!rest) return fail('Who are you looking for?', usageFor('lead'));
      return ok({
        name: 'lead',
        query: rest,
        queryKind: EMAIL.test(rest) ? 'email' : looksLikePhone(rest) ? 'phone' : 'name',
      });
    case 'property':
      if (!rest) return fail('Which property? Give its listing id or address.', usageFor('property'));
      return ok({ name: 'property', query: rest, queryKind: args.length === 1 && /\d/.test(rest) ? 'id' : 'address' });
    case 'pipeline':
      return args.length === 0
        ? ok({ name: 'pipeline' })
        : fail('`/pipeline` takes no arguments.', usageFor('pipeline'));
    case 'alert':
      return parseAlert(rest);
    case 'leaderboard': {
      const period = (args[0] ?? '7d').toLowerCase();
      if (args.length > 1 || (period !== '7d' && period !== '30d'))
        return fail('The period is `7d` or `30d`.', usageFor('leaderboard'));
      return ok({ name: 'leaderboard', period });
    }
    case 'report': {
      const report = parseReportArgs(args);
      return typeof report === 'string' ? fail(report, usageFor('report')) : ok({ name: 'report', ...report });
    }
    case 'rules': {
      const rules = parseRulesArgs(args);
      return typeof rules === 'string' ? fail(rules, usageFor('rules')) : ok({ name: 'rules-simulate', ...rules });
    }
    case 'automations': {
      const automations = parseAutomationsArgs(args);
      return typeof automations === 'string' ? fail(automations, usageFor('automations')) : ok(automations);
    }
    case 'help':
      return ok({ name: 'help' });
    case 'porchlight':
      return parsePorchlight(args);
    case 'away':
      // `until` is optional: Discord sends the date alone.
      return ok(rest ? { name: 'away', until: rest.replace(/^until\s+/i, '') } : { name: 'away' });
    case 'back':
      return args.length ? fail('`/back` takes no arguments.', usageFor('back')) : ok({ name: 'back' });
    case 'export':
      return parseExport(args);
    case 'hours':
      if (!rest) return fail('Which hours? For example `/hours 9-18`.', usageFor('hours'));
      return ok({ name: 'hours', hours: rest });
    case 'alerts': {
      const list = parseAlertsArgs(args);
      return typeof list === 'string' ? fail(list, usageFor('alerts')) : ok({ name: 'alerts', ...list });
    }
    case 'team':
      if (args.length === 0) return ok({ name: 'team' });
      // Slack has no `/pause`: `/team pause sam` says the same.
      return /^(pause|resume)$/i.test(args[0])
        ? parsePause(args[0].toLowerCase(), args.slice(1))
        : fail('`/team` takes `pause <agent>`, `resume <agent>` or nothing.', usageFor('team'));
    case 'pause':
    case 'resume':
      return parsePause(name, args);
    default:
      if (Object.hasOwn(ACTION_WORDS, name)) return parseAlertAction(ACTION_WORDS[name], args);
      return fail(
        `Unknown command \`${head}\`. Try one of: ${COMMAND_HELP.map((c) => `\`/${c.name}\``).join(', ')}.`,
        '/porchlight help',
      );
  }
}

/** Slack and Discord deliver the command name and its text separately. */
export function parseSlashCommand(command: string, text: string): ParseResult {
  return parseCommand(`${command} ${text}`);
}

function parseTopDeals(args: string[]): ParseResult {
  let limit = TOP_DEALS_DEFAULT;
  const areaWords = [...args];
  const last = areaWords.at(-1);
  // Up to three digits is a count; five digits is a postal code, which is an area.
  if (last !== undefined && /^\d{1,3}$/.test(last)) {
    limit = Number(last);
    areaWords.pop();
    if (limit < 1 || limit > TOP_DEALS_MAX)
      return fail(`n must be between 1 and ${TOP_DEALS_MAX}.`, usageFor('top-deals'));
  }
  const area = areaWords.join(' ');
  return ok(area ? { name: 'top-deals', area, limit } : { name: 'top-deals', limit });
}

// "for under 500k" is criteria, "for Ana Lopez" is a lead: a lead name does not start with a
// price, a number or a comparison word.
const CRITERIA_AFTER_FOR = /^(under|over|below|above|less|more|about|around|up|max|min|sale|rent|\$|\d)/i;

function parseAlert(rest: string): ParseResult {
  if (!rest) return fail('Describe the home in plain words.', usageFor('alert'));
  const at = rest.toLowerCase().lastIndexOf(' for ');
  if (at > 0) {
    const tail = rest.slice(at + 5).trim();
    if (tail && !CRITERIA_AFTER_FOR.test(tail)) {
      const criteria = rest.slice(0, at).trim();
      return ok({ name: 'alert', criteria, forLead: tail });
    }
  }
  if (/^for\s/i.test(rest)) return fail('Say what to look for before `for <lead>`.', usageFor('alert'));
  return ok({ name: 'alert', criteria: rest });
}

const EXPORT_RANGES = ['7d', '30d', '90d'];

/** `/export leads`, `/export alerts 30d`, `/export deals since 2026-01-01` (Discord's range option arrives as text). */
function parseExport(args: string[]): ParseResult {
  const what = ExportKind.safeParse(args[0]?.toLowerCase());
  if (!what.success) return fail(`Export what? One of ${ExportKind.options.join(', ')}.`, usageFor('export'));
  const range = args.slice(1).join(' ').trim();
  if (!range) return ok({ name: 'export', what: what.data });
  if (EXPORT_RANGES.includes(range.toLowerCase()))
    return ok({ name: 'export', what: what.data, since: range.toLowerCase() });
  const date = /^since\s+(\S+)$/i.exec(range)?.[1];
  // Only the date's form is checked here; it is read against the clock when the command runs.
  if (date && parseSince(date, new Date(0)) && !date.endsWith('d'))
    return ok({ name: 'export', what: what.data, since: date });
  return fail('The range is `7d`, `30d`, `90d` or `since <date>` (like `since 2026-01-01`).', usageFor('export'));
}

function parsePorchlight(args: string[]): ParseResult {
  const sub = (args[0] ?? 'help').toLowerCase();
  if (sub === 'help' && args.length <= 1) return ok({ name: 'help' });
  if (sub === 'settings') {
    if (args.length === 1) return ok({ name: 'settings' });
    // `set` is optional: Discord's sub-command options arrive as `settings <key> <value>`.
    const [key, ...value] = args[1]?.toLowerCase() === 'set' ? args.slice(2) : args.slice(1);
    if (key && value.length) return ok({ name: 'settings', key, value: value.join(' ') });
    return fail('Say `/porchlight settings` or `/porchlight settings set <key> <value>`.', usageFor('porchlight'));
  }
  if (sub === 'link') {
    if (args.length === 1) return ok({ name: 'link' });
    if (args.length === 2 && EMAIL.test(args[1])) return ok({ name: 'link', email: args[1] });
    return fail('`link` takes your work email, or nothing to link by your chat profile email.', usageFor('porchlight'));
  }
  return fail(`Unknown \`/porchlight ${args.join(' ')}\`.`, usageFor('porchlight'));
}

function parseAlertAction(action: AlertActionName, args: string[]): ParseResult {
  const usage = ALERT_ACTION_HELP.find((a) => ACTION_WORDS[a.usage.split(' ')[0]] === action)!.usage;
  const bulk = parseBulkAlertArgs(action, args);
  if (typeof bulk === 'string')
    return fail(bulk, `${usage.split(' ')[0]} <alert>,<alert>,…${action === 'assign' ? ' <agent>' : ''}`);
  if (bulk) return ok({ name: 'bulk-alert-action', ...bulk });
  const alertId = args[0]?.replace(/^#/, '');
  if (!alertId || !isAlertId(alertId)) return fail('Which alert? Give its number.', usage);
  if (action === 'assign') {
    // Several words are one name: cards show unlinked agents by full name ("assign 12 Maria Garcia").
    const target = args.slice(1).join(' ').replace(/^@/, '');
    if (!target) return fail('Assign to whom? Give one agent handle.', usage);
    return ok({ name: 'alert-action', action, alertId, targetAgent: target });
  }
  // `snooze 12 1h` is accepted: 1h is the only snooze the buttons offer.
  const extraOk = action === 'snooze' && args.length === 2 && args[1].toLowerCase() === '1h';
  if (args.length > 1 && !extraOk) return fail(`\`${usage.split(' ')[0]}\` takes only the alert number.`, usage);
  return ok({ name: 'alert-action', action, alertId });
}

function parsePause(verb: string, args: string[]): ParseResult {
  const agent = args.join(' ').replace(/^@/, '');
  if (!agent) return fail(`Whom to ${verb}? Give an agent handle, like \`${verb} sam\`.`, usageFor('team'));
  return ok({ name: 'pause-agent', agent, paused: verb === 'pause' });
}

function looksLikePhone(text: string): boolean {
  return /^[+\d\s().-]+$/.test(text) && text.replace(/\D/g, '').length >= 7;
}

function ok(command: Command): ParseResult {
  return { ok: true, command };
}

function fail(problem: string, usage: string): ParseResult {
  return { ok: false, problem, reply: usageMessage(problem, usage) };
}
