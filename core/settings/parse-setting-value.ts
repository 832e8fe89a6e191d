import { AppError } from '../errors/app-error.ts';

/**
 * `key=value` as typed on a command line: the value is JSON when it parses as JSON (`10`, `true`,
 * `{"mon":["09:00","17:00"]}`), else the plain string (`Oak Street Realty`).
 * @example parseSettingAssignment('alerts.hotScore=85') // { key: 'alerts.hotScore', value: 85 }
 */
export function parseSettingAssignment(text: string): { key: string; value: unknown } {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq).trim() : '';
  if (!key) throw new AppError('bad_request', `expected key=value, got "${text}"`);
  return { key, value: parseSettingValue(text.slice(eq + 1)) };
}

export function parseSettingValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
