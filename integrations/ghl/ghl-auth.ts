import { AppError } from '../../core/errors/app-error.ts';

/** How the client gets a bearer token for a location; private-token and OAuth implement it. */
export interface GhlAuth {
  accessToken(locationId: string): Promise<string>;
  /** GHL answered 401 to `rejected`: return a different token to retry once with, or null to give up. */
  renew(locationId: string, rejected: string): Promise<string | null>;
}

/** A private integration token (sub-account settings): never expires, nothing to refresh. */
export function privateTokenAuth(token: string): GhlAuth {
  if (!token) throw new AppError('invalid_config', 'GHL_TOKEN must not be empty');
  return {
    accessToken: async () => token,
    renew: async () => null,
  };
}
