import { expect } from 'vitest';

/**
 * What every answer to hostile input must look like: never a 5xx, and a refusal names its problem
 * (JSON `{"error":{"code","message"}}`, or the TwiML/HTML a surface must answer with).
 */
export async function expectHandled(res: Response, what: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, `${what}: refusal without a code: ${text.slice(0, 300)}`).toBe('string');
    expect(String(body.error?.message ?? '').length, `${what}: refusal without a message`).toBeGreaterThan(0);
  } else {
    expect(type, `${what}: refusal neither JSON, XML nor HTML`).toMatch(/xml|html/);
  }
}
