import { describe, expect, it } from 'vitest';
import { parseCommand, parseSlashCommand } from '../../bots/commands/parse-command.ts';
import { helpMessage } from '../../bots/message/help-message.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { renderTerminal } from '../../bots/render/render-terminal.ts';

const command = (line: string) => {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected ${line} to parse, got: ${result.problem}`);
  return result.command;
};

describe('parseCommand: every §6 command', () => {
  it.each([
    ['/top-deals', { name: 'top-deals', limit: 5 }],
    ['/top-deals austin', { name: 'top-deals', area: 'austin', limit: 5 }],
    ['/top-deals round rock 3', { name: 'top-deals', area: 'round rock', limit: 3 }],
    ['/top-deals 78701', { name: 'top-deals', area: '78701', limit: 5 }],
    ['/top-deals 78701 10', { name: 'top-deals', area: '78701', limit: 10 }],
    ['/top-deals 7', { name: 'top-deals', limit: 7 }],
    ['/lead ana', { name: 'lead', query: 'ana', queryKind: 'name' }],
    ['/lead Ana Lopez', { name: 'lead', query: 'Ana Lopez', queryKind: 'name' }],
    ['/lead +1 (512) 555-0123', { name: 'lead', query: '+1 (512) 555-0123', queryKind: 'phone' }],
    ['/lead ana.lopez@example.com', { name: 'lead', query: 'ana.lopez@example.com', queryKind: 'email' }],
    ['/property ACT-20931', { name: 'property', query: 'ACT-20931', queryKind: 'id' }],
    ['/property 1408 Oak Hollow Dr', { name: 'property', query: '1408 Oak Hollow Dr', queryKind: 'address' }],
    ['/pipeline', { name: 'pipeline' }],
    ['/alert 3 bed in Austin under 450k', { name: 'alert', criteria: '3 bed in Austin under 450k' }],
    [
      '/alert 3 bed in Austin under 450k for Ana Lopez',
      { name: 'alert', criteria: '3 bed in Austin under 450k', forLead: 'Ana Lopez' },
    ],
    ['/alert condo for under 300k', { name: 'alert', criteria: 'condo for under 300k' }],
    [
      '/alert house for sale near 78704 for ana@example.com',
      { name: 'alert', criteria: 'house for sale near 78704', forLead: 'ana@example.com' },
    ],
    ['/leaderboard', { name: 'leaderboard', period: '7d' }],
    ['/leaderboard 30d', { name: 'leaderboard', period: '30d' }],
    ['/porchlight help', { name: 'help' }],
    ['/porchlight', { name: 'help' }],
    ['/porchlight link', { name: 'link' }],
    ['/porchlight link maria@team.example', { name: 'link', email: 'maria@team.example' }],
    ['  /LEAD   ana  ', { name: 'lead', query: 'ana', queryKind: 'name' }],
    ['lead ana', { name: 'lead', query: 'ana', queryKind: 'name' }],
  ])('%s', (line, expected) => {
    expect(command(line)).toEqual(expected);
  });

  it('Slack and Discord deliver name and text apart; the result is the same', () => {
    expect(parseSlashCommand('/top-deals', 'austin 3')).toEqual(parseCommand('/top-deals austin 3'));
    expect(parseSlashCommand('/pipeline', '')).toEqual({ ok: true, command: { name: 'pipeline' } });
  });
});

describe('parseCommand: terminal button equivalents', () => {
  it.each([
    ['claim 12', { action: 'claim', alertId: '12' }],
    ['claim #12', { action: 'claim', alertId: '12' }],
    ['ack 12', { action: 'acknowledge', alertId: '12' }],
    ['acknowledge 12', { action: 'acknowledge', alertId: '12' }],
    ['snooze 12', { action: 'snooze', alertId: '12' }],
    ['snooze 12 1h', { action: 'snooze', alertId: '12' }],
    ['dismiss 12', { action: 'dismiss', alertId: '12' }],
    ['send 12', { action: 'send', alertId: '12' }],
    ['assign 12 maria', { action: 'assign', alertId: '12', targetAgent: 'maria' }],
    ['assign 12 @maria', { action: 'assign', alertId: '12', targetAgent: 'maria' }],
  ])('%s', (line, expected) => {
    expect(command(line)).toEqual({ name: 'alert-action', ...expected });
  });
});

describe('parseCommand: bad input gets a helpful reply, never a throw', () => {
  it.each([
    ['/frobnicate', 'Unknown command `/frobnicate`', '/porchlight help'],
    ['toString', 'Unknown command', '/porchlight help'],
    ['', 'Type a command', '/porchlight help'],
    ['/top-deals austin 0', 'n must be between 1 and 25', '/top-deals [area] [n]'],
    ['/top-deals austin 500', 'n must be between 1 and 25', '/top-deals [area] [n]'],
    ['/lead', 'Who are you looking for?', '/lead <name|phone|email>'],
    ['/property', 'Which property?', '/property <id|address>'],
    ['/pipeline now', 'takes no arguments', '/pipeline'],
    ['/alert', 'Describe the home', '/alert <criteria in plain words> [for <lead>]'],
    ['/alert for ana', 'Say what to look for', '/alert <criteria in plain words> [for <lead>]'],
    ['/leaderboard 90d', '`7d` or `30d`', '/leaderboard [7d|30d]'],
    ['/porchlight link not-an-email', 'work email', '/porchlight help | link [email] | settings [set <key> <value>]'],
    [
      '/porchlight dance',
      'Unknown `/porchlight dance`',
      '/porchlight help | link [email] | settings [set <key> <value>]',
    ],
    ['claim', 'Which alert?', 'claim <alert>'],
    ['claim twelve!', 'Which alert?', 'claim <alert>'],
    ['assign 12', 'Assign to whom?', 'assign <alert> <agent>'],
    ['dismiss 12 now', 'takes only the alert number', 'dismiss <alert>'],
  ])('%j', (line, problem, usage) => {
    const result = parseCommand(line);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain(problem);
    expect(result.reply.ephemeral).toBe(true);
    expect(result.reply.sections).toContain(`Usage: \`${usage}\``);
    // The reply reads the same on every platform.
    expect(renderSlack(result.reply).text).toContain(problem.replace(/`/g, ''));
    expect(renderDiscord(result.reply).embeds[0].description).toContain(usage);
    expect(renderTerminal(result.reply)).toContain(`Usage: ${usage}`);
  });
});

describe('helpMessage', () => {
  it('lists every command and the typed alert actions, on each platform', () => {
    const help = helpMessage();
    const slack = JSON.stringify(renderSlack(help).blocks);
    const discord = renderDiscord(help).embeds[0].description ?? '';
    const terminal = renderTerminal(help);
    for (const usage of [
      '/top-deals [area] [n]',
      '/lead <name|phone|email>',
      '/property <id|address>',
      '/pipeline',
      '/alert <criteria in plain words> [for <lead>]',
      '/leaderboard [7d|30d]',
      '/porchlight help',
      'claim <alert>',
      'assign <alert> <agent>',
    ]) {
      expect(discord).toContain(usage);
      expect(terminal).toContain(usage);
      expect(slack).toContain(usage.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    expect(help.ephemeral).toBe(true);
  });
});
