import { describe, expect, it } from 'vitest';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../core/messaging/unsubscribe-token.ts';

const SECRET = 'test-app-secret-0123456789';
const claims = {
  tenantId: 'tenant_1',
  channel: 'email' as const,
  address: 'ana@example.com',
  issuedAt: '2026-05-01T12:00:00.000Z',
};

describe('unsubscribe tokens', () => {
  it('round-trips the claims and is URL-safe', () => {
    const token = createUnsubscribeToken(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ ok: true, claims });
  });

  it('refuses a token whose payload was edited to unsubscribe someone else', () => {
    const [, mac] = createUnsubscribeToken(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, address: 'bob@example.com' })).toString('base64url');
    expect(verifyUnsubscribeToken(`${forged}.${mac}`, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a flipped signature byte, a truncated signature, another secret and junk', () => {
    const token = createUnsubscribeToken(claims, SECRET);
    const [payload, mac] = token.split('.');
    const flipped = Buffer.from(mac, 'base64url');
    flipped[0] ^= 1;
    expect(verifyUnsubscribeToken(`${payload}.${flipped.toString('base64url')}`, SECRET).ok).toBe(false);
    expect(verifyUnsubscribeToken(`${payload}.${mac.slice(0, 10)}`, SECRET).ok).toBe(false);
    expect(verifyUnsubscribeToken(token, 'another-secret-0123456789').ok).toBe(false);
    expect(verifyUnsubscribeToken('not-a-token', SECRET)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyUnsubscribeToken('', SECRET).ok).toBe(false);
  });

  it('will not sign with a missing or short secret', () => {
    expect(() => createUnsubscribeToken(claims, '')).toThrow(/APP_SECRET/);
    expect(() => createUnsubscribeToken(claims, 'short')).toThrow(/APP_SECRET/);
  });
});
