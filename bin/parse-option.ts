import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';
import { DeliveryChannel } from '../core/alerts/deliver-policy.ts';
import { TimeZone, type WorkingHours } from '../core/alerts/working-hours.ts';
import { isAppError } from '../core/errors/app-error.ts';
import { parseHours, parseVacation } from '../core/settings/agent-settings.ts';

/**
 * Value parsers for commander's `.argParser()` / `.argument(…, parser)`. A bad value fails while the command line
 * is parsed, before any database opens, and commander names the option and the value
 * ("option '--max-open <n>' argument 'abc' is invalid. expected a whole number or none"): one line, exit 2.
 * Each message is the "expected …" half.
 */
export type ValueParser<T> = (value: string) => T;

const invalid = (why: string) => new InvalidArgumentError(why);

/** A whole number in [min, max]; `3`, not `3.0`, `+3` or `3e0`. */
export function wholeNumber({ min = 0, max = Number.MAX_SAFE_INTEGER } = {}): ValueParser<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? (min > 0 ? ` of ${min} or more` : '') : ` from ${min} to ${max}`;
  return (value) => {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw invalid(`expected a whole number${range}`);
    return n;
  };
}

/** `word` (e.g. `none`, `always`) clears the setting: null; anything else goes through `parse`. */
export function orWord<T>(parse: ValueParser<T>, word: string): ValueParser<T | null> {
  return (value) => {
    if (value.trim().toLowerCase() === word) return null;
    try {
      return parse(value);
    } catch (error) {
      throw invalid(`${(error as Error).message}, or ${word}`);
    }
  };
}

export function oneOf<T extends string>(choices: readonly T[]): ValueParser<T> {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw invalid(`expected one of ${choices.join(', ')}`);
    return value as T;
  };
}

/** `a,b, c` → ['a','b','c']; blanks dropped. With `choices`, every item must be one of them. */
export function commaList<T extends string = string>(choices?: readonly T[]): ValueParser<T[]> {
  return (value) => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = choices ? items.filter((i) => !(choices as readonly string[]).includes(i)) : [];
    if (unknown.length)
      throw invalid(`unknown ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${choices!.join(', ')}`);
    return items as T[];
  };
}

/** For a repeatable option or a variadic argument: commander passes what was collected so far. */
export function each<T>(parse: ValueParser<T>): (value: string, previous?: T[]) => T[] {
  return (value, previous = []) => [...previous, parse(value)];
}

const matching =
  (pattern: RegExp, expected: string): ValueParser<string> =>
  (value) => {
    if (!pattern.test(value)) throw invalid(`expected ${expected}`);
    return value;
  };

/** Tenant, agent and inbound-event ids are opaque text; only an empty or spaced one is surely a typo. */
export const id = matching(/^\S+$/, 'an id without spaces');
export const e164 = matching(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number like +15125550100');
export const email = matching(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an email address like ana@example.com');
/** pg-boss job ids are UUIDs; anything else would reach the database as a type error. */
export const uuid = matching(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i, 'a job id (a UUID)');
/** Slack ids are upper-case: teams T… (E… on Enterprise Grid), users U… or W…. */
export const slackTeamId = matching(/^[TE][A-Z\d]{2,}$/, 'a Slack team id like T0123ABCD');
export const slackUserId = matching(/^[UW][A-Z\d]{2,}$/, 'a Slack user id like U0123ABCD');
/** Discord ids are snowflakes: 64-bit numbers, 17–20 digits today. */
export const discordId = matching(/^\d{15,21}$/, 'a Discord id (a number like 80351110224678912)');
export const deliveryChannels = commaList(DeliveryChannel.options);

export const timeZone: ValueParser<string> = (value) => {
  if (!TimeZone.safeParse(value).success) throw invalid('expected an IANA time zone like America/Chicago');
  return value;
};

/** Core parsers throw AppError with a readable message; here it becomes the "expected …" half. */
export function fromCore<T>(parse: (value: string) => T): ValueParser<T> {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      if (isAppError(error)) throw invalid(error.message);
      throw error;
    }
  };
}

/** `9-18`, `mon-fri 09:00-18:00`, `always` (null: no hours, always reachable). */
export const workingHours: ValueParser<WorkingHours | null> = (value) =>
  value.trim().toLowerCase() === 'always' ? null : fromCore(parseHours)(value);

/**
 * `2026-07-01..2026-07-14` or `none`. The shape is checked here; the dates are read in the agent's zone later,
 * once the agent (or a new `--timezone`) is known.
 */
export const vacation: ValueParser<string | null> = (value) => {
  if (value.trim().toLowerCase() === 'none') return null;
  fromCore((v) => parseVacation(v, 'UTC'))(value);
  return value;
};

/** `--since`: an ISO date or instant, or `Nd` (N days before now; the clock is the command's). */
export interface Since {
  text: string;
  resolve(now: Date): Date;
}

export const since: ValueParser<Since> = (value) => {
  const days = /^(\d{1,4})d$/.exec(value.trim());
  if (days) return { text: value, resolve: (now) => new Date(now.getTime() - Number(days[1]) * 86_400_000) };
  const at = DateTime.fromISO(value.trim(), { zone: 'utc' });
  if (!at.isValid) throw invalid('expected an ISO date like 2026-03-01 (or 2026-03-01T00:00:00Z), or Nd like 7d');
  return { text: value, resolve: () => at.toJSDate() };
};

/** A file that exists (and, given extensions, ends in one of them): a typo fails before anything opens. */
export function existingFile(extensions?: readonly string[]): ValueParser<string> {
  return (value) => {
    const ext = extname(value).toLowerCase();
    if (extensions && !extensions.includes(ext)) throw invalid(`expected a ${extensions.join(' or ')} file`);
    let isFile = false;
    try {
      isFile = statSync(value).isFile();
    } catch {
      throw invalid('no such file');
    }
    if (!isFile) throw invalid('expected a file, not a folder');
    return value;
  };
}
