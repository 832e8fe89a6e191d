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
  if (problems.length === 0 && result.success) return result.data;
  throw new AppError('invalid_config', `Invalid configuration: ${problems.join('; ')}`, { problems });
}
