import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { slackHeaders } from '../bots/chat-team.ts';
import { createApp } from '../../webhooks/app.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { open } from '../../core/crypto/secret-box.ts';
import { signState } from '../../core/crypto/signed-state.ts';
import { slackInstallLink } from '../../bots/slack/slack-install-link.ts';
import { createAgent, createTenant, getTenant } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { slackInstallationByTeam } from '../../db/queries/slack-installations.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { slackChannel } from '../../bots/slack/slack-channel.ts';
import { loadAlertView } from '../../bots/deliveries/load-alert-view.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { createHmac } from 'node:crypto';

const ACCESS = JSON.parse(
  readFileSync(new URL('../fixtures/oauth/slack-oauth-v2-access-response.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const OAUTH_ENV = {
  SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_API_URL: 'https://slack.test/api/',
};

/** Two workspaces as Slack would answer for them: A is the documented sample, B the same shape with its own ids. */
const WORKSPACES = {
  'code-a': { ...ACCESS },
  'code-b': {
    ...ACCESS,
    access_token: 'xoxb-team-b-token',
    bot_user_id: 'UBOTB',
    team: { name: 'Lakeway Realty', id: 'TBBBB' },
  },
} as Record<string, Record<string, unknown>>;
const TEAM_A = 'T9TK3CUKW';
const TEAM_A_TOKEN = 'xoxb-sample-bot-token';

/** Slack's OAuth endpoints plus the Web API recorder; `exchanges` are the oauth.v2.access form bodies. */
function fakeSlackOAuth(options: { users?: Record<string, string> } = {}) {
  const slack = recordSlack(options);
  const exchanges: URLSearchParams[] = [];
  server.use(
    http.post('https://slack.test/api/oauth.v2.access', async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      exchanges.push(form);
      const answer = WORKSPACES[form.get('code') ?? ''];
      return HttpResponse.json(answer ?? { ok: false, error: 'invalid_code' });
    }),
    http.post('https://slack.test/api/auth.test', async ({ request }) => {
      const token = request.headers.get('authorization')?.replace('Bearer ', '');
      const team = Object.values(WORKSPACES).find((w) => w.access_token === token);
      return HttpResponse.json(
        team
          ? { ok: true, team_id: (team.team as { id: string }).id, user_id: team.bot_user_id, bot_id: 'B0BOT' }
          : { ok: false, error: 'invalid_auth' },
      );
    }),
  );
  return { ...slack, exchanges };
}

/** A browser going through the install: our link, Slack's consent (skipped: we know the code), the redirect back. */
async function install(rt: Runtime, link: string, code: string) {
  const app = createApp(rt);
  const start = await app.request(link);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const cookie = start.headers.get('set-cookie')!.split(';')[0];
  const state = authorize.searchParams.get('state')!;
  const done = await app.request(`/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
  return { authorize, state, cookie, done, html: await done.text() };
}

async function twoTeams(rt: Runtime) {
  const { tenant: a } = await createTenant(rt.db, { name: 'Hill Country Homes' });
  const { tenant: b } = await createTenant(rt.db, { name: 'Lakeway Realty' });
  await createAgent(rt.db, { tenantId: a.id, name: 'Dev Patel', email: 'dev@hill.test', slackUserId: 'UDEV' });
  await createAgent(rt.db, { tenantId: b.id, name: 'Lia Chen', email: 'lia@lakeway.test' });
  await createLead(rt.db, { tenantId: a.id, name: 'Ana Lopez', score: 88, temperature: 'hot', reasons: [] });
  await createLead(rt.db, { tenantId: b.id, name: 'Ana Torres', score: 61, temperature: 'warm', reasons: [] });
  return { a, b };
}

function slashCommand(teamId: string, userId: string, command: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    team_id: teamId,
    team_domain: 'x',
    channel_id: 'C777',
    user_id: userId,
    user_name: 'u',
    command,
    text,
    response_url: responseUrl,
    trigger_id: `trigger-${teamId}`,
    api_app_id: 'A0KRD7HC3',
  }).toString();
}

async function postCommand(rt: Runtime, body: string) {
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
  return res;
}

describe('Slack OAuth install', () => {
  it('redirects to Slack with our client id, the bot scopes, the redirect URL and a signed state', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    const { a } = await twoTeams(rt);
    const res = await createApp(rt).request(slackInstallLink(rt.env, a.id, rt.clock.now()));
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1111.2222');
    expect(url.searchParams.get('redirect_uri')).toBe('https://porchlight.test/slack/oauth_redirect');
    expect(url.searchParams.get('scope')!.split(',')).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'users:read.email', 'im:write', 'files:write']),
    );
    expect(url.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(res.headers.get('set-cookie')).toContain(`=${url.searchParams.get('state')}`);
  });

  it('stores the workspace per team with a sealed token, linked to the tenant the link names', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    const slack = fakeSlackOAuth();
    const { a } = await twoTeams(rt);
    const { done, html } = await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'code-a');
    expect(done.status).toBe(200);
    expect(done.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('Slack connected');
    expect(html).toContain('Slack Softball Team');

    const exchange = slack.exchanges[0]!;
    expect(exchange.get('code')).toBe('code-a');
    expect(exchange.get('client_id')).toBe('1111.2222');
    expect(exchange.get('redirect_uri')).toBe('https://porchlight.test/slack/oauth_redirect');

    const row = (await slackInstallationByTeam(rt.db, TEAM_A))!;
    expect(row).toMatchObject({ tenantId: a.id, teamName: 'Slack Softball Team', botUserId: 'U0KRQLJ9H' });
    expect(row.botTokenSealed).not.toContain('xoxb');
    expect(open(row.botTokenSealed, rt.env.APP_SECRETS ?? rt.env.APP_SECRET!)).toBe(TEAM_A_TOKEN);
    expect(row.botScopes).toContain('chat:write');
    expect((await getTenant(rt.db, a.id))!.slackTeamId).toBe(TEAM_A);
  });

  it('answers a slash command with the token of the workspace it came from, and never crosses two workspaces', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    const slack = fakeSlackOAuth({ users: { ULIA: 'lia@lakeway.test' } });
    const { a, b } = await twoTeams(rt);
    await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'code-a');
    expect((await install(rt, slackInstallLink(rt.env, b.id, rt.clock.now()), 'code-b')).done.status).toBe(200);
    const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
    onTestFinished(() => workers.stop(5_000));

    // `/alert` alone opens the form at once, through Bolt's client: the authorize() token of that team.
    await postCommand(rt, slashCommand(TEAM_A, 'UDEV', '/alert', '', 'https://hooks.slack.test/commands/a/1'));
    await postCommand(rt, slashCommand('TBBBB', 'ULIA', '/alert', '', 'https://hooks.slack.test/commands/b/1'));
    // Bolt acks before opening the form, so the call may land just after the HTTP answer.
    const opens = await waitFor(() => (slack.of('views.open').length === 2 ? slack.of('views.open') : undefined));
    expect(opens.map((o) => [o.args.trigger_id, o.auth])).toEqual([
      [`trigger-${TEAM_A}`, `Bearer ${TEAM_A_TOKEN}`],
      ['trigger-TBBBB', 'Bearer xoxb-team-b-token'],
    ]);

    // Team B's unlinked user is found by profile email with B's token, and sees B's leads only.
    await postCommand(rt, slashCommand('TBBBB', 'ULIA', '/lead', 'ana', 'https://hooks.slack.test/commands/b/2'));
    const reply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/b/2')));
    const lookups = slack.of('users.info');
    expect(lookups.map((l) => [l.args.user, l.auth])).toEqual([['ULIA', 'Bearer xoxb-team-b-token']]);
    const text = JSON.stringify(reply.body);
    expect(text).toContain('Ana Torres');
    expect(text).not.toContain('Ana Lopez');

    // Team A's linked agent sees A's lead, and no call for A ever carried B's token.
    await postCommand(rt, slashCommand(TEAM_A, 'UDEV', '/lead', 'ana', 'https://hooks.slack.test/commands/a/2'));
    const replyA = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/a/2')));
    expect(JSON.stringify(replyA.body)).toContain('Ana Lopez');
    expect(JSON.stringify(replyA.body)).not.toContain('Ana Torres');
    const tokensSeen = slack.calls.filter((c) => c.method !== 'auth.test').map((c) => c.auth);
    expect(tokensSeen).not.toContain(null);
  });

  it('refuses a forged, foreign-browser or tampered state and stores nothing', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    const slack = fakeSlackOAuth();
    const { a } = await twoTeams(rt);
    const app = createApp(rt);
    const forged = signState(
      'another-secret-another-secret-0123',
      { purpose: 'slack-install', tenantId: a.id },
      rt.clock.now(),
    );
    const attempts = [
      // A state we never issued, with a matching cookie (an attacker controls both).
      { state: forged, cookie: `slack-app-oauth-state=${forged}` },
      // A genuine state replayed from a browser that did not start the install.
      { state: (await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'nope')).state, cookie: '' },
    ];
    for (const { state, cookie } of attempts) {
      const res = await app.request(`/slack/oauth_redirect?code=code-a&state=${encodeURIComponent(state)}`, {
        headers: cookie ? { cookie } : {},
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Slack was not connected');
    }
    // An install link whose tenant was edited.
    const link = new URL(slackInstallLink(rt.env, a.id, rt.clock.now()));
    link.searchParams.set('tenant', 'someone-else');
    const edited = await app.request(`${link.pathname}${link.search}`);
    expect(edited.status).toBe(400);
    expect(slack.exchanges.map((e) => e.get('code'))).toEqual(['nope']);
    expect(await slackInstallationByTeam(rt.db, TEAM_A)).toBeUndefined();
    expect((await getTenant(rt.db, a.id))!.slackTeamId).toBeNull();
  });

  it('refuses a workspace already connected to another team, leaving the first install intact', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    fakeSlackOAuth();
    const { a, b } = await twoTeams(rt);
    await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'code-a');
    const second = await install(rt, slackInstallLink(rt.env, b.id, rt.clock.now()), 'code-a');
    expect(second.done.status).toBe(409);
    expect(second.html).toContain('already connected to another Porchlight team');
    expect((await slackInstallationByTeam(rt.db, TEAM_A))!.tenantId).toBe(a.id);
    expect((await getTenant(rt.db, b.id))!.slackTeamId).toBeNull();
  });

  it("delivers and updates a team's alert DMs with that team's installed token", async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    const slack = fakeSlackOAuth();
    const { a, b } = await twoTeams(rt);
    await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'code-a');
    await install(rt, slackInstallLink(rt.env, b.id, rt.clock.now()), 'code-b');
    for (const [tenantId, token] of [
      [b.id, 'xoxb-team-b-token'],
      [a.id, TEAM_A_TOKEN],
    ]) {
      const tenant = (await getTenant(rt.db, tenantId))!;
      expect(slackChannel.available(rt, tenant)).toBe(true);
      const lead = await createLead(rt.db, { tenantId, name: 'Hot Lead', score: 90, temperature: 'hot', reasons: [] });
      const alert = (await insertAlert(rt.db, {
        tenantId,
        kind: 'hot_lead',
        priority: 'high',
        leadId: lead.id,
        listingKey: null,
        dedupeKey: `hot_lead:${lead.id}`,
        reason: 'Hot Lead is hot',
        expiresAt: new Date(Date.now() + 86_400_000),
      }))!;
      const view = await loadAlertView(rt.db, tenant, alert);
      const sent = await slackChannel.deliverAlert(rt, {
        tenant,
        view,
        recipient: 'UAGENT',
        recipientKind: 'agent',
        idempotencyKey: `${alert.id}:slack:UAGENT`,
      });
      expect(sent.status).toBe('sent');
      await slackChannel.updateAlert!(rt, tenant, { channel: 'DAGENT', ts: '1.2' }, view);
      expect(slack.of('chat.postMessage').at(-1)!.auth).toBe(`Bearer ${token}`);
      expect(slack.of('chat.update').at(-1)!.auth).toBe(`Bearer ${token}`);
    }
  });

  it('forgets the stored token when the workspace uninstalls the app', async () => {
    const rt = await createTestRuntime({ env: OAUTH_ENV });
    fakeSlackOAuth();
    const { a } = await twoTeams(rt);
    await install(rt, slackInstallLink(rt.env, a.id, rt.clock.now()), 'code-a');
    const body = JSON.stringify({
      token: 'legacy',
      team_id: TEAM_A,
      api_app_id: 'A0KRD7HC3',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: Math.floor(rt.clock.now().getTime() / 1000),
      event: { type: 'app_uninstalled' },
    });
    const ts = String(Math.floor(rt.clock.now().getTime() / 1000));
    const signature = `v0=${createHmac('sha256', OAUTH_ENV.SLACK_SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await createApp(rt).request('/slack/events', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
    });
    expect(res.status).toBe(200);
    await waitFor(async () => ((await slackInstallationByTeam(rt.db, TEAM_A)) ? undefined : true));
  });
});
