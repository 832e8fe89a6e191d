import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { verifySlackInstallLink } from '../../bots/slack/slack-install-link.ts';
import type { OAuthAnswer } from '../../bots/slack/slack-oauth.ts';
import { slackOAuthPage } from '../../bots/slack/slack-oauth-page.ts';
import { SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from '../../core/slack/manifest.ts';

/**
 * Multi-workspace Slack install (OAuth v2), on when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set.
 * `GET /slack/install?tenant=<id>&sig=…` (from `porchlight slack install-link`) redirects to Slack's consent screen;
 * without `tenant` it installs into the team already linked to that workspace (`tenant add --slack-team`).
 * `GET /slack/oauth_redirect` exchanges the code, stores the sealed bot token per workspace and answers a page.
 */
// @slack/oauth (20 MB resident) is loaded by the first install, not at start.
const slackOAuth = () => import('../../bots/slack/slack-oauth.ts');

export function slackInstallRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  const off = () =>
    page(404, false, 'Slack install is off', 'Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to let workspaces install.');
  const enabled = () => Boolean(runtime.env.SLACK_CLIENT_ID && runtime.env.SLACK_CLIENT_SECRET);

  app.get(SLACK_INSTALL_PATH, async (c) => {
    if (!enabled()) return off();
    const query = { tenant: c.req.query('tenant'), sig: c.req.query('sig') };
    let tenantId: string | undefined;
    if (query.tenant || query.sig) {
      const link = verifySlackInstallLink(runtime.env, query, runtime.clock.now());
      if (!link.ok) return page(400, false, 'Slack was not connected', link.message);
      tenantId = link.tenantId;
    }
    return send(await (await slackOAuth()).startSlackInstall(runtime, requestOf(c.req.raw), tenantId));
  });

  app.get(SLACK_REDIRECT_PATH, async (c) => {
    if (!enabled()) return off();
    return send(await (await slackOAuth()).finishSlackInstall(runtime, requestOf(c.req.raw)));
  });
  return app;
}

function requestOf(req: Request): { url: string; cookie?: string } {
  const url = new URL(req.url);
  return { url: `${url.pathname}${url.search}`, cookie: req.headers.get('cookie') ?? undefined };
}

function send(answer: OAuthAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers))
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  return new Response(answer.body || null, { status: answer.status, headers });
}

function page(status: number, ok: boolean, title: string, message: string): Response {
  return new Response(slackOAuthPage({ ok, title, message }), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
