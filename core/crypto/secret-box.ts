import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';

/** One secret, or a rotation list (APP_SECRETS): the first seals, any opens. */
export type BoxSecret = string | readonly string[];

/**
 * AES-256-GCM for tenant credentials at rest, keyed from APP_SECRET (or the head of APP_SECRETS). GCM
 * authenticates, so a tampered ciphertext fails to open instead of decrypting to garbage, and opening with a
 * rotation list simply tries each key until one authenticates.
 * Format: v1.<iv>.<tag>.<ciphertext>, each base64url.
 * @example const sealed = seal(token, env.APP_SECRETS ?? env.APP_SECRET); open(sealed, env.APP_SECRETS)
 */
export function seal(plaintext: string, secret: BoxSecret): string {
  const key = keysOf(secret)[0];
  if (!key) throw new AppError('invalid_config', 'APP_SECRET (or APP_SECRETS) is required to store credentials');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(key), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

export function open(sealed: string, secret: BoxSecret): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined)
    throw new AppError('invalid_config', 'Stored credentials are not in a format this version can read');
  for (const key of keysOf(secret)) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyFrom(key), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // Wrong key for this value: try the next one in the rotation list.
    }
  }
  throw new AppError(
    'invalid_config',
    'Stored credentials could not be decrypted: none of APP_SECRET / APP_SECRETS is the one they were sealed with',
  );
}

function keysOf(secret: BoxSecret): readonly string[] {
  return typeof secret === 'string' ? [secret] : secret;
}

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`porchlight:credentials:${secret}`).digest();
}
