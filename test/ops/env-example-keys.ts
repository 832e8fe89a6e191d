import { readFileSync } from 'node:fs';

/** The variable names `.env.example` assigns, in file order. */
export function envExampleKeys(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}
