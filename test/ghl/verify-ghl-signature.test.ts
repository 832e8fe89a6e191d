import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePublicKey } from '../../webhooks/signatures/parse-public-key.ts';
import { GHL_ED25519_PUBLIC_KEY_PEM, GHL_RSA_PUBLIC_KEY_PEM } from '../../core/ghl/ghl-public-keys.ts';
import { verifyGhlSignature } from '../../webhooks/signatures/ghl.ts';
import { createGhlTestKeys, signGhlEd25519, signGhlRsa } from '../helpers/ghl-signing.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/ghl', import.meta.url));
const keys = createGhlTestKeys();
const other = createGhlTestKeys();
const opts = { ed25519PublicKey: keys.ed25519.publicKeyPem, rsaPublicKey: keys.rsa.publicKeyPem };
const body = readFileSync(join(FIXTURES, 'ContactCreate.json'));

describe('verifyGhlSignature', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))(
    'accepts %s signed with Ed25519 and with legacy RSA',
    async (file) => {
      const raw = readFileSync(join(FIXTURES, file));
      expect(
        await verifyGhlSignature({
          ...opts,
          rawBody: raw,
          headers: { 'X-GHL-Signature': signGhlEd25519(raw, keys.ed25519.privateKey) },
        }),
      ).toEqual({ ok: true, scheme: 'ed25519' });
      expect(
        await verifyGhlSignature({
          ...opts,
          rawBody: raw,
          headers: { 'x-wh-signature': signGhlRsa(raw, keys.rsa.privateKey) },
        }),
      ).toEqual({ ok: true, scheme: 'rsa-sha256' });
    },
  );

  it('accepts the raw body as a string and keys given as PEM or base64 SPKI', async () => {
    const sig = signGhlEd25519(body, keys.ed25519.privateKey);
    for (const ed25519PublicKey of [
      keys.ed25519.publicKeyPem,
      keys.ed25519.publicKeyBase64,
      keys.ed25519.publicKeyPem.replace(/\n/g, '\\n'),
    ]) {
      expect(
        (
          await verifyGhlSignature({
            rawBody: body.toString('utf8'),
            headers: { 'x-ghl-signature': sig },
            ed25519PublicKey,
          })
        ).ok,
      ).toBe(true);
    }
  });

  it('refuses a tampered body', async () => {
    const sig = signGhlEd25519(body, keys.ed25519.privateKey);
    const tampered = body.toString('utf8').replace('John', 'Jane');
    const result = await verifyGhlSignature({ ...opts, rawBody: tampered, headers: { 'x-ghl-signature': sig } });
    expect(result).toEqual({ ok: false, reason: 'X-GHL-Signature does not match the body (ed25519)' });
    const legacy = await verifyGhlSignature({
      ...opts,
      rawBody: tampered,
      headers: { 'x-wh-signature': signGhlRsa(body, keys.rsa.privateKey) },
    });
    expect(legacy.ok).toBe(false);
  });

  it('refuses a body re-serialised after parsing (only the raw bytes are signed)', async () => {
    const sig = signGhlEd25519(body, keys.ed25519.privateKey);
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    expect((await verifyGhlSignature({ ...opts, rawBody: reserialised, headers: { 'x-ghl-signature': sig } })).ok).toBe(
      false,
    );
  });

  it('refuses signatures made with another key', async () => {
    expect(
      (
        await verifyGhlSignature({
          ...opts,
          rawBody: body,
          headers: { 'x-ghl-signature': signGhlEd25519(body, other.ed25519.privateKey) },
        })
      ).ok,
    ).toBe(false);
    expect(
      (
        await verifyGhlSignature({
          ...opts,
          rawBody: body,
          headers: { 'x-wh-signature': signGhlRsa(body, other.rsa.privateKey) },
        })
      ).ok,
    ).toBe(false);
  });

  it('refuses when both headers are missing or N/A', async () => {
    for (const headers of [
      {},
      { 'x-ghl-signature': 'N/A' },
      { 'x-ghl-signature': 'N/A', 'x-wh-signature': 'n/a' },
      { 'x-ghl-signature': '' },
    ]) {
      const result = await verifyGhlSignature({ ...opts, rawBody: body, headers });
      expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('missing signature') });
    }
  });

  it('falls back to the legacy RSA header only when the Ed25519 header is N/A', async () => {
    const legacy = signGhlRsa(body, keys.rsa.privateKey);
    expect(
      await verifyGhlSignature({
        ...opts,
        rawBody: body,
        headers: { 'x-ghl-signature': 'N/A', 'x-wh-signature': legacy },
      }),
    ).toEqual({ ok: true, scheme: 'rsa-sha256' });
  });

  it('does not let a valid legacy signature rescue a bad Ed25519 one (no downgrade)', async () => {
    const headers = {
      'x-ghl-signature': signGhlEd25519(body, other.ed25519.privateKey),
      'x-wh-signature': signGhlRsa(body, keys.rsa.privateKey),
    };
    expect((await verifyGhlSignature({ ...opts, rawBody: body, headers })).ok).toBe(false);
  });

  it('refuses a malformed signature with a reason instead of throwing', async () => {
    expect(await verifyGhlSignature({ ...opts, rawBody: body, headers: { 'x-ghl-signature': 'not base64!' } })).toEqual(
      {
        ok: false,
        reason: 'X-GHL-Signature is not base64',
      },
    );
    expect(await verifyGhlSignature({ ...opts, rawBody: body, headers: { 'x-ghl-signature': 'AAAA' } })).toEqual({
      ok: false,
      reason: 'X-GHL-Signature must decode to 64 bytes, got 3',
    });
  });

  it('defaults to GHL published keys, which parse as the right key types', async () => {
    expect((await parsePublicKey(GHL_ED25519_PUBLIC_KEY_PEM, 'ed25519')).key.algorithm.name).toBe('Ed25519');
    expect((await parsePublicKey(GHL_RSA_PUBLIC_KEY_PEM, 'rsa')).key.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    // Our test key did not sign for GHL's published key, so the default must refuse it.
    expect(
      (
        await verifyGhlSignature({
          rawBody: body,
          headers: { 'x-ghl-signature': signGhlEd25519(body, keys.ed25519.privateKey) },
        })
      ).ok,
    ).toBe(false);
  });

  it('rejects a key of the wrong type at parse time', async () => {
    await expect(parsePublicKey(keys.rsa.publicKeyPem, 'ed25519')).rejects.toThrow(
      'public key must be ed25519, got rsa',
    );
    await expect(parsePublicKey('not a key!', 'rsa')).rejects.toThrow('rsa public key must be PEM or base64 SPKI');
  });
});
