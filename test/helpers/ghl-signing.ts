import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface GhlTestKeys {
  ed25519: { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; publicKeyBase64: string };
  rsa: { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string };
}

/** Fresh key pairs standing in for GHL's; hand the public halves to whatever verifies. */
export function createGhlTestKeys(): GhlTestKeys {
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ed25519: {
      ...ed,
      publicKeyPem: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      publicKeyBase64: ed.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    },
    rsa: { ...rsa, publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  };
}

/** The `X-GHL-Signature` value GHL would send: base64 Ed25519 over the raw body bytes. */
export function signGhlEd25519(body: string | Buffer, privateKey: KeyObject): string {
  return sign(null, Buffer.from(body), privateKey).toString('base64');
}

/** The legacy `X-WH-Signature` value: base64 RSA-SHA256 (PKCS#1 v1.5) over the raw body bytes. */
export function signGhlRsa(body: string | Buffer, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(body), privateKey).toString('base64');
}

/** Headers for a signed delivery; `scheme` picks which header carries the signature. */
export function ghlSignedHeaders(
  body: string,
  keys: GhlTestKeys,
  scheme: 'ed25519' | 'rsa-sha256' = 'ed25519',
): Record<string, string> {
  return scheme === 'ed25519'
    ? { 'content-type': 'application/json', 'x-ghl-signature': signGhlEd25519(body, keys.ed25519.privateKey) }
    : { 'content-type': 'application/json', 'x-wh-signature': signGhlRsa(body, keys.rsa.privateKey) };
}
