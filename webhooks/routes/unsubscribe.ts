import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { escapeHtml } from '../../core/messaging/render-email.ts';
import { verifyUnsubscribeToken, type UnsubscribeClaims } from '../../core/messaging/unsubscribe-token.ts';
import { maskEmail, maskPhone } from '../../core/observability/mask.ts';
import { optOutByLink } from '../../db/use-cases/inbound/opt-out-by-link.ts';
import { findLeadByEmail } from '../../db/queries/leads.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { updateEmailCadence } from '../../bots/email/email-cadence.ts';

const HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">';
const BODY_STYLE = 'font-family:Arial,sans-serif;max-width:480px;margin:40px auto;padding:0 16px;color:#222';
const page = (title: string, body: string) =>
  `<!doctype html><html><head>${HEAD}<title>${escapeHtml(title)}</title></head>\n` +
  `<body style="${BODY_STYLE}"><h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`;

const masked = (c: UnsubscribeClaims) => (c.channel === 'email' ? maskEmail(c.address) : maskPhone(c.address));

function claimsOf(runtime: Runtime, token: string): UnsubscribeClaims | null {
  // Without APP_SECRET we never signed a link, so no token can be ours: a clean "not valid".
  if (!runtime.env.APP_SECRET) return null;
  const verified = verifyUnsubscribeToken(token, runtime.env.APP_SECRET);
  return verified.ok ? verified.claims : null;
}

/**
 * GET|POST /unsubscribe/:token (RFC 8058). GET only shows a page with a button: mail scanners and
 * link previewers fetch links, and a fetch must never unsubscribe anyone. POST is the one-click
 * action (the mailbox provider sends `List-Unsubscribe=One-Click`, the button sends the same),
 * needs no cookie or login, and is idempotent. `?keep=1` is the "still interested" page.
 */
export function unsubscribeRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();

  app.get('/unsubscribe/:token', (c) => {
    const claims = claimsOf(runtime, c.req.param('token'));
    if (!claims)
      return c.html(
        page(
          'Link not valid',
          '<p>This unsubscribe link is damaged or was not issued by us. ' +
            'Reply to any of our emails to be removed by hand.</p>',
        ),
        400,
      );
    const keep = c.req.query('keep') === '1';
    const action = keep ? 'keep' : 'unsubscribe';
    const label = keep ? 'Yes, keep sending' : 'Unsubscribe';
    const question = keep ? 'Keep getting new listings?' : `Unsubscribe ${masked(claims)}?`;
    return c.html(
      page(
        question,
        `<form method="post"><input type="hidden" name="action" value="${action}">
<button type="submit" style="padding:10px 16px;font-size:16px">${label}</button></form>`,
      ),
    );
  });

  app.post('/unsubscribe/:token', async (c) => {
    const claims = claimsOf(runtime, c.req.param('token'));
    if (!claims) throw new AppError('bad_request', 'Unsubscribe token is malformed or its signature does not match');
    const form = new URLSearchParams(await c.req.text());
    const tenant = await getTenant(runtime.db, claims.tenantId);
    if (!tenant) throw new AppError('bad_request', 'Unsubscribe token names no existing team');
    if (form.get('action') === 'keep') {
      const lead =
        claims.channel === 'email' ? await findLeadByEmail(runtime.db, tenant.id, claims.address) : undefined;
      // "Keep sending" is an engagement: it restores the cadence and never asks "still interested?" by itself.
      if (lead) await updateEmailCadence(runtime, tenant, lead, 'kept', runtime.clock.now());
      return done(c, 'Thanks! We will keep sending new listings.');
    }
    const reason = form.get('List-Unsubscribe') === 'One-Click' ? 'one-click (RFC 8058)' : 'unsubscribe page';
    const optOut = { tenantId: tenant.id, channel: claims.channel, address: claims.address, reason };
    await optOutByLink({ db: runtime.db, queue: runtime.queue }, optOut);
    c.get('logger').info({ address: masked(claims), channel: claims.channel }, 'unsubscribed by link');
    return done(
      c,
      `${masked(claims)} is unsubscribed. You will get no more messages of this kind from ${tenant.name}.`,
    );
  });

  return app;
}

const done = (c: Context<AppEnv>, message: string) => c.html(page('Done', `<p>${escapeHtml(message)}</p>`));
