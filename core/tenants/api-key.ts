import { createHash, randomBytes } from 'node:crypto';

/** API keys are shown once; only their sha256 is stored, so a database leak does not leak keys. */
export function generateApiKey(random: (n: number) => Buffer = randomBytes): string {
  return `pl_${random(24).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
