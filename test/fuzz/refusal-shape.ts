import { expect } from 'vitest';

/**
 * What every answer to hostile input must look like: never a 5xx, and a refusal names its problem
 * (JSON `{"error":{"code","message"}}`, or the TwiML/HTML a surface must answer with).
 */
export async function expectHandled(res: Response, what: string, surface = what.split(' ')[0]): Promise<void> {
  const tally = (answers[surface] ??= { inputs: 0, accepted: 0, refused4xx: 0, status5xx: 0 });
  tally.inputs++;
  if (res.status >= 500) tally.status5xx++;
  else if (res.status >= 400) tally.refused4xx++;
  else tally.accepted++;
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

const answers: Record<string, { inputs: number; accepted: number; refused4xx: number; status5xx: number }> = {};

/** One JSON line per surface fuzzed in this file: how many inputs, and how each was answered. */
export function reportFuzzFigures(): void {
  for (const [surface, tally] of Object.entries(answers)) console.log(JSON.stringify({ fuzz: surface, ...tally }));
}
