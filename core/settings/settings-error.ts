import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

/** Levenshtein distance, small strings only (setting names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The closest known name when it is near enough to be a typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** The object schema's keys at a dotted path, unwrapping defaults and optionals; [] when not an object. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const step of [...path, null]) {
    for (let i = 0; i < 10; i++) {
      const def = (node as { def?: { type: string; innerType?: unknown; in?: unknown } }).def;
      if (!def) return [];
      if (def.innerType) node = def.innerType;
      else if (def.type === 'pipe') node = def.in;
      else break;
    }
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    if (step === null) return shape ? Object.keys(shape) : [];
    if (!shape || !(String(step) in shape)) return [];
    node = shape[String(step)];
  }
  return [];
}

/** One line per problem, naming the dotted key and, for a misspelling, the key that was probably meant. */
export function describeSettingsIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const name = at ? `${at}.${key}` : key;
        const near = closestName(key, known);
        return `unknown setting "${name}"` + (near ? ` (did you mean "${at ? `${at}.${near}` : near}"?)` : '');
      });
    }
    return [`${at || 'settings'}: ${issue.message}`];
  });
}

/** A settings validation failure as the one error every door (CLI exit 2, REST 422, chat reply) shows. */
export function settingsError(schema: z.ZodType, error: z.ZodError): AppError {
  const lines = describeSettingsIssues(schema, error.issues);
  return new AppError('validation_failed', lines.join('; '), { issues: lines });
}
