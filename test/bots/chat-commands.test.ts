import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { runCommand } from '../../bots/commands/run-command.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { savedSearches } from '../../db/schema/index.ts';
import type { Agent } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { openAlert, seedChatTeam, type ChatTeam } from './chat-team.ts';

/** Runs a typed line as `actor` and returns what Slack and Discord would show, as searchable text. */
async function ask(rt: Runtime, team: ChatTeam, line: string, actor: Agent = team.maria) {
  const parsed = parseCommand(line);
  const message = parsed.ok
    ? await runCommand(
        { runtime: rt, tenant: team.tenant, actor, platform: 'slack', platformUserId: actor.slackUserId ?? undefined },
        parsed.command,
      )
    : parsed.reply;
  const slack = renderSlack(message);
  const discord = renderDiscord(message);
  return {
    message,
    slack: JSON.stringify(slack.blocks).replace(/\\n/g, '\n'),
    discord: JSON.stringify(discord.embeds).replace(/\\n/g, '\n'),
    slackRendered: slack,
    discordRendered: discord,
  };
}

const seeded = async () => {
  const rt = await createTestRuntime({ clock: fixedClock('2026-03-04T15:00:00Z') });
  return { rt, team: await seedChatTeam(rt) };
};

describe('chat commands on Slack and Discord', () => {
  it('/top-deals ranks active listings by deal score, filtered by city or postal code', async () => {
    const { rt, team } = await seeded();
    const all = await ask(rt, team, '/top-deals');
    for (const text of [all.slack, all.discord]) {
      expect(text).toContain('Top 3 deals');
      expect(text.indexOf('ATX-100')).toBeLessThan(text.indexOf('RR-300'));
      expect(text.indexOf('RR-300')).toBeLessThan(text.indexOf('ATX-200'));
      expect(text).not.toContain('ATX-400'); // closed
      expect(text).toContain('9% under the ZIP median');
    }
    const roundRock = await ask(rt, team, '/top-deals round rock 2');
    for (const text of [roundRock.slack, roundRock.discord]) {
      expect(text).toContain('Top 1 deal in round rock');
      expect(text).toContain('7 Parmer Ln');
      expect(text).not.toContain('ATX-100');
    }
    const zip = await ask(rt, team, '/top-deals 78745');
    expect(zip.slack).toContain('ATX-200');
    expect(zip.discord).not.toContain('ATX-100');
    const nowhere = await ask(rt, team, '/top-deals Atlantis');
    expect(nowhere.discord).toContain('No scored active listings in Atlantis');
  });

  it('/lead shows score, reasons, searches, assignee and recent activity by name, phone or email', async () => {
    const { rt, team } = await seeded();
    for (const query of ['ana', '(512) 555-0142', 'ana.lopez@example.com']) {
      const { slack, discord } = await ask(rt, team, `/lead ${query}`);
      for (const text of [slack, discord]) {
        expect(text).toContain('Ana Lopez');
        expect(text).toContain('88 (hot)');
        expect(text).toContain('Replied within 5 minutes (+22)');
        expect(text).toContain('3+ bd · up to $450,000 · Austin (instant)');
        expect(text).toContain('Dev Patel (@dev)');
        expect(text).toContain('Can we see Barton Springs on Saturday?');
      }
    }
    const missing = await ask(rt, team, '/lead zelda');
    expect(missing.slack).toContain('No lead matches “zelda”');
    expect(missing.slackRendered.ephemeral).toBe(true);
  });

  it('/property shows the deal score reasons and the leads it matched', async () => {
    const { rt, team } = await seeded();
    const { slack, discord } = await ask(rt, team, '/property ATX-100');
    for (const text of [slack, discord]) {
      expect(text).toContain('1200 Barton Springs Rd, Austin 78704');
      expect(text).toContain('91/100');
      expect(text).toContain('9% under the ZIP median');
      expect(text).toContain('$465,000 (−9%)');
      expect(text).toContain('Matched leads');
    }
    const byAddress = await ask(rt, team, '/property barton springs');
    expect(byAddress.discord).toContain('ATX-100');
    const none = await ask(rt, team, '/property 404 Nowhere St');
    expect(none.slack).toContain('No listing matches');
  });

  it('/pipeline counts opportunities per stage with a PNG chart on Slack and Discord', async () => {
    const { rt, team } = await seeded();
    const { message, slackRendered, discordRendered } = await ask(rt, team, '/pipeline');
    expect(message.table?.rows).toEqual([
      ['New lead', '2'],
      ['Showing', '1'],
      ['Won', '1'],
    ]);
    expect(slackRendered.image?.filename).toBe('pipeline.png');
    expect(Buffer.from(slackRendered.image!.png).subarray(1, 4).toString()).toBe('PNG');
    expect(discordRendered.files[0].name).toBe('pipeline.png');
    expect(discordRendered.embeds[0].image?.url).toBe('attachment://pipeline.png');
    expect(JSON.stringify(slackRendered.blocks)).toContain('4 leads across 3 stages');
  });

  it('/alert saves a search for the lead, queues matching and says what it did not understand', async () => {
    const { rt, team } = await seeded();
    const { slack, discord } = await ask(rt, team, '/alert 3 bed under 400k in Round Rock no HOA for Ben Kim');
    for (const text of [slack, discord]) {
      expect(text).toContain('Search saved');
      expect(text).toContain('Saved for *Ben Kim*'.replace(/\*/g, discord === text ? '**' : '*'));
      expect(text).toContain('Not understood');
      expect(text).toContain('no hoa');
    }
    const [search] = await rt.db
      .select()
      .from(savedSearches)
      .where(and(eq(savedSearches.tenantId, team.tenant.id), eq(savedSearches.leadId, team.ben.id)));
    expect(search).toMatchObject({ minBeds: 3, maxPrice: 400000, cities: ['Round Rock'], origin: 'chat' });
    const jobs = await rt.queue.boss.fetch('listing.match');
    expect(jobs?.map((j) => j.data)).toEqual([
      { direction: 'search', tenantId: team.tenant.id, savedSearchId: search.id },
    ]);

    const noLead = await ask(rt, team, '/alert 3 bed in Austin');
    expect(noLead.slack).toContain('Who is the search for?');
    const unknown = await ask(rt, team, '/alert 3 bed in Austin for Zelda');
    expect(unknown.discord).toContain('No lead called “Zelda”');
  });

  it('/leaderboard counts claims, contacts and wins per agent with a chart', async () => {
    const { rt, team } = await seeded();
    const alert = await openAlert(rt, team, 'hot_lead');
    await actOnAlert(rt, {
      tenantId: team.tenant.id,
      alertId: alert.id,
      action: { type: 'claim' },
      actor: { id: team.dev.id, role: 'agent' },
    });
    await actOnAlert(rt, {
      tenantId: team.tenant.id,
      alertId: alert.id,
      action: { type: 'acknowledge' },
      actor: { id: team.dev.id, role: 'agent' },
    });
    const { message, slackRendered, discordRendered } = await ask(rt, team, '/leaderboard 30d');
    expect(message.header).toBe('🏆 Leaderboard, last 30 days');
    expect(message.table?.columns).toEqual(['#', 'Agent', 'Deals', 'Contacts', 'Claimed']);
    expect(message.table?.rows).toEqual([['1', 'Dev Patel', '0', '0', '1']]);
    expect(slackRendered.image?.filename).toBe('leaderboard-30d.png');
    expect(discordRendered.files[0].name).toBe('leaderboard-30d.png');
    expect(JSON.stringify(discordRendered.embeds)).toContain('Alerts claimed: Dev Patel 1');
    const bad = await ask(rt, team, '/leaderboard 90d');
    expect(bad.slack).toContain('The period is `7d` or `30d`.');
  });

  it('/porchlight help lists every command; unknown commands and bad arguments get usage, not errors', async () => {
    const { rt, team } = await seeded();
    const help = await ask(rt, team, '/porchlight help');
    for (const text of [help.slack, help.discord]) {
      for (const c of ['/top-deals', '/lead', '/property', '/pipeline', '/alert', '/leaderboard', '/porchlight'])
        expect(text).toContain(c);
    }
    const unknown = await ask(rt, team, '/frobnicate now');
    expect(unknown.slack).toContain('Unknown command `/frobnicate`');
    expect(unknown.discord).toContain('/porchlight help');
    const badN = await ask(rt, team, '/top-deals austin 99');
    expect(badN.slack).toContain('n must be between 1 and 25');
    const noAlert = await ask(rt, team, 'claim 999999');
    expect(noAlert.discord).toContain('No alert #999999');
    const nobody = await ask(rt, team, 'assign 1 zelda');
    expect(nobody.slack).toContain('No agent “zelda”');
  });

  it('/porchlight link ties a chat user to the agent with that email', async () => {
    const rt = await createTestRuntime();
    const team = await seedChatTeam(rt, { slack: false });
    const linked = await ask(rt, { ...team }, '/porchlight link sam@hillcountry.test', {
      ...team.sam,
      slackUserId: 'USAM9',
    });
    expect(linked.slack).toContain('Linked: you are *Sam Okafor* (agent)');
    const wrong = await ask(rt, team, '/porchlight link nobody@hillcountry.test', {
      ...team.sam,
      slackUserId: 'USAM9',
    });
    expect(wrong.discord).toContain('No agent with email nobody@hillcountry.test');
  });
});
