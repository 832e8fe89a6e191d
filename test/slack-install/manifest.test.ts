import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { parse } from 'yaml';
import { buildSlackManifest, SLACK_BOT_SCOPES } from '../../core/slack/manifest.ts';
import { slackManifestFor, slackManifestYaml } from '../../bin/commands/slack.ts';
import { discordInviteUrl, discordPermissionsInteger } from '../../bots/discord/discord-invite.ts';

const BASE = 'https://porchlight.example.com';

/** Bot token scopes Slack documents (https://docs.slack.dev/reference/scopes), the ones a small app might ask for. */
const VALID_BOT_SCOPES = new Set([
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'im:write',
  'mpim:history',
  'mpim:read',
  'mpim:write',
  'reactions:read',
  'reactions:write',
  'team:read',
  'users:read',
  'users:read.email',
  'users.profile:read',
]);

/** Every slash command design.md §6 and §8 promise in chat. */
const PROMISED = [
  '/top-deals',
  '/lead',
  '/property',
  '/pipeline',
  '/alert',
  '/leaderboard',
  '/porchlight',
  '/away',
  '/back',
  '/hours',
  '/alerts',
  '/team',
  '/report',
  '/export',
  '/automations',
  '/rules',
];

function urlsIn(value: unknown, key = ''): Array<[string, string]> {
  if (typeof value === 'string') return /url/i.test(key) ? [[key, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v) => urlsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlsIn(v, k));
  return [];
}

describe('porchlight slack manifest', () => {
  const manifest = slackManifestFor(BASE, false);

  it('points every URL at this server over https', () => {
    const urls = urlsIn(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(PROMISED.length + 3);
    for (const [, url] of urls) {
      expect(url.startsWith(`${BASE}/`)).toBe(true);
      expect(new URL(url).protocol).toBe('https:');
    }
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: `${BASE}/slack/events` });
    expect(manifest.settings.event_subscriptions.request_url).toBe(`${BASE}/slack/events`);
    expect(manifest.oauth_config.redirect_urls).toEqual([`${BASE}/slack/oauth_redirect`]);
  });

  it('declares every promised slash command as Slack accepts them', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c) => c.command).sort()).toEqual([...PROMISED].sort());
    expect(new Set(commands.map((c) => c.command)).size).toBe(commands.length);
    for (const c of commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]+$/);
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      if (c.usage_hint !== undefined) expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
      expect(c.url).toBe(`${BASE}/slack/events`);
    }
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it('asks only for valid bot scopes, the same ones the install asks for', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes.filter((s) => !VALID_BOT_SCOPES.has(s))).toEqual([]);
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(scopes).toEqual([...SLACK_BOT_SCOPES]);
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'im:write', 'files:write']));
  });

  it('prints YAML that parses back to the same manifest, and JSON of the same shape', () => {
    expect(parse(slackManifestYaml(manifest))).toEqual(JSON.parse(JSON.stringify(manifest)));
    const trailing = buildSlackManifest({ publicBaseUrl: `${BASE}/` });
    expect(trailing.oauth_config.redirect_urls).toEqual([`${BASE}/slack/oauth_redirect`]);
  });

  it('refuses an http base URL, and builds a URL-free manifest for Socket Mode', () => {
    expect(() => slackManifestFor('http://localhost:3000', false)).toThrow(/https/);
    const local = slackManifestFor('http://localhost:3000', true);
    expect(urlsIn(local)).toEqual([]);
    expect(local.settings.socket_mode_enabled).toBe(true);
  });
});

describe('porchlight discord invite', () => {
  it('asks for exactly the named permissions', () => {
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AttachFiles |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.UseApplicationCommands;
    expect(discordPermissionsInteger()).toBe(expected);
    const url = discordInviteUrl('123456789012345678');
    expect(url).toBe(
      `https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=${expected}`,
    );
    expect(new URL(url).searchParams.get('scope')).toBe('bot applications.commands');
  });
});
