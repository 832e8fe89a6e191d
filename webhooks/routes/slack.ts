import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { assertSignature } from '../../bots/verify/signature-check.ts';
import { verifySlackSignature } from '../../bots/verify/verify-slack-signature.ts';
import { slackHttpApp } from '../../bots/slack/slack-app.ts';

/**
 * `POST /slack/events`: slash commands, interactivity and events in one URL. The signature is
 * checked on the raw bytes (re-encoding the form would change them) with the runtime clock, then
 * Bolt routes the parsed body to our listeners, which ack at once.
 */
export function slackRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.post('/slack/events', async (c) => {
    const secret = runtime.env.SLACK_SIGNING_SECRET;
    if (!secret)
      throw new AppError('not_found', 'Slack is not configured on this server (SLACK_SIGNING_SECRET is unset)');
    const raw = await c.req.text();
    assertSignature(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: raw,
        now: runtime.clock.now(),
        maxAgeSeconds: runtime.env.WEBHOOK_MAX_AGE_SECONDS,
        timestamp: c.req.header('x-slack-request-timestamp'),
        signature: c.req.header('x-slack-signature'),
      }),
    );
    const body = parseSlackBody(raw, c.req.header('content-type') ?? '');
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    const retryNum = c.req.header('x-slack-retry-num');
    const { receiver } = slackHttpApp(runtime);
    const answer = await receiver.handle(body, {
      retryNum: retryNum ? Number(retryNum) : undefined,
      retryReason: c.req.header('x-slack-retry-reason'),
    });
    if (answer.body === '' || answer.body === undefined) return c.body(null, 200);
    return typeof answer.body === 'string' ? c.text(answer.body, 200) : c.json(answer.body as object, 200);
  });
  return app;
}

/** Commands arrive form-encoded, interactions as a form field `payload` holding JSON, events as JSON. */
function parseSlackBody(raw: string, contentType: string): Record<string, unknown> {
  try {
    if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(raw));
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  } catch {
    throw new AppError('invalid_json', 'Slack request body is not valid JSON');
  }
}
