import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createApp } from '../../webhooks/app.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

describe('HTTP service', () => {
  it('answers health, readiness and metrics', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('porchlight_http_requests_total{method="GET",route="/readyz",status="200"} 1');
    expect(metrics).toMatch(/porchlight_queue_depth\{queue="lead.score",state="queued"\} 0/);
  });

  it('readiness answers 503 naming the database when it is down', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    await rt.queue.boss.stop({ graceful: false, close: rt.database.kind === 'postgres' });
    await rt.database.close();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { down: string[] };
    expect(body.down).toContain('database');
  });

  it('turns AppErrors into {"error":{code,message}} and unknown routes into 404', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    const extra = new Hono();
    extra.get('/boom', () => {
      throw new AppError('already_claimed', 'Already claimed by @maria');
    });
    extra.get('/crash', () => {
      throw new Error('secret internals');
    });
    app.route('/t', extra);
    const res = await app.request('/t/boom');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'already_claimed', message: 'Already claimed by @maria' } });
    const crash = await app.request('/t/crash');
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain('secret internals');
    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(missing.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses bodies over 1 MiB with 413 and a JSON error', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    app.post('/echo', async (c) => c.json({ size: (await c.req.text()).length }));
    const big = 'x'.repeat(1024 * 1024 + 1);
    const res = await app.request('/echo', { method: 'POST', body: big, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('judges a declared length by the header: over 1 MiB is 413 unread, under it is read whole', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    app.post('/echo', async (c) => c.json({ size: (await c.req.text()).length }));
    const post = (body: string) =>
      app.request('/echo', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)) },
      });
    const over = await post('x'.repeat(1024 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const under = await post('x'.repeat(1024 * 1024));
    expect(under.status).toBe(200);
    expect(await under.json()).toEqual({ size: 1024 * 1024 });
  });
});
