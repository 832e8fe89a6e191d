import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';

/**
 * AES-256-GCM for tenant credentials at rest, keyed from APP_SECRET. GCM authenticates, so a
 * tampered ciphertext fails to open instead of decrypting to garbage.
 * Format: v1.<iv>.<tag>.<ciphertext>, each base64url.
 */
export function seal(plaintext: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

export function open(sealed: string, secret: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined)
    throw new AppError('invalid_config', 'Stored credentials are not in a format this version can read');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'invalid_config',
      'Stored credentials could not be decrypted: APP_SECRET differs from the one they were sealed with',
    );
  }
}

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`porchlight:credentials:${secret}`).digest();
}
