import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  auth: string | null;
}
export interface ResponseUrlPost {
  url: string;
  body: { response_type: string; replace_original: boolean; text: string; blocks: Array<Record<string, unknown>> };
}

/**
 * A fake Slack at SLACK_API_URL and hooks.slack.test: records every Web API call (form fields,
 * JSON ones decoded) and every response_url post, and answers like Slack does.
 */
export function recordSlack(
  options: { users?: Record<string, string>; history?: Array<Record<string, unknown>> } = {},
) {
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  let ts = 1700000000;
  server.use(
    http.post('https://slack.test/api/:method', async ({ request, params }) => {
      const form = new URLSearchParams(await request.text());
      const args: Record<string, unknown> = {};
      for (const [k, v] of form) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
      const method = String(params.method);
      calls.push({ method, args, auth: request.headers.get('authorization') });
      switch (method) {
        case 'chat.postMessage':
          return HttpResponse.json({
            ok: true,
            channel: args.channel === 'UDEV' ? 'DDEV' : String(args.channel),
            ts: `${ts++}.000100`,
          });
        case 'chat.update':
          return HttpResponse.json({ ok: true, channel: args.channel, ts: args.ts });
        case 'chat.postEphemeral':
          return HttpResponse.json({ ok: true, message_ts: '1.2' });
        case 'users.info': {
          const email = options.users?.[String(args.user)];
          return HttpResponse.json(
            email ? { ok: true, user: { id: args.user, profile: { email } } } : { ok: false, error: 'user_not_found' },
          );
        }
        case 'conversations.open':
          return HttpResponse.json({ ok: true, channel: { id: `D${String(args.users)}` } });
        case 'conversations.history':
          return HttpResponse.json({ ok: true, messages: options.history ?? [] });
        case 'views.open':
          return HttpResponse.json({ ok: true, view: { id: 'V1' } });
        default:
          return HttpResponse.json({ ok: false, error: 'unknown_method' });
      }
    }),
    http.post('https://hooks.slack.test/*', async ({ request }) => {
      responses.push({ url: request.url, body: (await request.json()) as ResponseUrlPost['body'] });
      return HttpResponse.text('ok');
    }),
  );
  return { calls, responses, of: (method: string) => calls.filter((c) => c.method === method) };
}

/** Every visible string in a Block Kit message, to assert what a person would read. */
export function blockText(blocks: Array<Record<string, unknown>>): string {
  return JSON.stringify(blocks).replace(/\\n/g, '\n');
}
