import { EnvSchema, crossFieldProblems, type Env } from './env-schema.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * Validates the whole environment at once so an operator fixes every problem in one go.
 * @example const env = loadEnv(process.env)
 */
export function loadEnv(source: Record<string, string | undefined>): Env {
  // Empty strings are "unset": shells and .env files commonly export VAR= to clear a value.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`)),
    ...crossFieldProblems(cleaned),
  ];
  if (problems.length === 0 && result.success) return withSecretList(result.data);
  throw new AppError('invalid_config', `Invalid configuration: ${problems.join('; ')}`, { problems });
}

/**
 * One rotation list for everything sealed or signed: APP_SECRETS first (its head seals), then APP_SECRET, which
 * stays valid. APP_SECRET becomes the sealing key so code that seals with `env.APP_SECRET` uses the newest one;
 * code that opens should pass `env.APP_SECRETS` (see `secretKeys`).
 */
function withSecretList(env: Env): Env {
  const keys = [...new Set([...(env.APP_SECRETS ?? []), ...(env.APP_SECRET ? [env.APP_SECRET] : [])])];
  if (!keys.length) return env;
  return { ...env, APP_SECRET: keys[0], APP_SECRETS: keys };
}

/** Every key that may open a sealed value or verify a signature, the sealing one first. */
export function secretKeys(env: Pick<Env, 'APP_SECRET' | 'APP_SECRETS'>): string[] {
  return env.APP_SECRETS?.length ? [...env.APP_SECRETS] : env.APP_SECRET ? [env.APP_SECRET] : [];
}
