import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements one connection keeps prepared; past this, queries run unnamed as before (the server keeps each). */
export const MAX_NAMED_STATEMENTS = 300;

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown };

/**
 * Names every parameterized statement after its text, so each pooled connection parses and plans it once and
 * afterwards only binds and runs it. A message's path from webhook to chat runs about a hundred small statements
 * whose parse and plan cost PostgreSQL as much as running them. Statements without parameters are left alone:
 * a named statement must be one statement, and unparameterized text (migrations, `begin`) may hold several.
 * @example pool.on('connect', (client) => nameRepeatedStatements(client))
 */
export function nameRepeatedStatements(client: pg.PoolClient | pg.Client): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    const named = withName(config, values, names);
    return callback === undefined ? query(named, values) : query(named, values, callback);
  };
}

function withName(config: unknown, values: unknown, names: Map<string, string>): unknown {
  // A Query or Cursor object (pg's Submittable) carries its own protocol: not ours to change.
  if (typeof config !== 'object' || config === null || 'submit' in config) return config;
  const { text, name } = config as QueryConfig;
  const params = values ?? (config as QueryConfig).values;
  if (typeof text !== 'string' || name || !Array.isArray(params) || params.length === 0) return config;
  let statement = names.get(text);
  if (!statement) {
    if (names.size >= MAX_NAMED_STATEMENTS) return config;
    statement = `pl_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, statement);
  }
  return { ...config, name: statement };
}
