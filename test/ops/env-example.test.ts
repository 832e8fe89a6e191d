import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../core/config/env-schema.ts';
import { loadEnv } from '../../core/config/load-env.ts';
import { open, seal } from '../../core/crypto/secret-box.ts';
import { envExampleKeys } from './env-example-keys.ts';

describe('.env.example', () => {
  it('lists every configuration variable, and nothing the app does not read', () => {
    const keys = envExampleKeys();
    const schemaKeys = Object.keys(EnvSchema.shape);
    expect(schemaKeys.filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !schemaKeys.includes(k))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every variable a one-line comment', () => {
    const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^[A-Z]/.test(line)) expect(lines[i - 1], line).toMatch(/^# \S/);
    });
  });

  it('loads as a valid configuration when copied unchanged', () => {
    const values = Object.fromEntries(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z]/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(() => loadEnv(values)).not.toThrow();
  });
});

describe('APP_SECRETS rotation', () => {
  const oldSecret = 'old-secret-0123456789';
  const newSecret = 'new-secret-0123456789';

  it('seals with the first secret and opens what older secrets sealed', () => {
    const before = loadEnv({ APP_SECRET: oldSecret });
    const sealedBefore = seal('xoxb-old', before.APP_SECRET!);
    const after = loadEnv({ APP_SECRETS: `${newSecret}, ${oldSecret}` });
    expect(open(sealedBefore, after.APP_SECRETS!)).toBe('xoxb-old');
    const sealedAfter = seal('xoxb-new', after.APP_SECRETS!);
    expect(open(sealedAfter, newSecret)).toBe('xoxb-new');
    expect(() => open(sealedAfter, oldSecret)).toThrow(/could not be decrypted/);
  });

  it('keeps APP_SECRET valid next to APP_SECRETS, which seals', () => {
    const env = loadEnv({ APP_SECRET: oldSecret, APP_SECRETS: newSecret });
    expect(env.APP_SECRET).toBe(newSecret);
    expect(env.APP_SECRETS).toEqual([newSecret, oldSecret]);
    expect(open(seal('t', oldSecret), env.APP_SECRETS!)).toBe('t');
  });

  it('names a short secret in the list', () => {
    expect(() => loadEnv({ APP_SECRETS: `${newSecret},short` })).toThrow(/APP_SECRETS.*16 characters/);
  });
});
