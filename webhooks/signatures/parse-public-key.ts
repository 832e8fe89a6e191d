import { createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors/app-error.ts';

export type PublicKeyType = 'ed25519' | 'rsa';

/**
 * Parses a public key given as PEM or as bare base64 SPKI (DER), the two forms people paste into
 * env vars. Env editors mangle multi-line PEMs (literal `\n`, wrapping quotes), so the PEM is
 * rebuilt from its base64 body rather than trusted as typed.
 * @example parsePublicKey('MCowBQYDK2VwAyEA...', 'ed25519')
 */
export function parsePublicKey(input: string, expected: PublicKeyType): KeyObject {
  const body = input
    .replace(/\\n/g, '\n')
    .replace(/^["']|["']$/g, '')
    .replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) {
    throw new AppError('invalid_config', `${expected} public key must be PEM or base64 SPKI`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(body, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new AppError('invalid_config', `${expected} public key is not a valid SPKI public key`);
  }
  if (key.asymmetricKeyType !== expected) {
    throw new AppError('invalid_config', `public key must be ${expected}, got ${key.asymmetricKeyType}`);
  }
  return key;
}
