import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { slackHttpApp } from '../../bots/slack/slack-app.ts';
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

/** Commands arrive as a form, interactions as a form field `payload` holding JSON, events as JSON. */
function slackBody(raw: string, form: Record<string, string> | undefined): Record<string, unknown> {
  try {
    if (!form) return JSON.parse(raw) as Record<string, unknown>;
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  } catch {
    throw new AppError('invalid_json', 'Slack request body is not valid JSON');
  }
}
