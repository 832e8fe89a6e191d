import type { Hook } from '@hono/zod-openapi';
import { AppError } from '../../core/errors/app-error.ts';
import type { AppEnv } from '../app-env.ts';

/** What an issue with an empty path is about, by validation target. */
const WHOLE: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'params',
  header: 'headers',
  cookie: 'cookies',
};

/** Enough to fix a request in one go without echoing a whole 1 MiB batch back. */
const MAX_LISTED = 20;

/**
 * The one place a schema failure becomes an answer, for params, query and body alike:
 * `422 validation_failed` with every problem named by its path (`maxPrice: must be 0 or more;
 * near.miles: must be more than 0`), or `400 bad_request` for a path parameter. Routes never
 * format zod errors themselves.
 * @example new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
 */
export const validationHook: Hook<unknown, AppEnv, string, void> = (result) => {
  if (result.success) return;
  const issues = result.error.issues;
  const listed = issues
    .slice(0, MAX_LISTED)
    .map((issue) => `${issue.path.map(String).join('.') || WHOLE[result.target]}: ${issue.message}`);
  if (issues.length > MAX_LISTED) listed.push(`and ${issues.length - MAX_LISTED} more`);
  // A path that names no possible resource (`/leads/%00`) is a bad address, not a bad document.
  throw new AppError(result.target === 'param' ? 'bad_request' : 'validation_failed', listed.join('; '));
};
