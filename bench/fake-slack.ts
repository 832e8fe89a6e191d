import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  at: number;
  alertId: string;
}

/**
 * A fake Slack Web API on loopback: answers every method like Slack does and notes when the first alert about
 * each lead arrived in `chat.postMessage` (the card's text names the lead, its metadata the alert), which is when
 * the agent sees it.
 */
export async function fakeSlack() {
  const first = new Map<string, SlackPost>();
  const waiting = new Map<string, (post: SlackPost) => void>();
  let ts = 1_700_000_000;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const at = Date.now();
      const method = req.url?.split('/').pop() ?? '';
      const form = new URLSearchParams(body);
      let answer: Record<string, unknown> = { ok: true };
      if (method === 'chat.postMessage') {
        const metadata = JSON.parse(form.get('metadata') ?? '{}') as { event_payload?: { alert_id?: string } };
        const lead = /\bLead (\d+)\b/.exec(form.get('text') ?? '')?.[1];
        const alertId = metadata.event_payload?.alert_id;
        if (lead && alertId && !first.has(lead)) {
          first.set(lead, { at, alertId });
          waiting.get(lead)?.({ at, alertId });
        }
        answer = { ok: true, channel: form.get('channel'), ts: `${ts++}.000100`, message: { text: form.get('text') } };
      } else if (method === 'conversations.open') {
        answer = { ok: true, channel: { id: `D${form.get('users')}` } };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    /** The first post about lead number `n`, or undefined after `timeoutMs`. */
    firstPost(n: number, timeoutMs: number): Promise<SlackPost | undefined> {
      const key = String(n);
      const seen = first.get(key);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiting.set(key, (post) => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(post);
        });
      });
    },
  };
}
export type FakeSlack = Awaited<ReturnType<typeof fakeSlack>>;
