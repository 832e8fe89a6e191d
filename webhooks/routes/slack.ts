import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { cleanText, readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import { slackRequestBody } from '../../bots/slack/slack-request-body.ts';
import { verifySignature } from '../middleware/verify-signature.ts';

/**
 * `POST /slack/events`: slash commands, interactivity and events in one URL. The middleware checks
 * the signature on the raw bytes with the runtime clock (Bolt's receiver does not check again),
 * then Bolt routes the parsed body to our listeners, which ack at once.
 */
export function slackRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.post('/slack/events', verifySignature('slack', runtime), async (c) => {
    const body = slackBody(c.get('rawBody').toString('utf8'), c.get('verified').form);
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    const retryNum = c.req.header('x-slack-retry-num');
    // Bolt comes from the providers, loaded at start only where Slack is configured (jobs/providers.ts).
    const { receiver } = runtime.providers.slackApp();
    const answer = await receiver.handle(body, {
      retryNum: retryNum ? Number(retryNum) : undefined,
      retryReason: c.req.header('x-slack-retry-reason'),
    });
    if (answer.body === '' || answer.body === undefined) return c.body(null, 200);
    return typeof answer.body === 'string' ? c.text(answer.body, 200) : c.json(answer.body as object, 200);
  });
  return app;
}

/**
 * Commands arrive as a form, interactions as a form field `payload` holding JSON, events as JSON;
 * each is read by the one inbound JSON rule (NUL removed, nesting capped) and checked against what
 * Slack sends before anything uses it.
 */
function slackBody(raw: string, form: Record<string, string> | undefined): Record<string, unknown> {
  if (!form) return slackRequestBody('event', readInboundJson(raw, 'Slack request body').value);
  if (!Object.hasOwn(form, 'payload')) return slackRequestBody('command', cleanForm(form));
  return slackRequestBody('interaction', readInboundJson(form.payload, 'Slack payload').value);
}

const cleanForm = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).map(([name, value]) => [cleanText(name), cleanText(value)]));
