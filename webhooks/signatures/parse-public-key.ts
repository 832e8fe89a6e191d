import { AppError } from '../../core/errors/app-error.ts';
import { importSpkiKey, spkiKeyType, type SignatureScheme, type VerifyingKey } from './web-crypto.ts';

export type PublicKeyType = 'ed25519' | 'rsa' | 'ec';

/** The scheme each pasted key verifies with: GHL's Ed25519 and legacy RSA-SHA256, SendGrid's ECDSA P-256. */
const SCHEME_OF: Record<PublicKeyType, SignatureScheme> = {
  ed25519: 'ed25519',
  rsa: 'rsa-sha256',
  ec: 'ecdsa-p256-sha256',
};

/**
 * Parses a public key given as PEM or as bare base64 SPKI (DER), the two forms people paste into
 * env vars. Env editors mangle multi-line PEMs (literal `\n`, wrapping quotes), so the PEM is
 * rebuilt from its base64 body rather than trusted as typed. WebCrypto does the import, so the
 * Node server and the edge Worker read keys the same way.
 * @example const key = await parsePublicKey('MCowBQYDK2VwAyEA...', 'ed25519')
 */
export async function parsePublicKey(input: string, expected: PublicKeyType): Promise<VerifyingKey> {
  const body = input
    .replace(/\\n/g, '\n')
    .replace(/^["']|["']$/g, '')
    .replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) {
    throw new AppError('invalid_config', `${expected} public key must be PEM or base64 SPKI`);
  }
  const der = new Uint8Array(Buffer.from(body, 'base64'));
  const type = spkiKeyType(der);
  if (type === undefined) throw new AppError('invalid_config', `${expected} public key is not a valid SPKI public key`);
  if (type !== expected) throw new AppError('invalid_config', `public key must be ${expected}, got ${type}`);
  try {
    return await importSpkiKey(der, SCHEME_OF[expected]);
  } catch {
    throw new AppError('invalid_config', `${expected} public key is not a valid SPKI public key`);
  }
}
