import { http, HttpResponse, type JsonBodyType } from 'msw';
import { server } from '../msw/server.ts';

export const GHL = 'https://ghl.test';

export interface SeenRequest {
  method: string;
  url: string;
  version: string | null;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

type Reply = { status?: number; json?: JsonBodyType; headers?: Record<string, string> };

/** Registers a GHL endpoint answering `replies` in turn (the last one repeats) and records every request. */
export function ghlEndpoint(
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  ...replies: Reply[]
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.use(
    http[method](`${GHL}${path}`, async ({ request }) => {
      const text = await request.text();
      seen.push({
        method: request.method,
        url: request.url,
        version: request.headers.get('version'),
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        body: text ? JSON.parse(text) : undefined,
      });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      return HttpResponse.json(reply.json ?? {}, { status: reply.status ?? 200, headers: reply.headers });
    }),
  );
  return seen;
}
