import { readFileSync } from 'node:fs';

/** Reads a provider sample or signature vector from test/fixtures/platforms. */
export function platformFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/platforms/${name}`, import.meta.url), 'utf8')) as T;
}
