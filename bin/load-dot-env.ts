import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory when present (Node's own parser). Variables already set in the
 * environment win, so `PORT=4000 porchlight start` overrides the file. `PORCHLIGHT_ENV_FILE` names another file.
 */
export function loadDotEnv(path = process.env.PORCHLIGHT_ENV_FILE ?? '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
